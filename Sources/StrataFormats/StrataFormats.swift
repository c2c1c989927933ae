// The formats layer: Parquet, CSV and NDJSON readers and writers over an ObjectStore.
