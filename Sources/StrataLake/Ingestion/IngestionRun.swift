// What one ingestion model did in a run of `strata ingest` (or would do, in a dry run): the files it read
// and rejected, the rows in, quarantined (per rule), deduplicated and written, the checks' outcomes. The
// summary table and the `metrics/` rows are made of these.

public struct IngestionRun: Sendable {
    public enum Status: String, Sendable {
        case built, upToDate = "up to date", failed, planned
    }

    public var model: String
    public var file: String
    public var status: Status
    /// Why it is rebuilt (first build, changed model, new bronze files, `--full-refresh`).
    public var reason = ""
    /// Bronze files listed, and their bytes.
    public var sourceFiles = 0
    public var sourceBytes = 0
    /// Files moved to quarantine whole: their key and why.
    public var rejectedFiles: [(key: String, reason: String)] = []
    /// Records read from the readable files, parsed or not.
    public var rowsIn = 0
    public var rowsQuarantined = 0
    /// Quarantined rows per rule (`type(density)`, `key(sample_id)`, `parse`, a @rule's name).
    public var quarantinedByRule: [(rule: String, rows: Int)] = []
    /// Rows the model's WHERE left out.
    public var rowsFiltered = 0
    /// Rows that passed every rule but were not the kept version of their key.
    /// (History adds no rows, so the rows written are the versions kept.)
    public var rowsDeduplicated: Int { max(rowsIn - rowsQuarantined - rowsFiltered - rows, 0) }
    /// Rows written to silver.
    public var rows = 0
    public var bytes = 0
    public var files = 0
    public var partitions = 0
    /// Bytes fetched from storage while ingesting it.
    public var bytesRead = 0
    public var durationMilliseconds = 0
    public var checksPassed: [String] = []
    public var checksFailed: [(name: String, finding: String)] = []
    public var error: String?
    /// Per written column: name and NULLs.
    public var nullCounts: [(column: String, nulls: Int)] = []
}
