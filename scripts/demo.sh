#!/usr/bin/env bash
# The demo: the medallion flow of the three sample domains. Generates their dirty bronze data (once), ingests
# it into silver, builds gold, prints what the lakes hold, then three queries with their pruning funnels.
# Run again, everything is up to date and nothing is rewritten. Arguments: the strata binary, the folder
# holding one lake per domain.
set -euo pipefail
strata="$1"
lakes="$2"
cd "$(dirname "$0")/.."
domains=(algae ecommerce healthcare)
"$strata" --version

run() {
    echo
    echo "\$ strata $*"
    "$strata" "$@"
}

for domain in "${domains[@]}"; do
    lake="$lakes/$domain"
    if [ ! -d "$lake/bronze" ]; then
        echo
        echo "== generating the $domain bronze data (datasets/generate.py)"
        python3 datasets/generate.py --lake "$lakes" --domain "$domain" --scale 0.5 --quiet
    fi
    echo
    echo "== $domain: bronze → silver → gold"
    run ingest --lake "$lake" --models "datasets/$domain/silver"
    run materialize --lake "$lake" --models "datasets/$domain/gold"
done

# What each lake holds now: the newest build of every table, from the runs' own metrics.
summary="
SELECT 'silver' AS layer, model AS table_name, rows_out AS rows, partitions, rows_quarantined AS quarantined_rows,
       files_rejected AS rejected_files, concat(CAST(checks_passed AS VARCHAR), '/', CAST(checks_passed + checks_failed AS VARCHAR)) AS checks
FROM metrics.ingest m
WHERE status = 'built' AND run_started = (SELECT max(run_started) FROM metrics.ingest l WHERE l.model = m.model AND l.status = 'built')
UNION ALL
SELECT 'gold', model, rows, partitions_rebuilt, NULL, NULL,
       concat(CAST(checks_passed AS VARCHAR), '/', CAST(checks_passed + checks_failed AS VARCHAR))
FROM metrics.materialize m
WHERE status = 'built' AND rebuild LIKE 'full%'
  AND run_started = (SELECT max(run_started) FROM metrics.materialize l WHERE l.model = m.model AND l.status = 'built' AND l.rebuild LIKE 'full%')
ORDER BY layer DESC, table_name"
for domain in "${domains[@]}"; do
    echo
    echo "== $domain: the lake"
    "$strata" query --lake "$lakes/$domain" "$summary"
done

# A question, its answer, then what answering it read (EXPLAIN ANALYZE runs it again and shows the funnel).
ask() {
    local lake="$1" sql="$2"
    echo
    echo "\$ strata query --lake $lake \"$sql\""
    "$strata" query --lake "$lake" "$sql"
    echo "-- what it read:"
    "$strata" query --lake "$lake" "EXPLAIN ANALYZE $sql" | sed -n '/^Total/,$p'
}

echo
echo "== three questions, and what answering them read"
ask "$lakes/algae" "SELECT tpu_id, reactor_id, samples, round(avg_density, 3) AS density FROM gold.analytics.flowcam_daily_summary WHERE date = DATE '2024-05-03' AND tpu_id = 2 ORDER BY 1, 2"
ask "$lakes/ecommerce" "SELECT transaction_date, currency, completed_orders, completed_revenue, avg_order_value FROM gold.marts.daily_revenue WHERE transaction_date = DATE '2024-10-04' AND currency IN ('EUR', 'USD') ORDER BY 1, 2"
ask "$lakes/healthcare" "SELECT provider_name, code, negotiated_rate, round(pct_vs_market_avg, 1) AS pct_vs_market FROM gold.marts.fact_rate_enriched WHERE state = 'TX' AND billing_class = 'professional' AND procedure_class = 'Office/outpatient services' AND month = 9 ORDER BY pct_vs_market DESC, provider_name, code LIMIT 5"

echo
echo "Quarantined rows, with the rule and the line they came from:  $strata query --lake $lakes/ecommerce \"SELECT * FROM quarantine.events LIMIT 10\""
echo "Open the REPL on a lake with:                                 $strata --lake $lakes/algae"
