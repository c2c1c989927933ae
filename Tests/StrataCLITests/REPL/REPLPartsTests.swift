// The REPL's parts that need no terminal: completion contexts, dot command parsing, where statements end,
// and the summary line.
import Foundation
import StrataLake
import StrataTestSupport
import Testing

@testable import StrataCLI

@Suite struct REPLPartsTests {
    final class FakeLake: CompletionSource {
        var pathBase: String?
        func tableNames() -> [String] { ["silver.events", "silver.orders", "gold.daily"] }
        func columnNames(of parts: [String]) -> [String] {
            switch parts {
            case ["silver", "events"]: return ["event_id", "amount", "event_date"]
            case ["silver", "orders"]: return ["order_id", "amount_due"]
            default: return []
            }
        }
    }

    static func complete(_ before: String, _ word: String, after: String = "", quote: Character? = nil, base: String? = nil) -> [String] {
        let lake = FakeLake()
        lake.pathBase = base
        return SQLCompleter(source: lake).candidates(for: CompletionRequest(before: before, word: word, after: after, quote: quote))
    }

    @Test func keywordsFollowTheCaseTyped() {
        #expect(Self.complete("", "sel") == ["select"])
        #expect(Self.complete("", "SEL") == ["SELECT"])
        #expect(Self.complete("SELECT 1 ", "UNI").contains("UNION"))
    }

    @Test func tablesAfterFromJoinAndCommas() {
        #expect(Self.complete("SELECT * FROM ", "sil") == ["silver.events", "silver.orders"])
        #expect(Self.complete("SELECT * FROM silver.events e JOIN ", "g") == ["gold.daily"])
        #expect(Self.complete("SELECT * FROM silver.events e, ", "silver.o") == ["silver.orders"])
        #expect(Self.complete("SELECT * FROM ", "read_p") == ["read_parquet("])
        #expect(Self.complete("SHOW PARTITIONS ", "silver.e") == ["silver.events"])
        #expect(Self.complete("DESCRIBE ", "gold") == ["gold.daily"])
        // After WHERE a comma no longer lists tables.
        #expect(!Self.complete("SELECT a, ", "silver.e").contains("silver.events"))
    }

    @Test func columnsOfTheTablesInTheStatement() {
        // The table may come after the word being completed.
        #expect(Self.complete("SELECT ", "am", after: " FROM silver.events") == ["amount"])
        #expect(Self.complete("SELECT * FROM silver.events WHERE ", "event_") == ["event_date", "event_id"])
        #expect(Self.complete("SELECT ", "o.", after: " FROM silver.events AS e JOIN silver.orders o ON true") == ["o.amount_due", "o.order_id"])
        #expect(Self.complete("SELECT ", "e.am", after: " FROM silver.events e") == ["e.amount"])
        #expect(Self.complete("SELECT ", "events.event_i", after: " FROM silver.events") == ["events.event_id"])
        #expect(Self.complete("SELECT ", "amount", after: " FROM silver.events, silver.orders") == ["amount", "amount_due"])
    }

    @Test func functions() {
        #expect(Self.complete("SELECT ", "date_tr") == ["date_trunc("])
        #expect(Self.complete("SELECT ", "approx_d") == ["approx_distinct("])
        #expect(Self.complete("SELECT ", "row_n") == ["row_number("])
    }

    @Test func filePathsInQuotes() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder.file("silver/events"), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: folder.file("silver/events/part-0.parquet"), contents: Data())
        _ = FileManager.default.createFile(atPath: folder.file("silver/.hidden"), contents: Data())
        #expect(Self.complete("SELECT * FROM read_parquet('", "sil", quote: "'", base: folder.path) == ["silver/"])
        #expect(Self.complete("SELECT * FROM read_parquet('", "silver/", quote: "'", base: folder.path) == ["silver/events/"])
        #expect(Self.complete("SELECT * FROM read_parquet('", "silver/events/p", quote: "'", base: folder.path) == ["silver/events/part-0.parquet'"])
        #expect(Self.complete("SELECT * FROM read_parquet('", folder.file("silver/ev"), quote: "'") == [folder.file("silver/events/")])
        #expect(Self.complete("SELECT * FROM read_parquet('", "s3://bucket/", quote: "'", base: folder.path).isEmpty)
    }

    @Test func dotCommands() {
        #expect(Self.complete("", ".sch") == [".schema"])
        #expect(Self.complete(".schema ", "silver.o") == ["silver.orders"])
        #expect(Self.complete(".mode ", "m") == ["markdown"])
        #expect(Self.complete(".timer ", "o") == ["off", "on"])
    }

    @Test func tableReferencesWithAliases() {
        let references = SQLCompleter.tableReferences(
            in: #"SELECT * FROM silver.events AS e, silver.orders LEFT JOIN "Gold".daily d ON e.x = d.x WHERE (SELECT 1 FROM x.y LIMIT 1)"#)
        #expect(references == [
            .init(parts: ["silver", "events"], alias: "e"), .init(parts: ["silver", "orders"], alias: nil),
            .init(parts: ["Gold", "daily"], alias: "d"), .init(parts: ["x", "y"], alias: nil),
        ])
    }

    @Test func parsesDotCommands() throws {
        #expect(try DotCommand.parse(".help") == .help)
        #expect(try DotCommand.parse("  .tables silver.%;") == .tables(pattern: "silver.%"))
        #expect(try DotCommand.parse(".schema silver.events") == .schema(table: "silver.events"))
        #expect(try DotCommand.parse(".schema") == .schema(table: nil))
        #expect(try DotCommand.parse(".mode CSV") == .mode(.csv))
        #expect(try DotCommand.parse(".output 'my file.csv'") == .output(path: "my file.csv"))
        #expect(try DotCommand.parse(".output") == .output(path: nil))
        #expect(try DotCommand.parse(".timer off") == .timer(false))
        #expect(try DotCommand.parse(".lake s3://bucket/lake") == .lake(uri: "s3://bucket/lake"))
        #expect(try DotCommand.parse(".maxrows 0") == .maxRows(0))
        #expect(try DotCommand.parse(".exit") == .quit)
        #expect(throws: CommandError.self) { try DotCommand.parse(".mode yaml") }
        #expect(throws: CommandError.self) { try DotCommand.parse(".partitions") }
        #expect(throws: CommandError.self) { try DotCommand.parse(".timer maybe") }
        #expect(throws: CommandError.self) { try DotCommand.parse(".frobnicate") }
    }

    @Test func statementsEndAtSemicolonsOutsideStringsAndComments() {
        #expect(StatementInput.split("SELECT 1") == nil)
        #expect(StatementInput.split("SELECT ';'") == nil)
        #expect(StatementInput.split("SELECT 1 -- ;") == nil)
        #expect(StatementInput.split("SELECT 1 /* ; */") == nil)
        #expect(StatementInput.split("SELECT \"a;b\" FROM t") == nil)
        let split = StatementInput.split("SELECT 1; SELECT 2;\nSELECT 'x;")
        #expect(split?.complete == "SELECT 1; SELECT 2;")
        #expect(split?.rest == "\nSELECT 'x;")
        #expect(StatementInput.isBlank("  -- a comment\n/* another */"))
        #expect(!StatementInput.isBlank("/* unfinished"))
    }

    @Test func summaryLine() {
        var statistics = QueryStatistics()
        statistics.bytesRead = 3_200_000
        statistics.bytesListed = 1_200_000_000
        #expect(
            StatementSummary.line(rows: 12, columns: 3, shown: nil, seconds: 0.0412, statistics: statistics)
                == "12 rows · 0.041 s · read 3.2 MB of 1.2 GB (99.7% pruned)")
        #expect(
            StatementSummary.line(rows: 1000, columns: 30, shown: .init(rows: 40, columns: 8), seconds: nil, statistics: nil)
                == "1,000 rows (40 shown) · 30 columns (8 shown)")
        statistics.bytesRead = 1_200_000_000
        #expect(StatementSummary.readText(statistics) == "read 1.2 GB")
        #expect(StatementSummary.readText(QueryStatistics()) == nil)
        statistics.partitionsTotal = 365
        statistics.partitionsScanned = 3
        #expect(StatementSummary.readText(statistics) == "read 1.2 GB in 3 of 365 partitions")
        #expect(StatementSummary.percent(0.99999) == "99.9%")
        #expect(StatementSummary.percent(1) == "100.0%")
    }

    @Test func progressText() {
        var statistics = QueryStatistics()
        statistics.filesListed = 10
        statistics.filesOpened = 3
        statistics.bytesRead = 12_300_000
        statistics.rowsScanned = 1_234_567
        #expect(ProgressBar.text(statistics, seconds: 2.14) == "▕██████              ▏ 3/10 files · 12.3 MB · 1.2M rows · 2.1 s")
        #expect(ProgressBar.text(nil, seconds: 0.6) == "running · 0.6 s")
        #expect(ProgressBar.bar(1, cells: 4) == "▕████▏")
        #expect(ProgressBar.bar(0.5625, cells: 4) == "▕██▎ ▏")
    }

    @Test func historyFileKeepsStatementsOverLinesAsOneEntry() throws {
        let folder = try TemporaryDirectory()
        var history = HistoryFile(path: folder.file(".strata_history"))
        history.limit = 2
        #expect(history.load().isEmpty)
        history.append("SELECT 1\n  AS one;")
        history.append(".timer off")
        #expect(try String(contentsOfFile: history.path, encoding: .utf8) == "SELECT 1\u{1}  AS one;\n.timer off\n")
        #expect(history.load() == ["SELECT 1\n  AS one;", ".timer off"])
        let attributes = try FileManager.default.attributesOfItem(atPath: history.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        // Past twice the limit, loading cuts the file to its last entries.
        for number in 2...5 { history.append("SELECT \(number);") }
        #expect(history.load() == ["SELECT 4;", "SELECT 5;"])
        #expect(try String(contentsOfFile: history.path, encoding: .utf8) == "SELECT 4;\nSELECT 5;\n")
    }

    @Test func statsFunnel() {
        var statistics = QueryStatistics()
        statistics.partitionsTotal = 365
        statistics.partitionsScanned = 3
        statistics.filesListed = 12
        statistics.filesOpened = 12
        statistics.filesScanned = 4
        statistics.rowGroupsTotal = 24
        statistics.rowGroupsScanned = 5
        statistics.pagesTotal = 300
        statistics.pagesScanned = 17
        statistics.bytesRead = 3_200_000
        statistics.bytesListed = 40_000_000
        statistics.requests = 31
        statistics.rowsScanned = 51_000
        statistics.elapsedMilliseconds = 1234
        let funnel = StatementSummary.funnel(statistics, rows: 12)
        #expect(funnel == """
            partitions   3 of 365 scanned (99.2% pruned)
            files        12 listed → 12 opened → 4 scanned
            row groups   5 of 24 scanned
            pages        17 of 300 scanned
            bytes        3.2 MB read of 40.0 MB in the files listed (92.0% pruned) in 31 requests
            rows         51,000 scanned → 12 returned
            time         1,234 ms
            Athena cost  $0.000050 ($5 per TB scanned, 10 MB minimum)
            """)
    }
}
