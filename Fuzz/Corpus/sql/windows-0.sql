-- Window functions and frames.
SELECT row_number() OVER () FROM t