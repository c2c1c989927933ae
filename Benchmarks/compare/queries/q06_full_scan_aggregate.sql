-- Full-scan aggregate over every event.
SELECT country,
       device,
       count(*) AS events,
       sum(quantity) AS units,
       sum(price * quantity) AS revenue,
       avg(price) AS avg_price
FROM silver.events
GROUP BY country, device
ORDER BY country, device
