/* a block comment
   over lines */ SELECT a, -- first
  b /* second */ FROM t -- the table
WHERE /**/ a = 1