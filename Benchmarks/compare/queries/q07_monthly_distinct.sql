-- Monthly active users per event type: a full scan with a distinct count on a derived partition value.
SELECT EXTRACT(MONTH FROM event_date) AS month,
       event_type,
       count(*) AS events,
       count(DISTINCT user_id) AS users
FROM silver.events
GROUP BY EXTRACT(MONTH FROM event_date), event_type
ORDER BY month, event_type
