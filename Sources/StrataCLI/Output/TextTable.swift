// A small aligned table of text cells, drawn like the `table` output format: for summaries that are not
// query results (`strata materialize`).

struct TextTable {
    var headers: [String]
    /// Columns whose cells are numbers, aligned right.
    var rightAligned: Set<Int> = []
    var rows: [[String]] = []

    func render() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return rightAligned.contains(index) ? padding + cell : cell + padding
            }.joined(separator: " | ").trimmingTrailingSpaces() + "\n"
        }
        var text = line(headers)
        text += widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-") + "\n"
        for row in rows { text += line(row) }
        return text
    }
}
