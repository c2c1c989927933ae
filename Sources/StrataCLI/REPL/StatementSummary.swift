// What the REPL says about a statement once it has run: one line such as
// `12 rows · 0.041 s · read 3.2 MB of 1.2 GB (99.7% pruned)`, and, for `.stats`, the last query's funnel:
// partitions → files → row groups → pages → bytes, and what the bytes would cost on Athena.
import Foundation
import StrataLake

enum StatementSummary {
    /// The line after a statement: its rows (and how many were shown), its time when the timer is on, and
    /// the bytes it read of those its tables hold.
    static func line(rows: Int?, columns: Int, shown: BoxTable.Shown?, seconds: Double?, statistics: QueryStatistics?) -> String {
        var parts: [String] = []
        if let rows {
            parts.append(BoxTable.countText(rows: rows, columns: columns, shown: shown ?? BoxTable.Shown(rows: rows, columns: columns)))
        }
        if let seconds { parts.append(String(format: "%.3f s", seconds)) }
        if let statistics, let read = readText(statistics) { parts.append(read) }
        return parts.joined(separator: " · ")
    }

    /// "read 3.2 MB of 1.2 GB (99.7% pruned)": the bytes fetched of those in the files partition pruning
    /// left (folders pruned away are never listed, so their size is unknown), then "in 3 of 365
    /// partitions" when partitions were pruned; nil when the statement read no table.
    static func readText(_ statistics: QueryStatistics) -> String? {
        guard statistics.bytesListed > 0 || statistics.bytesRead > 0 else { return nil }
        var text = "read " + ByteCount.text(statistics.bytesRead)
        // Footers and listings count as read too, so a small table can read more than its files hold.
        if statistics.bytesRead < statistics.bytesListed {
            text += " of " + ByteCount.text(statistics.bytesListed)
            text += " (" + percent(1 - Double(statistics.bytesRead) / Double(statistics.bytesListed)) + " pruned)"
        }
        if statistics.partitionsScanned < statistics.partitionsTotal {
            text += " in \(Counting.grouped(statistics.partitionsScanned)) of \(Counting.text(statistics.partitionsTotal, "partition"))"
        }
        return text
    }

    /// The funnel of `.stats`.
    static func funnel(_ statistics: QueryStatistics, rows: Int) -> String {
        var lines: [(String, String)] = []
        if statistics.partitionsTotal > 0 {
            var text = "\(Counting.grouped(statistics.partitionsScanned)) of \(Counting.grouped(statistics.partitionsTotal)) scanned"
            if statistics.partitionsScanned < statistics.partitionsTotal {
                text += " (" + percent(1 - Double(statistics.partitionsScanned) / Double(statistics.partitionsTotal)) + " pruned)"
            }
            lines.append(("partitions", text))
        }
        lines.append((
            "files",
            "\(Counting.grouped(statistics.filesListed)) listed → \(Counting.grouped(statistics.filesOpened)) opened → "
                + "\(Counting.grouped(statistics.filesScanned)) scanned"
        ))
        lines.append(("row groups", "\(Counting.grouped(statistics.rowGroupsScanned)) of \(Counting.grouped(statistics.rowGroupsTotal)) scanned"))
        lines.append(("pages", "\(Counting.grouped(statistics.pagesScanned)) of \(Counting.grouped(statistics.pagesTotal)) scanned"))
        var bytes = ByteCount.text(statistics.bytesRead) + " read"
        if statistics.bytesListed > statistics.bytesRead {
            bytes += " of " + ByteCount.text(statistics.bytesListed) + " in the files listed"
            bytes += " (" + percent(1 - Double(statistics.bytesRead) / Double(statistics.bytesListed)) + " pruned)"
        }
        bytes += " in " + Counting.text(statistics.requests, "request")
        lines.append(("bytes", bytes))
        lines.append(("rows", "\(Counting.grouped(statistics.rowsScanned)) scanned → \(Counting.grouped(rows)) returned"))
        lines.append(("time", "\(Counting.grouped(statistics.elapsedMilliseconds)) ms"))
        let cost = statistics.athenaCostDollars
        lines.append(("Athena cost", "$" + String(format: cost < 0.01 ? "%.6f" : "%.4f", cost) + " ($5 per TB scanned, 10 MB minimum)"))
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n")
    }

    /// A share as a percentage with one decimal; never 100.0% unless it is all.
    static func percent(_ share: Double) -> String {
        let value = share < 1 ? min(share * 100, 99.9) : 100
        return String(format: "%.1f%%", value)
    }
}
