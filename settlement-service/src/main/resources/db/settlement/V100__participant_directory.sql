create table known_account (
    account_id varchar(64) primary key,
    owner      varchar(255) not null
);

create table known_instrument (
    symbol varchar(16) primary key
);
