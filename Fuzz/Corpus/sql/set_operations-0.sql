-- UNION, INTERSECT, EXCEPT: INTERSECT binds tighter, all associate to the left.
SELECT a FROM t UNION SELECT a FROM u