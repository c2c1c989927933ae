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
)