-- CREATE [OR REPLACE] VIEW.
CREATE VIEW gold.v_daily AS SELECT "date", count(*) AS n FROM silver.flowcam GROUP BY "date"