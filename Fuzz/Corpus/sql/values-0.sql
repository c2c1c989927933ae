-- VALUES as a query and in FROM.
VALUES (1, 'a'), (2, 'b')