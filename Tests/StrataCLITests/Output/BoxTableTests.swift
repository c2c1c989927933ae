// The box table drawn for terminals, the line mode, and display widths: exact text at fixed widths.
import StrataCore
import Testing

@testable import StrataCLI

@Suite struct BoxTableTests {
    static let schema = Schema([Field("id", .bigint), Field("label", .varchar), Field("amount", .decimal(precision: 10, scale: 2))])

    static func batch(_ rows: [(Int64, String?, Int64?)]) -> Batch {
        Batch(
            columns: [
                Column.build(.bigint, rows.map { .integer($0.0) }),
                Column.build(.varchar, rows.map { $0.1.map(Value.varchar) ?? .null }),
                Column.build(.decimal(precision: 10, scale: 2), rows.map { $0.2.map { Value.decimal(Int128($0)) } ?? .null }),
            ], count: rows.count)
    }

    static func render(_ batches: [Batch], width: Int = 80, maxRows: Int = 40, schema: Schema = schema) -> (String, BoxTable.Shown) {
        var printer = RowPrinter(format: .table, schema: schema, terminal: TerminalLayout(width: width, maxRows: maxRows, color: false))
        var text = printer.header()
        for batch in batches { text += printer.rows(batch) }
        text += printer.footer()
        return (text, printer.shown!)
    }

    @Test func drawsNamesTypesAlignmentAndNull() {
        let (text, shown) = Self.render([Self.batch([(1, "a, b", 150), (22, nil, -5)])])
        #expect(text == """
            ┌────────┬─────────┬───────────────┐
            │     id │ label   │        amount │
            │ bigint │ varchar │ decimal(10,2) │
            ├────────┼─────────┼───────────────┤
            │      1 │ a, b    │          1.50 │
            │     22 │ NULL    │         -0.05 │
            └────────┴─────────┴───────────────┘
            2 rows

            """)
        #expect(shown == BoxTable.Shown(rows: 2, columns: 3))
    }

    @Test func nullIsDimmedWhenColourIsOn() {
        var printer = RowPrinter(
            format: .table, schema: Self.schema, terminal: TerminalLayout(width: 80, color: true, showsRowCount: false))
        _ = printer.rows(Self.batch([(1, nil, nil)]))
        let text = printer.footer()
        #expect(text.contains("\u{1B}[2mNULL   \u{1B}[0m"))
        #expect(!text.contains("1 row"))
    }

    @Test func longResultsShowTheirFirstAndLastRows() {
        let rows = (1...25).map { (Int64($0), Optional("r\($0)"), Optional(Int64($0))) }
        // Batches of 7 rows, so the kept tail spans batches.
        let batches = stride(from: 0, to: rows.count, by: 7).map { Self.batch(Array(rows[$0..<min($0 + 7, rows.count)])) }
        let (text, shown) = Self.render(batches, maxRows: 6)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[4].contains(" 1 │ r1 "))
        #expect(lines[5].contains(" 2 │ r2 "))
        #expect(lines[6].contains(" 3 │ r3 "))
        #expect(lines[7].contains("⋮"))
        #expect(lines[8].contains(" 23 │ r23 "))
        #expect(lines[10].contains(" 25 │ r25 "))
        #expect(lines.last == "25 rows (6 shown)")
        #expect(shown.rows == 6)

        let (all, allShown) = Self.render(batches, maxRows: 0)
        #expect(!all.contains("⋮"))
        #expect(all.hasSuffix("25 rows\n"))
        #expect(allShown.rows == 25)
    }

    @Test func wideResultsFitTheTerminal() {
        let long = String(repeating: "word ", count: 30)
        let (narrowed, shown) = Self.render([Self.batch([(1, long, 1)])], width: 50)
        for line in narrowed.split(separator: "\n") { #expect(TerminalText.width(String(line)) <= 50, "\(line)") }
        #expect(narrowed.contains("word word…"))
        #expect(shown.columns == 3)

        let fields = (0..<20).map { Field("column_\($0)", .varchar) }
        let batch = Batch(columns: fields.map { _ in Column.build(.varchar, [.varchar("value")]) }, count: 1)
        let (text, wideShown) = Self.render([batch], width: 60, schema: Schema(fields))
        for line in text.split(separator: "\n") { #expect(TerminalText.width(String(line)) <= 60, "\(line)") }
        #expect(text.contains("column_0"))
        #expect(text.contains("column_19"))
        #expect(text.contains(" … "))
        #expect(wideShown.columns < 20)
        #expect(text.hasSuffix("1 row · 20 columns (\(wideShown.columns) shown)\n"))
    }

    @Test func emptyResultsKeepTheirHeader() {
        let (text, _) = Self.render([])
        #expect(text == """
            ┌────────┬─────────┬───────────────┐
            │     id │ label   │        amount │
            │ bigint │ varchar │ decimal(10,2) │
            ├────────┼─────────┼───────────────┤
            └────────┴─────────┴───────────────┘
            0 rows

            """)
    }

    @Test func cellsStayOnOneLine() {
        let (text, _) = Self.render([Self.batch([(1, "two\nlines\tand tab", nil)])])
        #expect(text.contains("two\\nlines\\tand tab"))
    }

    @Test func lineMode() {
        var printer = RowPrinter(layout: .lines, schema: Self.schema)
        let text = printer.header() + printer.rows(Self.batch([(1, "a", 150), (2, nil, nil)])) + printer.footer()
        #expect(text == """
                id = 1
             label = a
            amount = 1.50

                id = 2
             label = NULL
            amount = NULL

            """)
    }

    @Test func displayWidths() {
        #expect(TerminalText.width("abc") == 3)
        #expect(TerminalText.width("日本語") == 6)
        #expect(TerminalText.width("e\u{301}") == 1)
        #expect(TerminalText.truncated("日本語です", toWidth: 5) == "日本…")
        #expect(TerminalText.truncated("abcdef", toWidth: 4) == "abc…")
        #expect(TerminalText.truncated("abc", toWidth: 3) == "abc")
        #expect(Counting.text(1, "row") == "1 row")
        #expect(Counting.text(1_234_567, "row") == "1,234,567 rows")
    }
}
