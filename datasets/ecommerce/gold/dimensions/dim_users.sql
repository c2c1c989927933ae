-- gold.dimensions.dim_users: one row per user, the current version of the profile (silver.users where
-- is_current), for BI joins on user_id. An update delivered late never becomes current, so this is the
-- newest profile by updated_at; every version is in dim_users_history. version_count / first_version_at
-- tell how often and since when the profile has been changing.
-- @not_null user_id, email, created_at, signup_date, updated_at, version_count
-- @unique user_id
-- @row_count >= 1
-- @check updated_not_before_created: SELECT user_id FROM gold.dimensions.dim_users WHERE updated_at < created_at
CREATE TABLE gold.dimensions.dim_users
WITH (format = 'PARQUET')
AS SELECT
    u.user_id,
    u.email,
    u.first_name,
    u.last_name,
    u.country,
    u.city,
    u.status,
    u.status = 'active' AS is_active,
    u.marketing_opt_in,
    u.created_at,
    CAST(u.created_at AS DATE) AS signup_date,
    u.updated_at,
    v.version_count,
    v.first_version_at
FROM silver.users u
JOIN (
    SELECT user_id, count(*) AS version_count, min(valid_from) AS first_version_at
    FROM silver.users
    GROUP BY user_id
) v ON v.user_id = u.user_id
WHERE u.is_current
