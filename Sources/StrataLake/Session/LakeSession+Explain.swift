// EXPLAIN shows the optimized plan and, for every scan, what partition pruning leaves before any data is
// read (a dry run). EXPLAIN ANALYZE runs the statement and shows the funnel: partitions → files → row
// groups → pages → bytes, the time, and what the bytes would cost on Athena.
import StrataCore
import StrataExecution
import StrataPlanner
import StrataSQL

extension LakeSession {
    func runExplain(_ explain: Explain) throws -> StatementResult {
        guard case .query(let query) = explain.statement.kind else {
            throw PlanError(
                "EXPLAIN supports queries only", offset: explain.statement.range.lowerBound, length: explain.statement.range.length)
        }
        if explain.analyze {
            let result = try runQuery(query)
            var rows = 0
            while let batch = try result.next() { rows += batch.count }
            let prepared = try prepare(query)
            var text = prepared.plan.explain()
            for scan in result.scanMetrics?.perScan ?? [] { text += "\n\n" + funnel(scan) }
            return .text(text + "\n\n" + total(result.statistics, rows: rows))
        }
        let prepared = try prepare(query)
        var text = prepared.plan.explain()
        let provider = LakeScanProvider(metrics: ScanMetrics(), options: settings.pruning)
        let context = makeContext()
        for scan in prepared.plan.scans {
            guard scan.table.source is LakeTableSource else { continue }
            let listing = try provider.listing(scan, context: context)
            var lines = ["Scan \(scan.table.name)"]
            lines += predicateLines(LakeScanProvider.describe(scan))
            if !listing.levels.isEmpty { lines.append(line("partitions", levelsText(listing.levels))) }
            lines.append(line("files", "\(listing.files.count) of \(listing.filesListed) listed, \(ByteCount.text(listing.bytes))"))
            text += "\n\n" + lines.joined(separator: "\n")
        }
        return .text(text)
    }

    /// One scan's funnel, with the time spent in each layer.
    private func funnel(_ scan: ScanCounters) -> String {
        func ms(_ counter: ScanCounters.Counter) -> String {
            String(format: "%.1f ms", Double(scan[counter]) / 1e6)
        }
        var lines = ["Scan \(scan.table)"]
        lines += predicateLines(scan.predicates)
        if !scan.levels.isEmpty {
            lines.append(line("partitions", levelsText(scan.levels), "listing " + ms(.listingNanoseconds)))
        }
        var files = "\(scan[.filesListed]) listed → \(scan[.filesOpened]) opened → \(scan[.filesScanned]) scanned"
        if scan[.filesAnsweredFromMetadata] > 0 { files += " (\(scan[.filesAnsweredFromMetadata]) answered from footers)" }
        lines.append(line("files", files, "footers " + ms(.footerNanoseconds)))
        lines.append(line(
            "row groups",
            "\(scan[.rowGroupsTotal]) → \(scan[.rowGroupsTotal] - scan[.rowGroupsPrunedByStatistics]) statistics → "
                + "\(scan[.rowGroupsTotal] - scan[.rowGroupsPrunedByStatistics] - scan[.rowGroupsPrunedByBloomFilter]) bloom → "
                + "\(scan[.rowGroupsTotal] - scan[.rowGroupsPrunedByStatistics] - scan[.rowGroupsPrunedByBloomFilter] - scan[.rowGroupsPrunedByPageIndex]) page index → "
                + "\(scan[.rowGroupsScanned]) dictionary, scanned",
            "statistics \(ms(.statisticsNanoseconds)), bloom \(ms(.bloomNanoseconds)), page index \(ms(.pageIndexNanoseconds)), dictionary \(ms(.dictionaryNanoseconds))"))
        lines.append(line("pages", "\(scan[.pagesScanned]) of \(scan[.pagesTotal]) decoded"))
        lines.append(line(
            "bytes read", "\(ByteCount.text(scan[.bytesRead])) in \(scan[.requests]) requests",
            "fetch \(ms(.fetchNanoseconds)), decode \(ms(.decodeNanoseconds))"))
        lines.append(line("rows", "\(scan[.rowsScanned]) scanned"))
        lines.append(line("Athena cost", Self.dollars(QueryStatistics.athenaCost(bytes: scan[.bytesRead]))))
        return lines.joined(separator: "\n")
    }

    /// The statement's totals, as `--stats-json` counts them.
    private func total(_ statistics: QueryStatistics, rows: Int) -> String {
        var lines = ["Total"]
        if statistics.partitionsTotal > 0 {
            lines.append(line("partitions", "\(statistics.partitionsScanned) of \(statistics.partitionsTotal) listed"))
        }
        lines.append(line("files", "\(statistics.filesListed) listed → \(statistics.filesOpened) opened → \(statistics.filesScanned) scanned"))
        lines.append(line("row groups", "\(statistics.rowGroupsScanned) of \(statistics.rowGroupsTotal)"))
        lines.append(line("pages", "\(statistics.pagesScanned) of \(statistics.pagesTotal)"))
        lines.append(line("bytes read", "\(ByteCount.text(statistics.bytesRead)) in \(statistics.requests) requests"))
        lines.append(line("rows", "\(statistics.rowsScanned) scanned → \(rows) returned"))
        lines.append(line("time", "\(statistics.elapsedMilliseconds) ms"))
        lines.append(line("Athena cost", Self.dollars(statistics.athenaCostDollars) + " ($5/TB, 10 MB minimum)"))
        return lines.joined(separator: "\n")
    }

    private func predicateLines(_ predicates: [String]) -> [String] {
        predicates.isEmpty ? [] : [line("predicates", predicates.joined(separator: "; "))]
    }

    private func levelsText(_ levels: [PartitionListing.Level]) -> String {
        levels.map { "\($0.key) \($0.kept) of \($0.listed)" }.joined(separator: " → ")
    }

    /// `  label        what   (time)`.
    private func line(_ label: String, _ what: String, _ time: String? = nil) -> String {
        let padded = "  " + label + String(repeating: " ", count: max(1, 13 - label.count)) + what
        guard let time else { return padded }
        return padded + "   [" + time + "]"
    }

    static func dollars(_ cost: Double) -> String {
        "$" + String(format: cost < 0.01 ? "%.6f" : "%.4f", cost)
    }
}

extension LogicalPlan {
    /// Every table scan in the plan.
    var scans: [TableScan] {
        if case .scan(let scan) = self { return [scan] }
        return children.flatMap(\.scans)
    }
}

/// Byte counts as people read them: `3.2 MB`.
public enum ByteCount {
    public static func text(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB", "PB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}
