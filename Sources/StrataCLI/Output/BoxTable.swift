// Results drawn for a terminal: a box with each column's name and type, numbers right-aligned, NULL set
// apart from text, fitted to the terminal's width (long values cut with "…", then middle columns left
// out), and a long result cut to its first and last rows. Only the rows that can be shown are kept: the
// first ones as text, the last ones as references into their batches.
import StrataCore

struct BoxTable {
    let schema: Schema
    let layout: TerminalLayout
    /// Rows added so far.
    private(set) var rowCount = 0
    private var head: [[String?]] = []
    /// The last rows seen, a ring of `tailLimit` entries starting at `tailStart`.
    private var tail: [(batch: Batch, row: Int)] = []
    private var tailStart = 0

    init(schema: Schema, layout: TerminalLayout) {
        self.schema = schema
        self.layout = layout
    }

    private var headLimit: Int { layout.maxRows <= 0 ? Int.max : layout.maxRows - layout.maxRows / 2 }
    private var tailLimit: Int { layout.maxRows <= 0 ? 0 : layout.maxRows / 2 }

    mutating func add(_ batch: Batch) {
        var row = 0
        while row < batch.count && head.count < headLimit {
            head.append(cells(batch, row))
            row += 1
        }
        rowCount += batch.count
        guard row < batch.count, tailLimit > 0 else { return }
        for index in Swift.max(row, batch.count - tailLimit)..<batch.count { remember(batch, index) }
    }

    mutating func add(_ batch: Batch, row: Int) {
        rowCount += 1
        if head.count < headLimit {
            head.append(cells(batch, row))
        } else if tailLimit > 0 {
            remember(batch, row)
        }
    }

    private mutating func remember(_ batch: Batch, _ row: Int) {
        if tail.count < tailLimit {
            tail.append((batch, row))
        } else {
            tail[tailStart] = (batch, row)
            tailStart = (tailStart + 1) % tailLimit
        }
    }

    private func cells(_ batch: Batch, _ row: Int) -> [String?] {
        batch.columns.enumerated().map { index, column in
            ValueFormatter.text(column.value(at: row), type: schema.fields[index].type).map(TerminalText.singleLine)
        }
    }

    /// How much of the result a rendering shows.
    struct Shown: Hashable {
        var rows: Int
        var columns: Int
    }

    /// The box, and how many rows and columns it shows.
    func render() -> (text: String, shown: Shown) {
        let tailRows = (tail[tailStart...] + tail[..<tailStart]).map { cells($0.batch, $0.row) }
        let isCut = rowCount > head.count + tailRows.count
        let rows = head + tailRows
        let names = schema.names.map(TerminalText.singleLine)
        let types = schema.fields.map { $0.type.sqlName.lowercased() }
        let rightAligned = schema.fields.map { $0.type.isNumeric }
        let null = "NULL"

        var natural = names.indices.map { Swift.max(TerminalText.width(names[$0]), TerminalText.width(types[$0]), 1) }
        for row in rows {
            for (index, cell) in row.enumerated() {
                natural[index] = Swift.max(natural[index], TerminalText.width(cell ?? null))
            }
        }
        let (columns, widths) = fit(natural)
        let ellipsisAt = columns.firstIndex(of: nil)

        func line(_ left: String, _ fill: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: fill, count: $0 + 2) }.joined(separator: middle) + right + "\n"
        }
        func row(_ texts: (Int) -> (text: String, dimmed: Bool), filler: String) -> String {
            var parts: [String] = []
            for (position, column) in columns.enumerated() {
                guard let column else {
                    parts.append(" " + filler + " ")
                    continue
                }
                let (text, dimmed) = texts(column)
                let cut = TerminalText.truncated(text, toWidth: widths[position])
                let cell = TerminalText.padded(cut, toWidth: widths[position], rightAligned: rightAligned[column])
                parts.append(" " + (dimmed ? layout.dim(cell) : cell) + " ")
            }
            return "│" + parts.joined(separator: "│") + "│\n"
        }

        var text = line("┌", "─", "┬", "┐")
        text += row({ (names[$0], false) }, filler: "…")
        text += row({ (types[$0], true) }, filler: " ")
        text += line("├", "─", "┼", "┤")
        for (index, values) in rows.enumerated() {
            if isCut && index == head.count {
                text += row({ _ in ("⋮", false) }, filler: "⋮")
            }
            text += row({ values[$0].map { ($0, false) } ?? (null, true) }, filler: "…")
        }
        text += line("└", "─", "┴", "┘")
        let shown = Shown(rows: rows.count, columns: columns.count - (ellipsisAt == nil ? 0 : 1))
        if layout.showsRowCount {
            text += layout.dim(Self.countText(rows: rowCount, columns: schema.count, shown: shown)) + "\n"
        }
        return (text, shown)
    }

    /// "12 rows", "1,000 rows (40 shown)", with "· 30 columns (8 shown)" when columns were left out.
    static func countText(rows: Int, columns: Int, shown: Shown) -> String {
        var text = Counting.text(rows, "row")
        if shown.rows < rows { text += " (\(Counting.grouped(shown.rows)) shown)" }
        if shown.columns < columns { text += " · \(Counting.text(columns, "column")) (\(shown.columns) shown)" }
        return text
    }

    /// Which columns to show (nil marks the "…" column standing for those left out) and their widths, so
    /// that the box fits the terminal: the widest columns are narrowed first, down to 8 characters; if it
    /// still does not fit, columns are left out from the middle, keeping the first and the last ones.
    private func fit(_ natural: [Int]) -> (columns: [Int?], widths: [Int]) {
        let available = layout.width
        func total(_ widths: [Int]) -> Int { 1 + widths.reduce(0) { $0 + $1 + 3 } }
        var widths = natural
        let floors = natural.map { Swift.min($0, 8) }
        while total(widths) > available {
            guard let widest = widths.indices.filter({ widths[$0] > floors[$0] }).max(by: { widths[$0] <= widths[$1] }) else { break }
            widths[widest] -= 1
        }
        if total(widths) <= available || widths.count <= 1 {
            let all = Array(widths.indices)
            var fitted = widths
            if total(fitted) > available, !fitted.isEmpty { fitted[0] = Swift.max(1, available - 4) }
            return (all.map { $0 }, fitted)
        }
        // Alternate between the left and the right end, keeping columns while they fit beside "…"; a
        // column left in gets up to 16 characters.
        widths = natural.map { Swift.min($0, 16) }
        var left: [Int] = []
        var right: [Int] = []
        var used = 1 + 4
        var low = 0
        var high = widths.count - 1
        var takeLeft = true
        while low <= high {
            let candidate = takeLeft ? low : high
            guard used + widths[candidate] + 3 <= available else { break }
            used += widths[candidate] + 3
            if takeLeft {
                left.append(low)
                low += 1
            } else {
                right.insert(high, at: 0)
                high -= 1
            }
            takeLeft.toggle()
        }
        if left.isEmpty {
            return ([0, nil], [Swift.max(1, available - 1 - 4 - 3), 1])
        }
        let columns: [Int?] = left.map { $0 } + [nil] + right.map { $0 }
        return (columns, columns.map { $0.map { widths[$0] } ?? 1 })
    }
}

/// Counts as people read them: "1 row", "12,345 rows".
enum Counting {
    static func text(_ count: Int, _ noun: String) -> String {
        grouped(count) + " " + noun + (count == 1 ? "" : "s")
    }

    static func grouped(_ count: Int) -> String {
        let digits = String(count.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return (count < 0 ? "-" : "") + result
    }
}
