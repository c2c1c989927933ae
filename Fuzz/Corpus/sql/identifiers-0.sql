-- Names: case-insensitive when bare, exact when quoted, non-reserved keywords usable as names.
SELECT Order_ID, ORDER_ID, order_id FROM Silver.Orders