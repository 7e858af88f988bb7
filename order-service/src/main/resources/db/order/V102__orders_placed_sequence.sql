-- Where an order's events start in its book's stream: its audit trail reads the book from there, not from the
-- book's first event. Orders stored before this column get it from their OrderPlaced event, once.
alter table orders add column placed_sequence bigint;

update orders o
set placed_sequence = e.sequence_number
from domain_event_entry e
where e.payload_type = 'io.bourse.events.order.OrderPlaced'
  and e.aggregate_identifier = o.symbol
  and convert_from(e.payload, 'UTF8')::jsonb ->> 'orderId' = o.order_id;
