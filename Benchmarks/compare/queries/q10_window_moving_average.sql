-- Window over an aggregate: daily purchase revenue with a 7-day moving average and the running total.
WITH daily AS (
    SELECT event_date, sum(price * quantity) AS revenue
    FROM silver.events
    WHERE event_type = 'purchase'
    GROUP BY event_date
)
SELECT event_date,
       revenue,
       avg(revenue) OVER (ORDER BY event_date ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS revenue_7d,
       sum(revenue) OVER (ORDER BY event_date ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS revenue_ytd
FROM daily
ORDER BY event_date
