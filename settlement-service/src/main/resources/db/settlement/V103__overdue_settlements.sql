-- A settlement whose legs did not answer in time is flagged, and after its retries parked for an operator.
alter table settlements add column overdue_since timestamptz;
alter table settlements add column parked_at timestamptz;

create index settlements_overdue on settlements (overdue_since) where overdue_since is not null and status = 'PENDING';

-- Nothing reads the participant directory: settlement needs no copy of the accounts and instruments.
drop table known_account;
drop table known_instrument;
