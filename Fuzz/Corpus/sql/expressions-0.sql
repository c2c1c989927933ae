-- Operators, precedence and predicates.
SELECT 1 + 2 * 3 - 4 / 2 % 3