// `strata materialize`: builds the gold layer from a folder of model files (one CTAS each), in dependency
// order, incrementally by partition where it can, with the checks each model declares. Progress goes to
// standard error; the plan (`--dry-run`) or the summary of the run to standard output. A model that fails
// (an error or a check) keeps its previous version and makes the exit status 1.
import ArgumentParser
import Foundation
import StrataLake

public struct MaterializeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "materialize",
        abstract: "Build the tables of a folder of SQL models, in dependency order.",
        discussion: """
            Each .sql file of the models folder holds one CREATE TABLE ... AS SELECT
            statement; the tables its query reads decide the order. Checks are
            declared in comment lines above the statement:
              -- @not_null user_id, event_date
              -- @unique order_id
              -- @accepted_values country: 'DE', 'FR', 'US'
              -- @row_count between 1 and 1000000
              -- @check no_refunds: SELECT * FROM gold.daily WHERE revenue < 0

            Examples:
              strata materialize --models models
              strata materialize --select gold.daily+ --dry-run
              strata materialize --lake s3://data-lake --select +gold.mart --full-refresh
            """)

    @OptionGroup var lakeOptions: LakeOptions

    @Option(help: "The folder of model files.")
    var models: String = "models"

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "Models to run: NAME, NAME+ (with the models that read it), +NAME (with the models it reads).", valueName: "name"))
    var select: [String] = []

    @Flag(help: "Rebuild the selected models whole, whatever changed.")
    var fullRefresh = false

    @Flag(help: "Print the plan (order, partitions to rebuild, bytes to read) without writing anything.")
    var dryRun = false

    public init() {}

    public func run() throws {
        var failures: [ModelRun] = []
        try CommandFailure.reporting {
            let session = try lakeOptions.makeSession()
            let materializer = try Materializer(session: session, models: try ModelGraph.load(folder: models))
            materializer.fullRefresh = fullRefresh
            materializer.progress = CommandFailure.progress
            let runs = try materializer.run(select: select, dryRun: dryRun)
            var output = OutputWriter()
            output.write(dryRun ? Self.plan(runs) : Self.summary(runs))
            output.flush()
            failures = runs.filter { $0.status == .failed }
        }
        try CommandFailure.failing(models: failures.map { ($0.model, $0.error) })
    }

    static func plan(_ runs: [ModelRun]) -> String {
        var table = TextTable(headers: ["#", "model", "rebuild", "bytes to read"], rightAligned: [0, 3])
        for (index, run) in runs.enumerated() {
            table.rows.append([String(index + 1), run.model, run.rebuildText, run.bytesToRead.map(ByteCount.text) ?? (run.rebuild == .upToDate ? "0 B" : "?")])
        }
        return table.render()
    }

    static func summary(_ runs: [ModelRun]) -> String {
        var table = TextTable(
            headers: ["model", "status", "rebuild", "rows", "files", "partitions", "written", "read", "time", "checks"],
            rightAligned: [3, 4, 5, 6, 7, 8])
        for run in runs {
            let built = run.status == .built
            let checks = run.checksPassed.count + run.checksFailed.count
            table.rows.append([
                run.model, run.status.rawValue, run.status == .skipped || run.rebuild == .upToDate ? "-" : run.rebuildText,
                built ? String(run.rows) : "", built ? String(run.files) : "", built ? String(run.partitionsRebuilt) : "",
                built ? ByteCount.text(run.bytes) : "", built || run.status == .failed ? ByteCount.text(run.bytesRead) : "",
                String(format: "%.2f s", Double(run.durationMilliseconds) / 1000),
                checks == 0 ? "" : "\(run.checksPassed.count)/\(checks) passed",
            ])
        }
        let failed = runs.filter { $0.status == .failed }.count
        let built = runs.filter { $0.status == .built }.count
        return table.render() + "\(runs.count) models: \(built) built, \(runs.count - built - failed - runs.filter { $0.status == .skipped }.count) up to date, \(failed) failed, \(runs.filter { $0.status == .skipped }.count) skipped\n"
    }
}
