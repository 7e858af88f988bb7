-- One database per service, as each service's event store and read models are its own.
create database bourse_order;
create database bourse_portfolio;
create database bourse_settlement;
