-- Count, min and max over everything: answerable from Parquet footers alone.
SELECT count(*) AS events,
       min(event_ts) AS first_event,
       max(event_ts) AS last_event,
       min(event_id) AS min_id,
       max(event_id) AS max_id,
       min(price) AS min_price,
       max(price) AS max_price
FROM silver.events
