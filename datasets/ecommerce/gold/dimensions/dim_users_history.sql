-- gold.dimensions.dim_users_history: every version of every user (slowly changing dimension, type 2), one row
-- per user and valid_from. A version holds from valid_from (its updated_at) until valid_to (the next version's
-- updated_at; NULL while current), so a fact is joined to the profile true at its own time with
-- valid_from <= t AND (valid_to IS NULL OR t < valid_to). Late-delivered old versions sit in their place.
-- @not_null user_id, version_number, email, created_at, valid_from, is_current
-- @unique user_id, valid_from
-- @unique user_id, version_number
-- @row_count >= 1
-- @check one_current_version_per_user:
--   SELECT user_id FROM gold.dimensions.dim_users_history GROUP BY user_id HAVING count_if(is_current) <> 1
-- @check versions_ordered: SELECT user_id FROM gold.dimensions.dim_users_history WHERE valid_to <= valid_from
CREATE TABLE gold.dimensions.dim_users_history
WITH (format = 'PARQUET')
AS SELECT
    user_id,
    CAST(row_number() OVER (PARTITION BY user_id ORDER BY valid_from) AS BIGINT) AS version_number,
    email,
    first_name,
    last_name,
    country,
    city,
    status,
    marketing_opt_in,
    created_at,
    updated_at,
    valid_from,
    valid_to,
    is_current
FROM silver.users
