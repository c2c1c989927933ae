-- One daily partition: revenue by event type on a single day.
SELECT event_type,
       count(*) AS events,
       sum(quantity) AS units,
       sum(price * quantity) AS revenue
FROM silver.events
WHERE event_date = DATE '2025-06-15'
GROUP BY event_type
ORDER BY event_type
