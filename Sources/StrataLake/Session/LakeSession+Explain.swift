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
            return .text(prepared.plan.explain() + "\n\n" + funnel(result.statistics, rows: rows))
        }
        let prepared = try prepare(query)
        var text = prepared.plan.explain()
        let provider = LakeScanProvider(metrics: ScanMetrics())
        let context = makeContext()
        for scan in prepared.plan.scans {
            guard let source = scan.table.source as? LakeTableSource else { continue }
            let pruned = try provider.prune(scan, source: source, context: context)
            let total = source.files.reduce(0) { $0 + $1.size }
            text += "\n\nScan \(scan.table.name): "
            if !source.partitionKeys.isEmpty {
                text += "partitions \(pruned.partitionsScanned) of \(pruned.partitionsTotal), "
            }
            text += "files \(pruned.files.count) of \(source.files.count), \(ByteCount.text(pruned.bytes)) of \(ByteCount.text(total))"
        }
        return .text(text)
    }

    private func funnel(_ statistics: QueryStatistics, rows: Int) -> String {
        var lines: [String] = []
        if statistics.partitionsTotal > 0 {
            lines.append("partitions   \(statistics.partitionsScanned) of \(statistics.partitionsTotal)")
        }
        lines.append("files        \(statistics.filesListed) listed → \(statistics.filesOpened) opened → \(statistics.filesScanned) scanned")
        lines.append("row groups   \(statistics.rowGroupsScanned) of \(statistics.rowGroupsTotal)")
        lines.append("pages        \(statistics.pagesScanned) of \(statistics.pagesTotal)")
        lines.append("bytes read   \(ByteCount.text(statistics.bytesRead)) in \(statistics.requests) requests")
        lines.append("rows         \(statistics.rowsScanned) scanned → \(rows) returned")
        lines.append("time         \(statistics.elapsedMilliseconds) ms")
        let cost = statistics.athenaCostDollars
        lines.append("Athena cost  $" + String(format: cost < 0.01 ? "%.6f" : "%.4f", cost) + " ($5/TB, 10 MB minimum)")
        return lines.joined(separator: "\n")
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
