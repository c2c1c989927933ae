-- Point lookup by primary key over the whole table (no partition predicate): min/max statistics decide.
SELECT event_id, event_ts, user_id, session_id, event_type, product_id, price
FROM silver.events
WHERE event_id = 2025081400000042
