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
TBLPROPERTIES ('parquet.compression' = 'SNAPPY');

-- The pre-joined healthcare rates with nine partition keys and partition projection.
CREATE EXTERNAL TABLE rates.fact_rate_enriched (
  fact_uid string,
  year_month string,
  code_type string,
  code string,
  negotiated_type string,
  negotiation_arrangement string,
  negotiated_rate double,
  expiration_date string,
  latitude double,
  longitude double,
  county_name string
)
PARTITIONED BY (
  payer_slug string,
  state string,
  billing_class string,
  procedure_set string,
  procedure_class string,
  taxonomy string,
  stat_area_name string,
  year int,
  month int
)
STORED AS PARQUET
LOCATION 's3://rates-lake/partitioned-data/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.payer_slug.type' = 'enum',
  'projection.payer_slug.values' = 'unitedhealthcare-of-georgia-inc,anthem-blue-cross-blue-shield',
  'projection.year.type' = 'integer',
  'projection.year.range' = '2020,2030',
  'projection.month.type' = 'integer',
  'projection.month.range' = '1,12',
  'storage.location.template' = 's3://rates-lake/partitioned-data/payer_slug=${payer_slug}/state=${state}/year=${year}/month=${month}/'
);

-- Glue-crawler style: every name backquoted.
CREATE EXTERNAL TABLE `bronze`.`orders_raw`(
  `order_id` string,
  `customer_id` string,
  `order_ts` string,
  `amount` string,
  `currency` string)
PARTITIONED BY (
  `ingest_date` string)
ROW FORMAT DELIMITED
  FIELDS TERMINATED BY ','
  LINES TERMINATED BY '\n'
STORED AS INPUTFORMAT
  'org.apache.hadoop.mapred.TextInputFormat'
OUTPUTFORMAT
  'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION
  's3://shop-lake/bronze/orders/'
TBLPROPERTIES (
  'classification'='csv',
  'skip.header.line.count'='1',
  'has_encrypted_data'='false');

-- CSV with quoted fields through OpenCSVSerde.
CREATE EXTERNAL TABLE bronze.customers_csv (
  customer_id string,
  name string,
  email string,
  signup_date string
)
ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
WITH SERDEPROPERTIES (
  'separatorChar' = ',',
  'quoteChar' = '"',
  'escapeChar' = '\\'
)
STORED AS TEXTFILE
LOCATION 's3://shop-lake/bronze/customers/'
TBLPROPERTIES ("skip.header.line.count"="1");

-- NDJSON through the OpenX JSON SerDe, with nested types.
CREATE EXTERNAL TABLE bronze.events_json (
  event_id string,
  event_type string,
  occurred_at timestamp,
  user_agent string,
  tags array<string>,
  attributes map<string,string>,
  device struct<os:string,version:string,screen:struct<width:int,height:int>>
)
PARTITIONED BY (dt string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES ('ignore.malformed.json' = 'true')
LOCATION 's3://shop-lake/bronze/events/';

-- CloudTrail logs (the Athena documentation's example, abridged).
CREATE EXTERNAL TABLE cloudtrail_logs (
  eventversion STRING,
  useridentity STRUCT<
    type:STRING,
    principalid:STRING,
    arn:STRING,
    accountid:STRING,
    sessioncontext:STRUCT<
      attributes:STRUCT<mfaauthenticated:STRING, creationdate:STRING>>>,
  eventtime STRING,
  eventsource STRING,
  eventname STRING,
  awsregion STRING,
  sourceipaddress STRING,
  requestparameters STRING,
  resources ARRAY<STRUCT<arn:STRING, accountid:STRING, type:STRING>>,
  readonly STRING
)
COMMENT 'CloudTrail table for my-trail bucket'
ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION 's3://my-trail/AWSLogs/111122223333/CloudTrail/'
TBLPROPERTIES ('classification'='cloudtrail');

-- Application Load Balancer logs through RegexSerDe.
CREATE EXTERNAL TABLE IF NOT EXISTS alb_logs (
  type string,
  time string,
  elb string,
  client_ip string,
  client_port int,
  request_processing_time double,
  elb_status_code int,
  received_bytes bigint,
  sent_bytes bigint,
  request_verb string,
  request_url string
)
PARTITIONED BY (day STRING)
ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.RegexSerDe'
WITH SERDEPROPERTIES (
  'serialization.format' = '1',
  'input.regex' = '([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*):([0-9]*) ([-.0-9]*) ([-0-9]*) ([-0-9]*) ([-0-9]*) \"([^ ]*) (.*)\"'
)
LOCATION 's3://my-alb-logs/AWSLogs/111122223333/elasticloadbalancing/us-east-1/';

-- Delimited text with every DELIMITED clause.
CREATE EXTERNAL TABLE bronze.scada_citect (
  tag_name string,
  reading double,
  quality tinyint,
  read_at timestamp
)
PARTITIONED BY (`date` date)
ROW FORMAT DELIMITED
  FIELDS TERMINATED BY '\t' ESCAPED BY '\\'
  COLLECTION ITEMS TERMINATED BY '|'
  MAP KEYS TERMINATED BY ':'
  LINES TERMINATED BY '\n'
  NULL DEFINED AS ''
STORED AS TEXTFILE
LOCATION 's3://baralgae-bronze/scada/citect/';

-- Bucketed ORC.
CREATE EXTERNAL TABLE silver.sessions (
  session_id string,
  user_id bigint,
  started_at timestamp,
  duration_s int
)
PARTITIONED BY (dt date)
CLUSTERED BY (user_id) SORTED BY (started_at DESC) INTO 32 BUCKETS
STORED AS ORC
LOCATION 's3://shop-lake/silver/sessions/';

-- WITH SERDEPROPERTIES after STORED AS, as Athena's syntax summary allows.
CREATE EXTERNAL TABLE bronze.weather_forecast (
  station string,
  forecast_for timestamp,
  temperature_c real,
  wind_ms float
)
ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe'
STORED AS TEXTFILE
WITH SERDEPROPERTIES ('field.delim' = ';')
LOCATION 's3://baralgae-bronze/weather/forecast/';

-- Every scalar type of the dialect in one table.
CREATE EXTERNAL TABLE lab.all_types (
  c_boolean boolean,
  c_tinyint tinyint,
  c_smallint smallint,
  c_int int,
  c_integer integer,
  c_bigint bigint,
  c_real real,
  c_float float,
  c_double double,
  c_decimal decimal(38,9),
  c_decimal_p decimal(18),
  c_varchar varchar(255),
  c_char char(2),
  c_string string,
  c_binary binary,
  c_date date,
  c_timestamp timestamp
)
STORED AS PARQUET
LOCATION 'lab/all_types/';

-- The minimum: a name and a location.
CREATE EXTERNAL TABLE gold.daily_summary
LOCATION 's3://baralgae-gold/analytics/daily_summary/';

-- JSONFILE shorthand and a local lake path.
CREATE EXTERNAL TABLE IF NOT EXISTS quarantine.rejected_rows (
  source_file string,
  line_number bigint,
  reason string,
  raw string
)
PARTITIONED BY (run_date date)
STORED AS JSONFILE
LOCATION './lake/quarantine/rejected_rows/';

-- Partition maintenance.
MSCK REPAIR TABLE silver.flowcam;
MSCK REPAIR TABLE `bronze`.`orders_raw`;
ALTER TABLE silver.flowcam ADD PARTITION (`date` = '2024-03-01', tpu_id = 1, reactor_id = 2);
ALTER TABLE silver.flowcam ADD IF NOT EXISTS
  PARTITION (`date` = '2024-03-01', tpu_id = 1, reactor_id = 1) LOCATION 's3://baralgae-silver/flowcam/date=2024-03-01/tpu_id=01/reactor_id=01/'
  PARTITION (`date` = '2024-03-01', tpu_id = 1, reactor_id = 2) LOCATION 's3://baralgae-silver/flowcam/date=2024-03-01/tpu_id=01/reactor_id=02/';
ALTER TABLE orders ADD PARTITION (dt = DATE '2014-05-14', country = 'IN');
ALTER TABLE orders DROP PARTITION (dt = '2014-05-14', country = 'IN');
ALTER TABLE orders DROP IF EXISTS PARTITION (dt = '2014-05-14', country = 'IN'), PARTITION (dt = '2014-05-15', country = 'IN');
ALTER TABLE metrics.row_counts ADD PARTITION (run_id = -1) LOCATION 'metrics/row_counts/run_id=-1/';
ALTER TABLE lab.flags ADD PARTITION (enabled = true, ratio = 0.5);

-- Dropping.
DROP TABLE silver.flowcam;
DROP TABLE IF EXISTS bronze.customers_csv;
DROP TABLE `bronze`.`orders_raw`;
DROP VIEW gold.v_daily;
DROP VIEW IF EXISTS gold.v_weekly;
