-- Top-N over a high-cardinality aggregate: the 20 biggest spenders of the year.
SELECT user_id,
       count(*) AS purchases,
       sum(price * quantity) AS spend
FROM silver.events
WHERE event_type = 'purchase'
GROUP BY user_id
ORDER BY spend DESC, user_id
LIMIT 20
