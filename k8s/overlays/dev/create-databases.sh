#!/bin/sh
# Run by the postgres image once, when its data directory is first made: a database per service, owned by the
# service's own user, with the credentials of the Secret the service reads.
set -eu

create() {
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    --set=database="$1" --set=owner="$2" --set=password="$3" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"owner";
SQL
}

create bourse_order "$ORDER_DB_USERNAME" "$ORDER_DB_PASSWORD"
create bourse_portfolio "$PORTFOLIO_DB_USERNAME" "$PORTFOLIO_DB_PASSWORD"
create bourse_settlement "$SETTLEMENT_DB_USERNAME" "$SETTLEMENT_DB_PASSWORD"
