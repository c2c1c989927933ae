-- One user's activity over the year: a needle in every partition; a quarter of the files are sorted by user_id.
SELECT event_date,
       count(*) AS events,
       sum(price * quantity) AS spend
FROM silver.events
WHERE user_id = 4242
GROUP BY event_date
ORDER BY event_date
