-- Function calls: aggregates, DISTINCT, FILTER, ORDER BY inside calls, special forms.
SELECT count(*), count(1), count(x), count(DISTINCT x) FROM t