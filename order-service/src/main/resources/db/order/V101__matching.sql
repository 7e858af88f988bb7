-- Fills, cancels and trades arrive with matching.

alter table orders add column filled_notional numeric not null default 0;
alter table orders add column cancel_reason text;

create table trades (
    trade_id          text primary key,
    symbol            text        not null,
    price             numeric     not null,
    quantity          bigint      not null,
    buy_order_id      text        not null,
    sell_order_id     text        not null,
    buyer_account_id  text        not null,
    seller_account_id text        not null,
    executed_at       timestamptz not null,
    -- The book's sequence number orders trades of the same instant.
    book_sequence     bigint      not null
);

create index trades_by_symbol on trades (symbol, executed_at desc, book_sequence desc);
create index trades_by_buy_order on trades (buy_order_id);
create index trades_by_sell_order on trades (sell_order_id);
create index trades_by_buyer on trades (buyer_account_id, executed_at desc);
create index trades_by_seller on trades (seller_account_id, executed_at desc);
