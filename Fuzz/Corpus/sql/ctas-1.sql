CREATE TABLE IF NOT EXISTS gold.orders_by_day
WITH (format = 'PARQUET', partitioned_by = ARRAY['order_date', 'country'])
AS SELECT customer_id, sum(amount) AS revenue, order_date, country
FROM silver.orders
GROUP BY customer_id, order_date, country