-- When each saga started, so operators can see the oldest and those open past their expected lifetime. Axon names
-- its columns when it writes a saga, so the default fills this one.
alter table saga_entry add column started_at timestamptz not null default now();
create index saga_entry_type_started on saga_entry (saga_type, started_at);
