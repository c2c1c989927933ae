-- Two and a half hours of one day on the event timestamp, without a partition predicate: statistics pick the
-- day's files, the page index (where the writer left one) the hours.
SELECT EXTRACT(HOUR FROM event_ts) AS hour,
       count(*) AS events,
       sum(price * quantity) AS revenue
FROM silver.events
WHERE event_ts >= TIMESTAMP '2025-05-20 09:00:00'
  AND event_ts < TIMESTAMP '2025-05-20 11:30:00'
GROUP BY EXTRACT(HOUR FROM event_ts)
ORDER BY hour
