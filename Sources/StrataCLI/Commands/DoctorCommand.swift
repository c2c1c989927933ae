// `strata doctor [TABLE|FOLDER]`: a health report per table — partitions, files, bytes, file sizes — and
// the findings that make the lake slow or wrong, each with its fix. Writes nothing to the lake.
import ArgumentParser
import Foundation
import StrataLake

public struct DoctorCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Report each table's health: small files, skew, empty partitions, schema drift, missing statistics.",
        discussion: """
            Findings (the kind field of --format json): small_files, partition_skew,
            empty_partitions, too_many_partitions, schema_conflict, schema_drift,
            no_statistics, no_page_index, small_row_groups, not_crawled, stale_catalog,
            skipped_paths. Exit status 0 whatever the findings; 1 when the lake cannot be read.

            Examples:
              strata doctor
              strata doctor silver.events --format json
              strata doctor --target-file-size 256MB
            """)

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var lakeOptions: LakeOptions

    @Argument(help: "A table (silver.events) or a folder of the lake (silver/); the whole lake when omitted.")
    var target: String?

    @Option(help: "The report's format: text or json.")
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("Files smaller than this are small (128MB, 64MiB, ...).", valueName: "size"))
    var targetFileSize: String = FileSize.text(FileSize.defaultTarget)

    public init() {}

    public func run() throws {
        try CommandFailure.reporting {
            var doctor = LakeDoctor(session: try lakeOptions.makeSession())
            doctor.targetFileSize = try FileSize.parse(targetFileSize)
            doctor.progress = CommandFailure.progress
            let report = try doctor.examine(target)
            var output = OutputWriter()
            output.write(format == .json ? try Self.json(report) : Self.text(report))
            output.flush()
        }
    }

    static func json(_ report: DoctorReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }

    static func text(_ report: DoctorReport) -> String {
        var text = ""
        for table in report.tables {
            let rows = table.rows.map { ", \($0) rows" } ?? ""
            let partitions = table.partitionKeys.isEmpty ? "unpartitioned" : "\(table.partitions) partitions by \(table.partitionKeys.joined(separator: ", "))"
            text += "\(table.name) (\(table.location), \(table.format)): \(partitions), \(table.files) files, \(ByteCount.text(table.bytes))\(rows)\n"
            var sizes = TextTable(headers: ["file size", "files", "bytes"], rightAligned: [1, 2])
            for bucket in table.fileSizes where bucket.files > 0 {
                sizes.rows.append([bucket.label, String(bucket.files), ByteCount.text(bucket.bytes)])
            }
            text += sizes.render().split(separator: "\n").map { "  " + $0 + "\n" }.joined()
            if table.findings.isEmpty { text += "  healthy\n" }
            for finding in table.findings {
                text += "  \(finding.severity) \(finding.kind): \(finding.message)\n    fix: \(finding.fix)\n"
            }
            text += "\n"
        }
        let findings = report.tables.reduce(0) { $0 + $1.findings.count }
        return text + "\(report.tables.count) table\(report.tables.count == 1 ? "" : "s"), \(findings) finding\(findings == 1 ? "" : "s")\n"
    }
}
