-- CREATE [OR REPLACE] VIEW.
CREATE VIEW gold.v_daily AS SELECT "date", count(*) AS n FROM silver.flowcam GROUP BY "date";
CREATE OR REPLACE VIEW gold.v_daily AS SELECT "date", count(*) AS n FROM silver.flowcam GROUP BY 1;
CREATE VIEW gold.v_orders COMMENT 'paid orders only' AS SELECT * FROM silver.orders WHERE status = 'paid';
CREATE VIEW v AS WITH x AS (SELECT 1 AS a) SELECT a FROM x;
CREATE VIEW v AS (SELECT 1 AS a UNION ALL SELECT 2);
CREATE OR REPLACE VIEW marts.customer_360 AS
SELECT c.customer_id, c.name, count(o.order_id) AS orders, sum(o.amount) AS lifetime_value, max(o.order_ts) AS last_order
FROM silver.customers AS c
LEFT JOIN silver.orders AS o ON o.customer_id = c.customer_id
GROUP BY c.customer_id, c.name;
CREATE VIEW v AS VALUES (1, 'a');
