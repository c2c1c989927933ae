-- SELECT and its clauses.
SELECT 1