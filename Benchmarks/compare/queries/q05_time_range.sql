-- A 60-hour time range on the event timestamp, without a partition predicate.
SELECT event_type,
       device,
       count(*) AS events,
       count(DISTINCT user_id) AS users,
       avg(price) AS avg_price
FROM silver.events
WHERE event_ts >= TIMESTAMP '2025-03-10 06:00:00'
  AND event_ts < TIMESTAMP '2025-03-12 18:00:00'
GROUP BY event_type, device
ORDER BY event_type, device
