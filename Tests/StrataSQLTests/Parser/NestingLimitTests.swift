// Nesting deeper than SQLParser.maximumNestingDepth is an error, never a stack overflow. For each way of
// nesting, the deepest statement that parses also prints, reparses, compares and hashes (all recursive),
// one level more is a `nestingTooDeep` error, and absurd depths fail just as cleanly. Flat constructs
// (AND/OR and UNION chains, long lists) are not limited.
import Testing
@testable import StrataSQL

@Suite struct NestingLimitTests {
    static let constructs: [(String, @Sendable (Int) -> String)] = [
        ("parentheses", { "SELECT " + String(repeating: "(", count: $0) + "1" + String(repeating: ")", count: $0) }),
        ("scalar subqueries", { String(repeating: "SELECT (", count: $0) + "SELECT 1" + String(repeating: ")", count: $0) }),
        ("derived tables", { String(repeating: "SELECT * FROM (", count: $0) + "SELECT 1" + String(repeating: ")", count: $0) }),
        ("function calls", { "SELECT " + String(repeating: "f(", count: $0) + "1" + String(repeating: ")", count: $0) }),
        ("CASE", { "SELECT " + String(repeating: "CASE WHEN a THEN ", count: $0) + "1" + String(repeating: " END", count: $0) }),
        ("NOT", { "SELECT " + String(repeating: "NOT ", count: $0) + "a" }),
        ("unary minus", { "SELECT " + String(repeating: "- ", count: $0) + "a" }),
        ("arithmetic chain", { "SELECT " + Array(repeating: "a", count: $0 + 1).joined(separator: " + ") }),
        ("concatenation chain", { "SELECT " + Array(repeating: "a", count: $0 + 1).joined(separator: " || ") }),
        ("subscripts", { "SELECT a" + String(repeating: "[1]", count: $0) }),
        ("AT TIME ZONE", { "SELECT a" + String(repeating: " AT TIME ZONE 'UTC'", count: $0) }),
        ("casts", { "SELECT " + String(repeating: "CAST(", count: $0) + "1" + String(repeating: " AS INT)", count: $0) }),
        ("array types", { "SELECT CAST(x AS " + String(repeating: "ARRAY(", count: $0) + "INT" + String(repeating: ")", count: $0) + ")" }),
        ("struct types", {
            "CREATE EXTERNAL TABLE t (c " + String(repeating: "struct<a:", count: $0) + "int" + String(repeating: ">", count: $0) + ")"
        }),
        ("array literals", { "SELECT " + String(repeating: "ARRAY[", count: $0) + "1" + String(repeating: "]", count: $0) }),
        ("rows", { "SELECT " + String(repeating: "(1, ", count: $0) + "1" + String(repeating: ")", count: $0) }),
        ("IN lists", { "SELECT " + String(repeating: "a IN (", count: $0) + "1" + String(repeating: ")", count: $0) }),
        ("nested AND/OR", { "SELECT " + String(repeating: "a AND (b OR ", count: $0) + "c" + String(repeating: ")", count: $0) }),
        ("join chain", { "SELECT * FROM t" + String(repeating: " JOIN t ON p", count: $0) }),
        ("right-nested joins", { "SELECT * FROM " + String(repeating: "t JOIN (", count: $0) + "t" + String(repeating: ") ON p", count: $0) }),
        ("alternating set operators", {
            "SELECT 1" + (0..<$0).map { $0 % 2 == 0 ? " UNION SELECT 1" : " UNION ALL SELECT 1" }.joined()
        }),
        ("nested set operations", { String(repeating: "SELECT 1 UNION (", count: $0) + "SELECT 1" + String(repeating: ")", count: $0) }),
        ("WITH", { String(repeating: "WITH a AS (", count: $0) + "SELECT 1" + String(repeating: ") SELECT 1", count: $0) }),
        ("window frames", { "SELECT " + String(repeating: "sum(", count: $0) + "1" + String(repeating: ") OVER (ORDER BY x ROWS 1 PRECEDING)", count: $0) }),
    ]

    static func outcome(_ sql: String) -> Result<[Statement], SQLError> {
        do throws(SQLError) {
            return .success(try SQLParser.parse(sql))
        } catch {
            return .failure(error)
        }
    }

    @Test(arguments: constructs.map(\.0))
    func deepestStatementWorksAndOneMoreLevelIsAnError(construct: String) throws {
        let make = Self.constructs.first { $0.0 == construct }!.1
        #expect((try? Self.outcome(make(1)).get()) != nil, "\(construct) does not parse at depth 1")
        // Binary search for the deepest n that parses.
        var low = 1
        var high = SQLParser.maximumNestingDepth + 1
        while low < high {
            let middle = (low + high + 1) / 2
            if case .success = Self.outcome(make(middle)) { low = middle } else { high = middle - 1 }
        }
        let deepest = low
        #expect(deepest >= SQLParser.maximumNestingDepth / 4, "\(construct): only \(deepest) levels parse")
        #expect(deepest <= SQLParser.maximumNestingDepth)

        let statements = try Self.outcome(make(deepest)).get()
        for layout in [SQLPrinter.Layout.multiLine, .singleLine] {
            let printed = SQLPrinter(layout: layout).print(statements)
            #expect(try SQLParser.parse(printed) == statements, "\(construct) at depth \(deepest) does not round-trip")
        }
        #expect(Set(statements).count == 1)

        guard case .failure(let error) = Self.outcome(make(deepest + 1)) else {
            Issue.record("\(construct) at depth \(deepest + 1) parses")
            return
        }
        #expect(error.code == .nestingTooDeep)
        #expect(error.description.contains("nests deeper than \(SQLParser.maximumNestingDepth) levels"))
        guard case .failure(let absurd) = Self.outcome(make(10_000)) else {
            Issue.record("\(construct) at depth 10000 parses")
            return
        }
        #expect(absurd.code == .nestingTooDeep)
    }

    @Test func flatConstructsAreNotLimited() throws {
        let count = 20_000
        let numbers: [String] = (0..<count).map { String($0) }
        var flat: [String] = []
        flat.append("SELECT " + numbers.map { "x = " + $0 }.joined(separator: " OR "))
        flat.append("SELECT " + numbers.map { "x = " + $0 }.joined(separator: " AND "))
        flat.append(numbers.prefix(2_000).map { "SELECT " + $0 }.joined(separator: " UNION ALL "))
        flat.append("SELECT x IN (" + numbers.joined(separator: ", ") + ")")
        flat.append("SELECT " + numbers.map { "c" + $0 }.joined(separator: ", ") + " FROM t")
        flat.append("VALUES " + numbers.map { "(" + $0 + ", 'v')" }.joined(separator: ", "))
        flat.append("SELECT * FROM " + numbers.prefix(2_000).map { "t" + $0 }.joined(separator: ", "))
        flat.append("SELECT CASE " + numbers.prefix(5_000).map { "WHEN x = " + $0 + " THEN " + $0 + " " }.joined() + "END")
        for sql in flat {
            let statements = try SQLParser.parse(sql)
            #expect(try SQLParser.parse(SQLPrinter(layout: .singleLine).print(statements)) == statements)
        }
    }

    @Test func depthIsCountedPerStatement() throws {
        let deep = "SELECT " + String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        let script = Array(repeating: deep, count: 20).joined(separator: ";\n")
        #expect(try SQLParser.parse(script).count == 20)
    }
}
