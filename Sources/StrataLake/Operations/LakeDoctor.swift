// `strata doctor`: how healthy each table is — its partitions, files and bytes, a histogram of file
// sizes, and the findings that make a lake slow or wrong (small files, skewed or empty partitions,
// schema drift, files without statistics or page index, row groups too small to prune, a catalog out of
// date), each with the fix it recommends. It reads the lake as the crawl does (listing, and the footers
// the last crawl did not read) but writes nothing.
import Foundation
import StrataCore
import StrataStorage

public struct DoctorReport: Codable, Sendable {
    public struct Finding: Codable, Hashable, Sendable {
        /// A stable name for scripts: `small_files`, `partition_skew`, `empty_partitions`,
        /// `too_many_partitions`, `schema_drift`, `schema_conflict`, `no_statistics`, `no_page_index`,
        /// `small_row_groups`, `not_crawled`, `stale_catalog`, `skipped_paths`.
        public var kind: String
        /// `error` (results are affected), `warning` (slower than it should be) or `info`.
        public var severity: String
        public var message: String
        public var fix: String
    }

    public struct SizeBucket: Codable, Hashable, Sendable {
        public var label: String
        public var files: Int
        public var bytes: Int
    }

    public struct Table: Codable, Sendable {
        public var name: String
        public var location: String
        public var format: String
        public var partitionKeys: [String]
        public var partitions: Int
        public var files: Int
        public var bytes: Int
        /// Rows of the Parquet files (nil when the table holds text files).
        public var rows: Int?
        public var fileSizes: [SizeBucket]
        public var findings: [Finding]
    }

    public var targetFileSize: Int
    public var tables: [Table]
}

public struct LakeDoctor {
    public let session: LakeSession
    /// Files below this size are small; compaction aims for it.
    public var targetFileSize = FileSize.defaultTarget
    public var progress: ((String) -> Void)?

    public init(session: LakeSession) {
        self.session = session
    }

    /// The report for the table named `target`, or every table below the folder `target` (all when nil).
    public func examine(_ target: String?) throws -> DoctorReport {
        var crawler = LakeCrawler(session: session)
        crawler.progress = progress
        let tables = try crawler.tables(target).map { table in
            progress?("examining \(table.name)")
            return examine(try crawler.survey(table))
        }
        return DoctorReport(targetFileSize: targetFileSize, tables: tables)
    }

    /// Rows per row group below which min/max statistics skip little (DuckDB and Spark write 100k–1M).
    static let smallRowGroupRows = 10_000

    func examine(_ survey: LakeCrawler.Survey) -> DoctorReport.Table {
        let inventory = survey.inventory
        let name = inventory.table
        let partitions = inventory.filesByPartition
        let target = ByteCount.text(targetFileSize)
        let targetArgument = FileSize.text(targetFileSize)
        var findings: [DoctorReport.Finding] = []
        func add(_ kind: String, _ severity: String, _ message: String, fix: String) {
            findings.append(DoctorReport.Finding(kind: kind, severity: severity, message: message, fix: fix))
        }

        // The catalog: never crawled, or crawled before the files changed.
        if let previous = survey.previous {
            let changes = LakeCrawler.changes(from: previous, to: inventory, footersRead: survey.footersRead)
            let changed = changes.newPartitions.count + changes.removedPartitions.count + changes.changedPartitions.count
            if changed > 0 || !changes.addedColumns.isEmpty || !changes.changedColumns.isEmpty {
                add(
                    "stale_catalog", "warning",
                    "the lake catalog is out of date: \(changes.newPartitions.count) partitions new, \(changes.removedPartitions.count) removed, \(changes.changedPartitions.count) changed since the crawl of \(Self.timeText(previous.crawledAt))",
                    fix: "strata crawl \(name)")
            }
        } else if !inventory.declared {
            add("not_crawled", "info", "the table is not in the lake catalog: each query discovers its partitions and reads sample footers", fix: "strata crawl \(name)")
        }

        // Small files: partitions holding more files than their bytes need.
        var compactable = 0
        var smallFiles = 0
        var filesAfter = 0
        for partition in partitions {
            let bytes = partition.files.reduce(0) { $0 + $1.size }
            let needed = max(1, (bytes + targetFileSize - 1) / targetFileSize)
            guard partition.files.count > needed else { continue }
            compactable += 1
            smallFiles += partition.files.count
            filesAfter += needed
        }
        if compactable > 0 {
            let sizes = inventory.files.map(\.size).sorted()
            add(
                "small_files", "warning",
                "\(smallFiles) files in \(compactable) partition\(compactable == 1 ? "" : "s") could be \(filesAfter) (target \(target); the median file is \(ByteCount.text(sizes[sizes.count / 2]))): every file costs a request and a footer",
                fix: "strata compact \(name) --target-file-size \(targetArgument)")
        }

        // Partitions: skewed, empty, too many for their size.
        let partitionBytes = partitions.map { (path: $0.path, bytes: $0.files.reduce(0) { $0 + $1.size }) }.sorted { $0.bytes < $1.bytes }
        if partitionBytes.count >= 3, let largest = partitionBytes.last {
            let median = max(partitionBytes[partitionBytes.count / 2].bytes, 1)
            if largest.bytes >= 10 * median, largest.bytes >= 1_000_000 {
                add(
                    "partition_skew", "warning",
                    "partition \(largest.path) holds \(ByteCount.text(largest.bytes)), \(largest.bytes / median)× the median partition (\(ByteCount.text(median))): one partition's scan bounds the query",
                    fix: "add a finer partition key to \(name), or sort its data by the column queries filter on (strata compact \(name) --sort-by COLUMN)")
            }
        }
        let emptyByRows = partitions.filter { partition in partition.files.allSatisfy { $0.rows == 0 } }.map(\.path)
        let empty = (survey.emptyPartitions + emptyByRows).sorted()
        if !empty.isEmpty {
            add(
                "empty_partitions", "info",
                "\(empty.count) partition\(empty.count == 1 ? " has" : "s have") no rows: \(Self.sample(empty))",
                fix: "remove the empty folders (or strata retain \(name) when they are past the horizon)")
        }
        if partitions.count > 1_000, let median = partitionBytes.dropFirst(partitionBytes.count / 2).first?.bytes, median < 16_000_000 {
            add(
                "too_many_partitions", "warning",
                "\(partitions.count) partitions of \(ByteCount.text(median)) (median): listing and opening them costs more than reading them",
                fix: "partition \(name) by a coarser key (a month instead of a day), and filter on a sorted column within")
        }

        // Schemas.
        for conflict in inventory.conflicts {
            add("schema_conflict", "error", conflict, fix: "rewrite the odd files with the type of the others, or read them separately with read_parquet")
        }
        let drift = inventory.drift
        if !drift.isEmpty {
            add(
                "schema_drift", "info", "the files' columns differ: " + drift.joined(separator: "; "),
                fix: "strata compact \(name) rewrites every file it touches with the table's merged columns")
        }

        // Parquet metadata that pruning needs.
        let parquetFiles = inventory.files.filter { $0.rows != nil }
        let withoutStatistics = parquetFiles.filter { $0.hasStatistics == false }
        if !withoutStatistics.isEmpty {
            add(
                "no_statistics", "warning",
                "\(withoutStatistics.count) of \(parquetFiles.count) files lack min/max statistics for some column, so no row group of theirs is skipped: \(Self.sample(withoutStatistics.map(\.path)))",
                fix: "strata compact \(name) rewrites them with statistics")
        }
        let withoutPageIndex = parquetFiles.filter { $0.hasPageIndex == false }
        if !withoutPageIndex.isEmpty {
            add(
                "no_page_index", "info",
                "\(withoutPageIndex.count) of \(parquetFiles.count) files have no page index, so pages are not skipped within their row groups",
                fix: "strata compact \(name) rewrites them with a page index")
        }
        let smallGroups = parquetFiles.filter { file in
            guard let groups = file.rowGroups, let rows = file.rows, groups > 1 else { return false }
            return rows / groups < Self.smallRowGroupRows
        }
        if !smallGroups.isEmpty {
            add(
                "small_row_groups", "warning",
                "\(smallGroups.count) file\(smallGroups.count == 1 ? " has" : "s have") row groups of fewer than \(Self.smallRowGroupRows) rows on average: their statistics cost more to check than they skip",
                fix: "strata compact \(name) rewrites them with large row groups")
        }
        if !inventory.warnings.isEmpty {
            add(
                "skipped_paths", "warning", "\(inventory.warnings.count) paths below the table are not part of it: \(Self.sample(inventory.warnings))",
                fix: "move them out of the table's folder")
        }

        // Errors first, then warnings, then the rest, each in the order found.
        let rank = ["error": 0, "warning": 1]
        findings = findings.enumerated().sorted { (rank[$0.element.severity] ?? 2, $0.offset) < (rank[$1.element.severity] ?? 2, $1.offset) }.map(\.element)
        let rows = inventory.format == .parquet ? parquetFiles.reduce(0) { $0 + ($1.rows ?? 0) } : nil
        return DoctorReport.Table(
            name: name, location: session.store.location(of: inventory.prefix), format: inventory.format.rawValue,
            partitionKeys: inventory.partitionKeys.map(\.name), partitions: inventory.partitionKeys.isEmpty ? 0 : partitions.count,
            files: inventory.files.count, bytes: inventory.bytes, rows: rows, fileSizes: Self.histogram(inventory.files.map(\.size)),
            findings: findings)
    }

    static let bucketBounds: [(label: String, upTo: Int)] = [
        ("< 1 MB", 1_000_000), ("1–8 MB", 8_000_000), ("8–32 MB", 32_000_000), ("32–128 MB", 128_000_000), ("128–512 MB", 512_000_000),
        ("≥ 512 MB", Int.max),
    ]

    static func histogram(_ sizes: [Int]) -> [DoctorReport.SizeBucket] {
        var buckets = bucketBounds.map { DoctorReport.SizeBucket(label: $0.label, files: 0, bytes: 0) }
        for size in sizes {
            let index = bucketBounds.firstIndex { size < $0.upTo } ?? bucketBounds.count - 1
            buckets[index].files += 1
            buckets[index].bytes += size
        }
        return buckets
    }

    /// The first few of a list, and how many more.
    static func sample(_ items: [String], count: Int = 3) -> String {
        items.prefix(count).joined(separator: ", ") + (items.count > count ? " and \(items.count - count) more" : "")
    }

    static func timeText(_ milliseconds: Int64) -> String {
        let seconds = milliseconds / 1000
        let (year, month, day) = Time.civil(days: seconds / Time.secondsPerDay)
        let time = seconds % Time.secondsPerDay
        return String(format: "%04d-%02d-%02d %02d:%02d UTC", year, month, day, Int(time / 3600), Int(time % 3600 / 60))
    }
}
