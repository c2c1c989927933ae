-- COPY a query's result to files.
COPY (SELECT * FROM silver.orders) TO 'exports/orders.parquet';
COPY (SELECT * FROM silver.orders) TO 'exports/orders/' WITH (format = 'parquet', partitioned_by = ARRAY['country', 'order_date']);
COPY (SELECT customer_id, sum(amount) AS total FROM silver.orders GROUP BY 1) TO 's3://shop-lake/exports/totals.csv' WITH (format = 'csv', header = true);
COPY silver.orders TO 'exports/orders.json' WITH (format = 'ndjson');
COPY (WITH x AS (SELECT 1 AS a) SELECT * FROM x) TO 'x.parquet' WITH (format = 'parquet', compression = 'zstd', row_group_size = 100000);
COPY ((SELECT 1 AS a) UNION ALL (SELECT 2)) TO 'u.parquet';
