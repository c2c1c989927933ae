-- Table functions in FROM, with positional and named arguments.
SELECT * FROM read_parquet('lake/silver/orders/**/*.parquet');
SELECT * FROM read_parquet('s3://shop-lake/silver/orders/*/*.parquet', hive_partitioning = true);
SELECT * FROM read_parquet('lake/silver/flowcam/date=*/tpu_id=*/reactor_id=*/*.parquet', hive_partitioning => true) AS f WHERE f.tpu_id = 1;
SELECT * FROM read_csv('bronze/orders/*.csv.gz', header = true, delimiter = ';', compression => 'gzip');
SELECT * FROM read_csv('bronze/customers.csv');
SELECT * FROM read_json('bronze/events/dt=2024-03-01/*.json', format = 'newline_delimited') AS e (id, kind);
SELECT count(*) FROM read_parquet(ARRAY['a.parquet', 'b.parquet']);
SELECT * FROM read_csv('x.csv', columns = 3, skip = 1 + 1, nullstr = '');
SELECT * FROM lake.read_parquet('x.parquet') t;
SELECT * FROM read_parquet();
