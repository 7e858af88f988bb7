-- Read models of order-service. Both are rebuilt from the event store on replay, so nothing here is the truth.

create table instruments (
    symbol    text primary key,
    tick_size numeric     not null,
    listed_at timestamptz not null
);

create table orders (
    order_id           text primary key,
    client_order_id    text,
    account_id         text        not null,
    symbol             text        not null,
    side               text        not null,
    order_type         text        not null,
    time_in_force      text        not null,
    quantity           bigint      not null,
    filled_quantity    bigint      not null default 0,
    remaining_quantity bigint      not null,
    average_fill_price numeric,
    limit_price        numeric,
    status             text        not null,
    reject_reason      text,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    -- The book's sequence number of the last event applied here: a redelivered or older event cannot undo a newer one.
    last_sequence      bigint      not null
);

create index orders_by_account on orders (account_id, created_at desc);

-- Book depth reads only what rests: a partial index keeps it small however many orders have finished.
create index orders_resting on orders (symbol, side, limit_price) where status in ('OPEN', 'PARTIALLY_FILLED');
