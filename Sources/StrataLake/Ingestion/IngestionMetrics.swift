// The figures of each ingestion run, appended to tables of the lake partitioned by the run's date:
//
//   metrics.ingest               one row per model: status, files read and rejected, rows in, quarantined,
//                                deduplicated and written, bytes, duration, checks
//   metrics.ingest_rules         one row per model and rule that quarantined rows: the rule and its rows
//   metrics.ingest_columns       one row per model and written column: rows, NULLs, null rate
//   quarantine.rejected_files    one row per bronze file moved to quarantine: where it was, where it is, why
import StrataCore

struct IngestionMetrics {
    let session: LakeSession
    let runID: String
    /// Microseconds since the epoch.
    let startedAt: Int64

    static let models = MetricsTable(name: "metrics.ingest", fields: [
        Field("run_id", .varchar), Field("run_started", .timestamp), Field("model", .varchar), Field("status", .varchar),
        Field("reason", .varchar), Field("source_files", .bigint), Field("files_rejected", .bigint), Field("rows_in", .bigint),
        Field("rows_quarantined", .bigint), Field("rows_filtered", .bigint), Field("rows_deduplicated", .bigint), Field("rows_out", .bigint), Field("bytes", .bigint),
        Field("files", .bigint), Field("partitions", .bigint), Field("bytes_read", .bigint), Field("duration_ms", .bigint),
        Field("checks_passed", .bigint), Field("checks_failed", .bigint), Field("failed_checks", .varchar), Field("error", .varchar),
    ])

    static let rules = MetricsTable(name: "metrics.ingest_rules", fields: [
        Field("run_id", .varchar), Field("run_started", .timestamp), Field("model", .varchar), Field("rule", .varchar),
        Field("rows", .bigint),
    ])

    static let columns = MetricsTable(name: "metrics.ingest_columns", fields: [
        Field("run_id", .varchar), Field("run_started", .timestamp), Field("model", .varchar), Field("column_name", .varchar),
        Field("rows", .bigint), Field("nulls", .bigint), Field("null_rate", .double),
    ])

    static let rejectedFiles = MetricsTable(name: "quarantine.rejected_files", fields: [
        Field("run_id", .varchar), Field("run_started", .timestamp), Field("model", .varchar), Field("source_file", .varchar),
        Field("quarantined_as", .varchar), Field("reason", .varchar),
    ])

    /// Appends the rows of `runs` (planned-only runs are not recorded).
    func append(_ runs: [IngestionRun]) throws {
        let recorded = runs.filter { $0.status != .planned }
        let head: (IngestionRun) -> [Value] = { [runID, startedAt] run in [.varchar(runID), .timestamp(startedAt), .varchar(run.model)] }
        try Self.models.append(
            recorded.map { run in
                let failed = run.checksFailed.map { "\($0.name): \($0.finding)" }.joined(separator: "; ")
                let built = run.status == .built
                return head(run) + [
                    .varchar(run.status.rawValue), .varchar(run.reason), .integer(Int64(run.sourceFiles)), .integer(Int64(run.rejectedFiles.count)),
                    .integer(Int64(run.rowsIn)), .integer(Int64(run.rowsQuarantined)), .integer(Int64(run.rowsFiltered)), built ? .integer(Int64(run.rowsDeduplicated)) : .null,
                    .integer(Int64(run.rows)), .integer(Int64(run.bytes)), .integer(Int64(run.files)), .integer(Int64(run.partitions)),
                    .integer(Int64(run.bytesRead)), .integer(Int64(run.durationMilliseconds)), .integer(Int64(run.checksPassed.count)),
                    .integer(Int64(run.checksFailed.count)), failed.isEmpty ? .null : .varchar(failed), run.error.map(Value.varchar) ?? .null,
                ]
            }, startedAt: startedAt, session: session)
        try Self.rules.append(
            recorded.flatMap { run in run.quarantinedByRule.map { head(run) + [.varchar($0.rule), .integer(Int64($0.rows))] } },
            startedAt: startedAt, session: session)
        try Self.columns.append(
            recorded.filter { $0.status == .built }.flatMap { run in
                run.nullCounts.map { column, nulls in
                    head(run) + [
                        .varchar(column), .integer(Int64(run.rows)), .integer(Int64(nulls)),
                        run.rows == 0 ? .null : .double(Double(nulls) / Double(run.rows)),
                    ]
                }
            }, startedAt: startedAt, session: session)
        try Self.rejectedFiles.append(
            recorded.flatMap { run in
                run.rejectedFiles.map { head(run) + [.varchar($0.key), .varchar(Ingester.rejectedObjectsPrefix + $0.key), .varchar($0.reason)] }
            }, startedAt: startedAt, session: session)
    }
}
