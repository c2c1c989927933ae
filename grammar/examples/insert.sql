-- INSERT INTO and INSERT OVERWRITE.
INSERT INTO gold.daily SELECT * FROM staging.daily;
INSERT INTO gold.daily (day, total) SELECT day, sum(x) FROM t GROUP BY day;
INSERT INTO gold.daily VALUES (DATE '2024-01-01', 10), (DATE '2024-01-02', 12);
INSERT INTO gold.daily (day, total) VALUES (DATE '2024-01-03', 7);
INSERT INTO gold.daily (SELECT * FROM staging.daily);
INSERT INTO gold.daily WITH s AS (SELECT * FROM staging.daily) SELECT * FROM s;
INSERT INTO TABLE gold.daily SELECT * FROM staging.daily;
INSERT OVERWRITE TABLE gold.daily SELECT * FROM staging.daily;
INSERT OVERWRITE gold.daily SELECT * FROM staging.daily;
INSERT OVERWRITE TABLE gold.flowcam_daily PARTITION (measurement_date = '2024-03-01')
SELECT tpu_id, reactor_id, avg(avg_density) FROM silver.flowcam WHERE "date" = DATE '2024-03-01' GROUP BY tpu_id, reactor_id;
INSERT OVERWRITE TABLE gold.flowcam_daily PARTITION (measurement_date)
SELECT tpu_id, reactor_id, avg(avg_density), "date" FROM silver.flowcam GROUP BY tpu_id, reactor_id, "date";
INSERT OVERWRITE TABLE gold.sales PARTITION (country = 'DE', dt) SELECT id, amount, dt FROM silver.sales WHERE country = 'DE';
INSERT INTO gold.sales PARTITION (dt = DATE '2024-03-01') (id, amount) SELECT id, amount FROM silver.sales;
INSERT INTO metrics.row_counts SELECT 'silver.orders', count(*), current_timestamp FROM silver.orders;
INSERT INTO quarantine.rejected_rows SELECT source_file, line_number, 'amount is not a number', raw FROM bronze.parsed WHERE TRY_CAST(amount AS DOUBLE) IS NULL;
