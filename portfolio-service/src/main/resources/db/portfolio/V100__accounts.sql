-- The account read model, rebuilt from the Portfolio events whenever the "accounts" processor is replayed.

create table account_view (
    account_id    varchar(255) not null primary key,
    owner         varchar(255) not null,
    opened_at     timestamptz  not null,
    -- the sequence number of the last Portfolio event applied: a redelivered event is not applied twice
    last_sequence bigint       not null
);

-- Amounts keep the scale of their asset (2 for cash, 0 for units); the aggregate never lets them go negative.
create table balance_view (
    account_id varchar(255) not null references account_view (account_id),
    asset      varchar(16)  not null,
    available  numeric      not null check (available >= 0),
    reserved   numeric      not null check (reserved >= 0),
    primary key (account_id, asset)
);
