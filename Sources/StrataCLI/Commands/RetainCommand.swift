// `strata retain TABLE --older-than 365d`: drops the partitions whose dates are past the horizon, all in
// one transaction; `--dry-run` lists them without deleting anything.
import ArgumentParser
import Foundation
import StrataLake

public struct RetainCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "retain",
        abstract: "Drop a table's partitions older than a horizon, by their date key.",
        discussion: """
            The date comes from the partition path: a DATE or TIMESTAMP key (the first one,
            or --key), else year/month/day integer keys. A partition is dropped when its last
            day is before today (UTC) minus the horizon; partitions with a NULL date are kept.
            Without --older-than, the table's retention property is used
            (CREATE TABLE ... WITH (retention = '365d'), or TBLPROPERTIES ('retention'='365d')).

            Examples:
              strata retain silver.events --older-than 365d --dry-run
              strata retain silver.events --older-than 18m
              strata retain gold.daily_summary
            """)

    @OptionGroup var lakeOptions: LakeOptions

    @Argument(help: "The table (silver.events).")
    var table: String

    @Option(help: ArgumentHelp("Keep this much: 365d, 12w, 18m, 7y.", valueName: "horizon"))
    var olderThan: String?

    @Option(help: ArgumentHelp("The partition key holding the date.", valueName: "key"))
    var key: String?

    @Flag(help: "List the partitions that would be dropped without deleting anything.")
    var dryRun = false

    public init() {}

    public func run() throws {
        try CommandFailure.reporting {
            var retention = Retention(session: try lakeOptions.makeSession())
            retention.horizon = try olderThan.map { try RetentionHorizon(parsing: $0) }
            retention.dateKey = key
            retention.dryRun = dryRun
            retention.progress = CommandFailure.progress
            let result = try retention.retain(table)
            var output = OutputWriter()
            output.write(Self.summary(result))
            output.flush()
        }
    }

    static func summary(_ result: RetentionResult) -> String {
        var table = TextTable(headers: ["partition", "files", "bytes"], rightAligned: [1, 2])
        for partition in result.dropped {
            table.rows.append([partition.path, String(partition.files), ByteCount.text(partition.bytes)])
        }
        let verb = result.dryRun ? "would drop" : "dropped"
        let count = result.dropped.count
        let line = "\(result.table): \(verb) \(count) partition\(count == 1 ? "" : "s") before \(result.cutoff) (\(result.horizon) by \(result.dateKeys.joined(separator: "/"))); \(result.kept) kept\n"
        return (result.dropped.isEmpty ? "" : table.render()) + line
    }
}
