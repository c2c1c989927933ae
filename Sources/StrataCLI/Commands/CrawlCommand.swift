// `strata crawl [TABLE|FOLDER]`: records each table's partitions, files and schemas in the lake's catalog
// (`_strata/crawl/`), reading only the footers of files new or changed since the last crawl, and prints
// what changed. Queries then plan the table from that record while its folders look as the crawl left them.
import ArgumentParser
import Foundation
import StrataLake

public struct CrawlCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "crawl",
        abstract: "Record the lake's tables, partitions and schemas in its catalog; report what changed.",
        discussion: """
            With no argument every table of the lake is crawled; a dotted name crawls one
            table, a folder (silver/) the tables below it. Only the footers of files that are
            new or changed since the last crawl are read.

            Examples:
              strata crawl
              strata crawl silver.events
              strata crawl --lake s3://data-lake silver/
            """)

    @OptionGroup var lakeOptions: LakeOptions

    @Argument(help: "A table (silver.events) or a folder of the lake (silver/); the whole lake when omitted.")
    var target: String?

    public init() {}

    public func run() throws {
        try CommandFailure.reporting {
            var crawler = LakeCrawler(session: try lakeOptions.makeSession())
            crawler.progress = CommandFailure.progress
            let results = try crawler.crawl(target)
            var output = OutputWriter()
            output.write(Self.summary(results))
            output.flush()
        }
    }

    static func summary(_ results: [CrawlResult]) -> String {
        guard !results.isEmpty else { return "no tables found\n" }
        var table = TextTable(
            headers: ["table", "partitions", "files", "bytes", "columns", "footers read", "changes"], rightAligned: [1, 2, 3, 4, 5])
        var details: [String] = []
        for result in results {
            let inventory = result.inventory
            table.rows.append([
                inventory.table, inventory.partitionKeys.isEmpty ? "-" : String(result.partitionCount), String(inventory.files.count),
                ByteCount.text(inventory.bytes), String(inventory.columns.count), String(result.footersRead), changeText(result),
            ])
            details += result.changeLines.map { "\(inventory.table): \($0)" }
        }
        return table.render() + details.map { $0 + "\n" }.joined()
    }

    static func changeText(_ result: CrawlResult) -> String {
        guard result.wasCrawled else { return "new" }
        if result.isRemoved { return "removed" }
        var parts: [String] = []
        if !result.newPartitions.isEmpty { parts.append("+\(result.newPartitions.count) partitions") }
        if !result.removedPartitions.isEmpty { parts.append("-\(result.removedPartitions.count) partitions") }
        if !result.changedPartitions.isEmpty { parts.append("\(result.changedPartitions.count) changed") }
        if !result.addedColumns.isEmpty || !result.changedColumns.isEmpty { parts.append("schema changed") }
        return parts.isEmpty ? "unchanged" : parts.joined(separator: ", ")
    }
}
