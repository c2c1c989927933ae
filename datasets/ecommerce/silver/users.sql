-- silver.users: every version of every user (slowly changing, type 2). The first file is a snapshot, the
-- others the day's updates; a version is a user's row at one `updated_at`. `valid_from`/`valid_to` bound the
-- time each version was true and `is_current` marks the newest, so an update delivered late (older than one
-- already delivered) takes its place in the history and never becomes current.
-- @key user_id, updated_at
-- @history user_id by updated_at
-- @rule updated_at_plausible: updated_at >= TIMESTAMP '2000-01-01 00:00:00' AND updated_at < TIMESTAMP '2030-01-01 00:00:00'
-- @not_null email, created_at
CREATE TABLE silver.users
WITH (format = 'PARQUET')
AS SELECT
    CAST(user_id AS BIGINT) AS user_id,
    CAST(email AS VARCHAR) AS email,
    CAST(first_name AS VARCHAR) AS first_name,
    CAST(last_name AS VARCHAR) AS last_name,
    CAST(country AS VARCHAR) AS country,
    CAST(city AS VARCHAR) AS city,
    CAST(status AS VARCHAR) AS status,
    CAST(created_at AS TIMESTAMP) AS created_at,
    CAST(updated_at AS TIMESTAMP) AS updated_at,
    CAST(marketing_opt_in AS BOOLEAN) AS marketing_opt_in
FROM read_csv('bronze/users/*.csv')
