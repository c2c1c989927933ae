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
  'has_encrypted_data'='false')