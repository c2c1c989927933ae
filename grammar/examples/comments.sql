-- Comments and whitespace anywhere between tokens.
SELECT /* inline */ 1 -- trailing
;
/* a block comment
   over lines */ SELECT a, -- first
  b /* second */ FROM t -- the table
WHERE /**/ a = 1;
SELECT '-- not a comment', '/* nor this */' FROM t;
SELECT 1 /* a * star and / slash */ + 2;
	SELECT	a	FROM	t	;
SELECT 1--2
;
