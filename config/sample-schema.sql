-- DistData sample schema, loaded by `bin/distdata up` on a cluster's first start
-- (skip it with `bin/distdata up --empty`). The data is in sample-data/*.csv, written by
-- `bin/distdata generate --customers 100 --orders 1000 --seed 42 --out sample-data`.
--
-- DISTRIBUTE BY HASH and REFERENCE are DistData's DDL extensions (API.md); the engine
-- strips them before the statement reaches Derby.

-- Small and read everywhere: a copy in every partition, so joins with it stay local. A write
-- to it changes every partition at once, by two-phase commit in a cluster.
CREATE TABLE countries (
    code CHAR(2)     NOT NULL PRIMARY KEY,
    name VARCHAR(64) NOT NULL
) REFERENCE;

-- Distributed by its primary key.
CREATE TABLE customers (
    id      INT          NOT NULL PRIMARY KEY,
    name    VARCHAR(100) NOT NULL,
    email   VARCHAR(200) NOT NULL,
    country CHAR(2)      NOT NULL,
    created DATE         NOT NULL
) DISTRIBUTE BY HASH (id);

-- Distributed by customer_id: an order lives in the same partition as its customer, so
-- `orders JOIN customers ON orders.customer_id = customers.id` runs without moving rows.
-- A distributed table's primary key must include its distribution column (uniqueness is
-- checked per partition, as in Citus), hence (id, customer_id); ids are unique anyway.
CREATE TABLE orders (
    id          BIGINT        NOT NULL,
    customer_id INT           NOT NULL,
    amount      DECIMAL(10,2) NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    ordered_at  TIMESTAMP     NOT NULL,
    PRIMARY KEY (id, customer_id)
) DISTRIBUTE BY HASH (customer_id);
