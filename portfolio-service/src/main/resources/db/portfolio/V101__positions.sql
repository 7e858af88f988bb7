-- Settlement moves cash and units between accounts and builds positions (average-cost method).

alter table account_view add column frozen boolean not null default false;

create table position_view (
    account_id   varchar(255) not null references account_view (account_id),
    symbol       varchar(16)  not null,
    quantity     bigint       not null,
    -- what the units held cost in all; average cost = cost_basis / quantity
    cost_basis   numeric      not null,
    realized_pnl numeric      not null,
    primary key (account_id, symbol)
);

-- What each settled sell leg took out of its position, so that a reversal can put exactly that back.
create table position_sale (
    leg_id       varchar(255) not null primary key,
    cost_removed numeric      not null,
    realized_pnl numeric      not null
);
