-- Three-level small-file table, full scan: monthly summary per TPU over every tiny file.
SELECT EXTRACT(MONTH FROM date) AS month,
       tpu_id,
       avg(cell_density) AS avg_density,
       sum(particle_count) AS particles,
       sum(CASE WHEN quality_flag <> 'ok' THEN 1 ELSE 0 END) AS flagged
FROM silver.flowcam
GROUP BY EXTRACT(MONTH FROM date), tpu_id
ORDER BY month, tpu_id
