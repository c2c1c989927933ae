// `strata ingest`: builds the silver layer from bronze with a folder of ingestion models (one CTAS each,
// reading one bronze source), quarantining what does not pass and recording every run in `metrics/`.
// Progress goes to standard error; the plan (`--dry-run`) or the summary of the run to standard output. A
// model that fails (an error or a check) keeps its previous version and makes the exit status 1; rows and
// files sent to quarantine do not.
import ArgumentParser
import Foundation
import StrataLake

public struct IngestCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Build silver tables from bronze files: typed, checked, deduplicated, with quarantine.",
        discussion: """
            Each .sql file of the models folder holds one CREATE TABLE ... AS SELECT
            reading one bronze source. The source is read as text: a CAST in the
            select list declares the column's type, and a value that does not fit
            sends its row to quarantine.<table> with the rule and reason. Directives
            in comment lines above the statement:
              -- @key sample_id                   one row per key (the last delivered)
              -- @latest updated_at               or the greatest by this expression
              -- @rule amount_positive: amount > 0
              -- @history user_id by updated_at   valid_from, valid_to, is_current
              -- @not_null capture_time           checks of the built table
            Files that cannot be read move to quarantine/rejected_files/. Every run
            appends to metrics.ingest, metrics.ingest_rules, metrics.ingest_columns.

            Examples:
              strata ingest --models silver
              strata ingest --lake s3://plant-lake --models silver --select silver.flowcam
              strata ingest --dry-run
            """)

    @OptionGroup var lakeOptions: LakeOptions

    @Option(help: "The folder of ingestion models.")
    var models: String = "silver"

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Models to run, by the table they build.", valueName: "name"))
    var select: [String] = []

    @Flag(help: "Rebuild the selected models whatever changed.")
    var fullRefresh = false

    @Flag(help: "Print what would be built and read, without reading or writing anything.")
    var dryRun = false

    public init() {}

    public func run() throws {
        var failures: [IngestionRun] = []
        try CommandFailure.reporting {
            let session = try lakeOptions.makeSession()
            let ingester = try Ingester(session: session, models: try IngestionModel.load(folder: models))
            ingester.fullRefresh = fullRefresh
            ingester.progress = CommandFailure.progress
            let runs = try ingester.run(select: select, dryRun: dryRun)
            var output = OutputWriter()
            output.write(dryRun ? Self.plan(runs) : Self.summary(runs))
            output.flush()
            failures = runs.filter { $0.status == .failed }
        }
        try CommandFailure.failing(models: failures.map { ($0.model, $0.error) })
    }

    static func plan(_ runs: [IngestionRun]) -> String {
        var table = TextTable(headers: ["#", "model", "build", "files", "bytes to read"], rightAligned: [0, 3, 4])
        for (index, run) in runs.enumerated() {
            table.rows.append([
                String(index + 1), run.model, run.reason.isEmpty ? "up to date" : run.reason, String(run.sourceFiles),
                run.reason.isEmpty ? "0 B" : ByteCount.text(run.sourceBytes),
            ])
        }
        return table.render()
    }

    static func summary(_ runs: [IngestionRun]) -> String {
        var table = TextTable(
            headers: ["model", "status", "files", "rejected", "rows in", "quarantined", "duplicates", "rows out", "partitions", "time", "checks"],
            rightAligned: [2, 3, 4, 5, 6, 7, 8, 9])
        for run in runs {
            let built = run.status == .built
            let checks = run.checksPassed.count + run.checksFailed.count
            table.rows.append([
                run.model, run.status.rawValue, String(run.sourceFiles), String(run.rejectedFiles.count),
                built || run.status == .failed ? String(run.rowsIn) : "", built || run.status == .failed ? String(run.rowsQuarantined) : "",
                built ? String(run.rowsDeduplicated) : "", built ? String(run.rows) : "", built ? String(run.partitions) : "",
                String(format: "%.2f s", Double(run.durationMilliseconds) / 1000), checks == 0 ? "" : "\(run.checksPassed.count)/\(checks) passed",
            ])
        }
        let count = { (status: IngestionRun.Status) in runs.filter { $0.status == status }.count }
        let quarantined = runs.reduce(0) { $0 + $1.rowsQuarantined }
        let rejected = runs.reduce(0) { $0 + $1.rejectedFiles.count }
        return table.render()
            + "\(runs.count) models: \(count(.built)) built, \(count(.upToDate)) up to date, \(count(.failed)) failed; "
            + "\(quarantined) rows and \(rejected) files quarantined\n"
    }
}
