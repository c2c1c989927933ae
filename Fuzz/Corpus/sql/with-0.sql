-- WITH queries (common table expressions).
WITH x AS (SELECT 1 AS a) SELECT * FROM x