-- Comments and whitespace anywhere between tokens.
SELECT /* inline */ 1 -- trailing