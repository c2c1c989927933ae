-- Join with the product dimension: purchase revenue by category over the year.
SELECT p.category,
       count(*) AS purchases,
       sum(e.quantity) AS units,
       sum(e.price * e.quantity) AS revenue
FROM silver.events e
JOIN gold.dim_products p ON e.product_id = p.product_id
WHERE e.event_type = 'purchase'
GROUP BY p.category
ORDER BY p.category
