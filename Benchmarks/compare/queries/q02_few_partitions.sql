-- A few partitions (first day of each quarter, the last one after the schema drift): events by country.
SELECT event_date,
       country,
       count(*) AS events,
       count(DISTINCT user_id) AS users,
       sum(price * quantity) AS revenue
FROM silver.events
WHERE event_date IN (DATE '2025-01-01', DATE '2025-04-01', DATE '2025-07-01', DATE '2025-10-01')
GROUP BY event_date, country
ORDER BY event_date, country
