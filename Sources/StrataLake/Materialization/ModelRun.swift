// What one model did in a run of `strata materialize` (or would do, in a dry run): the decision, what was
// written, the checks' outcomes. The summary table and the `metrics/` rows are made of these.

public struct ModelRun: Sendable {
    /// How much of a model a run rebuilds.
    public enum Rebuild: Equatable, Sendable {
        /// Nothing it reads changed since its last build.
        case upToDate
        /// The whole table, and why (first build, changed statement, `--full-refresh`, an input without
        /// partition lineage changed).
        case full(reason: String)
        /// These partitions (`key=value` of the partition column with lineage, `NULL` for NULL), and why.
        case partitions(key: String, values: [String], reason: String)
    }

    public enum Status: String, Sendable {
        case built, upToDate = "up to date", failed, skipped, planned
    }

    public var model: String
    public var file: String
    public var rebuild: Rebuild
    public var status: Status
    /// Bytes the model's query reads, after partition pruning (estimated before running).
    public var bytesToRead: Int?
    /// Bytes fetched from storage while building it (its query and its checks).
    public var bytesRead = 0
    public var rows = 0
    public var bytes = 0
    public var files = 0
    public var partitionsRebuilt = 0
    public var durationMilliseconds = 0
    public var checksPassed: [String] = []
    /// Each failed check's name and what it found.
    public var checksFailed: [(name: String, finding: String)] = []
    /// What went wrong, for a failed or skipped model.
    public var error: String?
    /// Per written column: name, NULLs, rows.
    public var nullCounts: [(column: String, nulls: Int)] = []

    /// The rebuild as the plan and summary print it.
    public var rebuildText: String {
        switch rebuild {
        case .upToDate: return "up to date"
        case .full(let reason): return "full (\(reason))"
        case .partitions(let key, let values, let reason):
            let shown = values.prefix(5).map { "\(key)=\($0)" }.joined(separator: ", ")
            let more = values.count > 5 ? ", … (\(values.count) in all)" : ""
            return "\(values.count) partition\(values.count == 1 ? "" : "s") (\(shown)\(more); \(reason))"
        }
    }
}
