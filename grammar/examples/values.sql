-- VALUES as a query and in FROM.
VALUES (1, 'a'), (2, 'b');
VALUES 1, 2, 3;
VALUES (1);
SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS t (id, name);
SELECT id FROM (VALUES (1), (2)) AS t (id) WHERE id > 1;
SELECT * FROM (VALUES (DATE '2024-01-01', 1.5), (DATE '2024-01-02', NULL)) AS v (d, x);
SELECT * FROM silver.orders AS o JOIN (VALUES ('US', 'United States'), ('DE', 'Germany')) AS c (code, name) ON o.country = c.code;
VALUES (1, 2) ORDER BY 1 DESC LIMIT 1;
