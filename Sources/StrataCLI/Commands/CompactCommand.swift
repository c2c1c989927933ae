// `strata compact TABLE`: rewrites the partitions with too many small files (or files without statistics,
// page index or the table's current columns) into files near the target size, one transaction per
// partition, the rows unchanged. Progress on standard error, what was done on standard output.
import ArgumentParser
import Foundation
import StrataLake

public struct CompactCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Rewrite a table's small files into files near a target size, partition by partition.",
        discussion: """
            A partition is rewritten when its files are more than its bytes need at the
            target size, or some lack statistics or a page index, or hold an older set of
            columns; with --sort-by, every chosen partition is rewritten sorted. Each
            partition is replaced in one transaction: queries see it whole, before or after.

            Examples:
              strata compact silver.events
              strata compact silver.events --where "event_date >= DATE '2024-01-01'" --dry-run
              strata compact silver.events --target-file-size 256MB --sort-by user_id
            """)

    @OptionGroup var lakeOptions: LakeOptions

    @Argument(help: "The table to compact (silver.events).")
    var table: String

    @Option(name: .customLong("where"), help: ArgumentHelp("Compact only the partitions this predicate on the partition keys keeps.", valueName: "predicate"))
    var predicate: String?

    @Option(help: ArgumentHelp("The size to aim for (128MB, 64MiB, 1GB).", valueName: "size"))
    var targetFileSize: String = FileSize.text(FileSize.defaultTarget)

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("Columns to sort each partition by (\"col\", \"col DESC\"; several, or comma-separated).", valueName: "column"))
    var sortBy: [String] = []

    @Flag(help: "Print the partitions that would be rewritten without writing anything.")
    var dryRun = false

    public init() {}

    public func run() throws {
        try CommandFailure.reporting {
            var compactor = Compactor(session: try lakeOptions.makeSession())
            compactor.targetFileSize = try FileSize.parse(targetFileSize)
            compactor.sortBy = sortBy.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
            compactor.predicate = predicate
            compactor.dryRun = dryRun
            compactor.progress = CommandFailure.progress
            let result = try compactor.compact(table)
            var output = OutputWriter()
            output.write(Self.summary(result))
            output.flush()
        }
    }

    static func summary(_ result: CompactionResult) -> String {
        var table = TextTable(
            headers: ["partition", "reasons", "files before", "bytes before", result.dryRun ? "files after (est.)" : "files after", "bytes after"],
            rightAligned: [2, 3, 4, 5])
        for partition in result.partitions {
            table.rows.append([
                partition.path.isEmpty ? "(table)" : partition.path, partition.reasons.joined(separator: ", "), String(partition.filesBefore),
                ByteCount.text(partition.bytesBefore), String(partition.filesAfter), partition.bytesAfter.map(ByteCount.text) ?? "",
            ])
        }
        let before = result.partitions.reduce(0) { $0 + $1.filesBefore }
        let after = result.partitions.reduce(0) { $0 + $1.filesAfter }
        let verb = result.dryRun ? "would rewrite" : "rewrote"
        let line = "\(result.table): \(verb) \(result.partitions.count) partition\(result.partitions.count == 1 ? "" : "s") (\(before) files into \(after)); \(result.partitionsUntouched) left as they were\n"
        return (result.partitions.isEmpty ? "" : table.render()) + line
    }
}
