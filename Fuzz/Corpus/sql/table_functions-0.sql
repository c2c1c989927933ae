-- Table functions in FROM, with positional and named arguments.
SELECT * FROM read_parquet('lake/silver/orders/**/*.parquet')