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
TBLPROPERTIES ("skip.header.line.count"="1")