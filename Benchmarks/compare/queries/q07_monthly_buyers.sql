-- Monthly buyers: a full scan grouped by a value derived from the partition key, with a distinct count.
SELECT EXTRACT(MONTH FROM event_date) AS month,
       count(*) AS purchases,
       count(DISTINCT user_id) AS buyers,
       sum(price * quantity) AS revenue
FROM silver.events
WHERE event_type = 'purchase'
GROUP BY EXTRACT(MONTH FROM event_date)
ORDER BY month
