-- CREATE EXTERNAL TABLE in Athena's Hive syntax, and the partition maintenance statements around it.

-- Hive-partitioned Parquet, the lake's everyday table.
CREATE EXTERNAL TABLE IF NOT EXISTS silver.flowcam (
  measurement_ts timestamp,
  particle_count bigint,
  avg_density decimal(10,3),
  cell_diameter_um double,
  operator_note string COMMENT 'free text from the plant operator'
)
COMMENT 'FlowCam readings, standardized'
PARTITIONED BY (`date` date, tpu_id int, reactor_id int)
STORED AS PARQUET
LOCATION 's3://baralgae-silver/flowcam/'
TBLPROPERTIES ('parquet.compression' = 'SNAPPY')