-- Schema drift: coupon_code exists only in files from 2025-10-01 on; older files read it as NULL.
SELECT EXTRACT(MONTH FROM event_date) AS month,
       count(*) AS events,
       count(coupon_code) AS with_coupon,
       count(DISTINCT coupon_code) AS coupons
FROM silver.events
WHERE event_date >= DATE '2025-08-01'
GROUP BY EXTRACT(MONTH FROM event_date)
ORDER BY month
