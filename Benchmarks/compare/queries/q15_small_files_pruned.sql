-- Three-level small-file table, pruned on all three keys: one reactor of one TPU over July.
SELECT date,
       avg(cell_density) AS avg_density,
       max(particle_count) AS max_particles,
       count(*) AS readings
FROM silver.flowcam
WHERE tpu_id = 2
  AND reactor_id = 2
  AND date BETWEEN DATE '2025-07-01' AND DATE '2025-07-31'
GROUP BY date
ORDER BY date
