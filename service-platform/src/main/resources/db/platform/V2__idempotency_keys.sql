-- The first resource id each client idempotency key received, with a hash of the request that used it.
create table idempotency_key (
    scope           varchar(255) not null,
    idempotency_key varchar(255) not null,
    request_hash    char(64)     not null,
    resource_id     varchar(255) not null,
    created_at      timestamptz  not null default now(),
    primary key (scope, idempotency_key)
);
