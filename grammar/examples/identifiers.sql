-- Names: case-insensitive when bare, exact when quoted, non-reserved keywords usable as names.
SELECT Order_ID, ORDER_ID, order_id FROM Silver.Orders;
SELECT "Order ID", "select", "from", "a""b", "Ünïcödé" FROM "Silver"."Orders";
SELECT data, format, location, comment, partition, range, rows, first, last, nulls, filter, over, position, substring FROM t;
SELECT key, value, zone, at, time, year, month, day, hour, minute, second, current, respect, ignore FROM t;
SELECT t.date, t.year FROM t;
SELECT s.t.c, cat.s.t.c FROM cat.s.t;
SELECT a AS "Alias With Spaces", b AS " " FROM t;
SELECT x.y FROM t AS x;
SELECT _private, a1, a_1_b FROM t;
SELECT "$path", "$file_size" FROM silver.orders;
