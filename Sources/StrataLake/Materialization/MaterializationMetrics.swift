// The metrics of each materialization run, appended to two tables of the lake, partitioned by the run's
// date, that `strata query` reads like any other:
//
//   metrics.materialize          one row per model: status, rebuild, rows, bytes, files, partitions
//                                rebuilt, bytes read, duration, checks passed and failed
//   metrics.materialize_columns  one row per model and written column: rows, NULLs, null rate
//
// Appending goes through the commit protocol, so a killed run leaves its metrics whole or absent.
import StrataCore
import StrataFormats
import StrataPlanner

struct MaterializationMetrics {
    let session: LakeSession
    let runID: String
    /// Microseconds since the epoch.
    let startedAt: Int64

    static let models = MetricsTable(name: "metrics.materialize", fields: [
        Field("run_id", .varchar), Field("run_started", .timestamp), Field("model", .varchar), Field("status", .varchar),
        Field("rebuild", .varchar), Field("rows", .bigint), Field("bytes", .bigint), Field("files", .bigint),
        Field("partitions_rebuilt", .bigint), Field("bytes_read", .bigint), Field("duration_ms", .bigint),
        Field("checks_passed", .bigint), Field("checks_failed", .bigint), Field("failed_checks", .varchar), Field("error", .varchar),
    ])

    static let columns = MetricsTable(name: "metrics.materialize_columns", fields: [
        Field("run_id", .varchar), Field("run_started", .timestamp), Field("model", .varchar), Field("column_name", .varchar),
        Field("rows", .bigint), Field("nulls", .bigint), Field("null_rate", .double),
    ])

    /// Appends the rows of `runs` (planned-only runs are not recorded).
    func append(_ runs: [ModelRun]) throws {
        let recorded = runs.filter { $0.status != .planned }
        guard !recorded.isEmpty else { return }
        let modelRows: [[Value]] = recorded.map { run in
            let failed = run.checksFailed.map { "\($0.name): \($0.finding)" }.joined(separator: "; ")
            return [
                .varchar(runID), .timestamp(startedAt), .varchar(run.model), .varchar(run.status.rawValue), .varchar(run.rebuildText),
                .integer(Int64(run.rows)), .integer(Int64(run.bytes)), .integer(Int64(run.files)), .integer(Int64(run.partitionsRebuilt)),
                .integer(Int64(run.bytesRead)), .integer(Int64(run.durationMilliseconds)), .integer(Int64(run.checksPassed.count)),
                .integer(Int64(run.checksFailed.count)), failed.isEmpty ? .null : .varchar(failed), run.error.map(Value.varchar) ?? .null,
            ]
        }
        try Self.models.append(modelRows, startedAt: startedAt, session: session)
        let columnRows: [[Value]] = recorded.filter { $0.status == .built }.flatMap { run in
            run.nullCounts.map { column, nulls in
                let rate = run.rows == 0 ? Value.null : .double(Double(nulls) / Double(run.rows))
                return [
                    .varchar(runID), .timestamp(startedAt), .varchar(run.model), .varchar(column), .integer(Int64(run.rows)),
                    .integer(Int64(nulls)), rate,
                ]
            }
        }
        try Self.columns.append(columnRows, startedAt: startedAt, session: session)
    }
}
