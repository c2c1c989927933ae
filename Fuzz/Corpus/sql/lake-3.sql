SELECT reactor_id, date_trunc('hour', measurement_ts) AS hour, avg(avg_density) AS density
FROM silver.flowcam
WHERE "date" BETWEEN current_date - INTERVAL '30' DAY AND current_date
GROUP BY reactor_id, date_trunc('hour', measurement_ts)
ORDER BY reactor_id, hour