-- COPY a query's result to files.
COPY (SELECT * FROM silver.orders) TO 'exports/orders.parquet'