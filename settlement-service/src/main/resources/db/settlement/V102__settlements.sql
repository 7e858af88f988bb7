-- The settlement read model: one row per trade with its latest status. Rebuilt from the Settlement events on
-- replay, so nothing here is the truth.

create table settlements (
    trade_id          text primary key,
    symbol            text        not null,
    price             numeric     not null,
    quantity          bigint      not null,
    buy_order_id      text        not null,
    sell_order_id     text        not null,
    buyer_account_id  text        not null,
    seller_account_id text        not null,
    status            text        not null,
    failure_reason    text,
    started_at        timestamptz not null,
    settled_at        timestamptz,
    failed_at         timestamptz,
    -- Insertion order breaks ties between trades of the same instant (one sweep of the book), also after a replay.
    seq               bigserial   not null
);

create index settlements_newest on settlements (started_at desc, seq desc);
create index settlements_by_buyer on settlements (buyer_account_id, started_at desc, seq desc);
create index settlements_by_seller on settlements (seller_account_id, started_at desc, seq desc);
create index settlements_by_status on settlements (status, started_at desc, seq desc);
