-- Window ranking after a join: the three best-selling products of each category.
WITH sales AS (
    SELECT product_id, sum(price * quantity) AS revenue
    FROM silver.events
    WHERE event_type = 'purchase'
    GROUP BY product_id
),
ranked AS (
    SELECT p.category,
           s.product_id,
           s.revenue,
           row_number() OVER (PARTITION BY p.category ORDER BY s.revenue DESC, s.product_id) AS position
    FROM sales s
    JOIN gold.dim_products p ON s.product_id = p.product_id
)
SELECT category, position, product_id, revenue
FROM ranked
WHERE position <= 3
ORDER BY category, position
