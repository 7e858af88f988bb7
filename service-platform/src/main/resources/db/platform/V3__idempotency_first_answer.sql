-- The first answer a key's request got, as JSON, for requests whose answer changes later (an order's status): a
-- repeat answers with it. Null until that first answer was given, or when the request's answer is its id alone.
alter table idempotency_key add column first_answer text;
