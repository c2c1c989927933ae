-- Join with a selective dimension filter and one month of partitions.
SELECT e.event_date,
       p.brand,
       count(*) AS events,
       sum(e.price * e.quantity) AS revenue
FROM silver.events e
JOIN gold.dim_products p ON e.product_id = p.product_id
WHERE p.brand IN ('Brand 007', 'Brand 042')
  AND e.event_date BETWEEN DATE '2025-05-01' AND DATE '2025-05-31'
GROUP BY e.event_date, p.brand
ORDER BY e.event_date, p.brand
