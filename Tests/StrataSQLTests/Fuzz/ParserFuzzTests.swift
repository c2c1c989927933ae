// Random input never crashes the front end: random token sequences, random bytes, and corpus statements
// with tokens deleted, repeated, swapped, inserted or cut off. Every outcome is either an AST that
// round-trips through the printer or an SQLError whose position lies inside the text and renders.
// Seeds are fixed, so a failure reproduces.
import Testing
@testable import StrataSQL

@Suite struct ParserFuzzTests {
    static let vocabulary: [String] = {
        var words = Keyword.allCases.map(\.rawValue)
        words += ["a", "b", "t", "s.t", "x1", "\"Q\"", "`b`", "count", "sum", "read_parquet", "int", "varchar", "array"]
        words += ["0", "1", "42", "1.5", ".5", "1e3", "'s'", "''", "X'0F'", "'2024-01-01'"]
        words += ["(", ")", "(", ")", "[", "]", ",", ",", ".", ";", "*", "+", "-", "/", "%", "||", "=", "<>", "!=", "<", "<=", ">", ">=", "=>", "::", ":", "?"]
        words += ["SELECT", "FROM", "WHERE", "AND", "OR", "(", ")", "JOIN", "ON", "AS", "GROUP", "BY", "ORDER"]
        return words
    }()

    /// Parses `text`; whatever comes out must be consistent. Returns whether it parsed.
    @discardableResult
    static func check(_ text: String) -> Bool {
        do throws(SQLError) {
            let statements = try SQLParser.parse(text)
            let printed = SQLPrinter(layout: .singleLine).print(statements)
            do throws(SQLError) {
                let reparsed = try SQLParser.parse(printed)
                #expect(reparsed == statements, "round trip changed:\n\(text)\n→\n\(printed)")
            } catch {
                Issue.record("printed SQL does not parse:\n\(text)\n→\n\(error.render(source: printed))")
            }
            return true
        } catch {
            #expect(error.range.lowerBound >= 0 && error.range.upperBound <= text.utf8.count, "\(text)")
            #expect(error.location.line >= 1 && error.location.column >= 1)
            #expect(!error.render(source: text).isEmpty)
            return false
        }
    }

    @Test func randomTokenSequences() {
        var random = SplitMix64(seed: 0x5157_4C)
        var parsed = 0
        for _ in 0..<4_000 {
            let length = Int(random.next() % 30) + 1
            let text = (0..<length).map { _ in Self.vocabulary[Int(random.next() % UInt64(Self.vocabulary.count))] }
                .joined(separator: " ")
            if Self.check(text) { parsed += 1 }
        }
        #expect(parsed > 0, "no random sequence parsed")
    }

    @Test func randomTokenSequencesStartingLikeStatements() {
        var random = SplitMix64(seed: 42)
        let starts = ["SELECT", "SELECT a FROM", "SELECT * FROM t WHERE", "CREATE EXTERNAL TABLE t (", "CREATE TABLE t WITH (",
                      "INSERT INTO t", "WITH x AS (", "SELECT CASE WHEN", "SELECT CAST(", "ALTER TABLE t ADD PARTITION (", "SHOW", "COPY ("]
        var parsed = 0
        for _ in 0..<3_000 {
            let length = Int(random.next() % 20)
            let text = starts[Int(random.next() % UInt64(starts.count))] + " "
                + (0..<length).map { _ in Self.vocabulary[Int(random.next() % UInt64(Self.vocabulary.count))] }.joined(separator: " ")
            if Self.check(text) { parsed += 1 }
        }
        #expect(parsed > 20, "only \(parsed) sequences parsed")
    }

    @Test func randomBytes() {
        var random = SplitMix64(seed: 0xB17E5)
        let ascii = Array("SELECT FROM WHERE abc 0123456789 '\"`()[],.;:+-*/%|=<>!?_ \n\t-/*#é".utf8)
        for round in 0..<3_000 {
            let length = Int(random.next() % 80)
            let bytes: [UInt8] = (0..<length).map { _ in
                round % 2 == 0 ? UInt8(truncatingIfNeeded: random.next()) : ascii[Int(random.next() % UInt64(ascii.count))]
            }
            Self.check(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func mutatedCorpusStatements() throws {
        var random = SplitMix64(seed: 0xC0_2B05)
        var parsed = 0
        var total = 0
        for file in ExampleCorpus.files {
            let text = try ExampleCorpus.text(of: file)
            for statement in try ExampleCorpus.statements(in: file) {
                let source = Array(statement.range.text(in: text).utf8)
                let tokens = source.withUnsafeBufferPointer { SQLLexer.tokenize($0) }.dropLast().map { token in
                    String(decoding: source[Int(token.offset)..<token.end], as: UTF8.self)
                }
                guard !tokens.isEmpty else { continue }
                for _ in 0..<8 {
                    var mutated = tokens
                    let position = Int(random.next() % UInt64(mutated.count))
                    switch random.next() % 5 {
                    case 0: mutated.remove(at: position)
                    case 1: mutated.insert(mutated[position], at: position)
                    case 2: if position + 1 < mutated.count { mutated.swapAt(position, position + 1) }
                    case 3: mutated.insert(Self.vocabulary[Int(random.next() % UInt64(Self.vocabulary.count))], at: position)
                    default: mutated = Array(mutated.prefix(position))
                    }
                    total += 1
                    if Self.check(mutated.joined(separator: " ")) { parsed += 1 }
                }
            }
        }
        #expect(parsed > total / 20 && parsed < total, "\(parsed) of \(total) mutations parsed")
    }

    /// Random expressions from a small grammar, so most parse and the printer's parenthesization is tried
    /// on shapes nobody wrote by hand.
    @Test func randomWellFormedExpressions() {
        var random = SplitMix64(seed: 0xE4_9E55)
        var parsed = 0
        for _ in 0..<3_000 {
            let text = "SELECT " + Self.randomExpression(&random, depth: 4) + " FROM t"
            if Self.check(text) { parsed += 1 }
        }
        #expect(parsed > 1_500, "only \(parsed) generated expressions parsed")
    }

    static func randomExpression(_ random: inout SplitMix64, depth: Int) -> String {
        func pick<T>(_ options: [T]) -> T { options[Int(random.next() % UInt64(options.count))] }
        if depth == 0 || random.next() % 4 == 0 {
            return pick(["a", "b", "t.c", "1", "2.5", "'x'", "NULL", "TRUE", "DATE '2024-01-01'", "INTERVAL '1' DAY", "\"Q\"", "current_date", "count(*)"])
        }
        let next = depth - 1
        switch random.next() % 16 {
        case 0, 1, 2:
            let op = pick(["+", "-", "*", "/", "%", "||", "=", "<>", "<", ">=", "AND", "OR"])
            return randomExpression(&random, depth: next) + " " + op + " " + randomExpression(&random, depth: next)
        case 3: return pick(["-", "+", "NOT "]) + randomExpression(&random, depth: next)
        case 4: return "(" + randomExpression(&random, depth: next) + ")"
        case 5: return pick(["f", "sum", "coalesce"]) + "(" + randomExpression(&random, depth: next) + ", " + randomExpression(&random, depth: next) + ")"
        case 6: return "CASE WHEN " + randomExpression(&random, depth: next) + " THEN " + randomExpression(&random, depth: next) + " ELSE " + randomExpression(&random, depth: next) + " END"
        case 7: return randomExpression(&random, depth: next) + pick([" BETWEEN ", " NOT BETWEEN "]) + randomExpression(&random, depth: next) + " AND " + randomExpression(&random, depth: next)
        case 8: return randomExpression(&random, depth: next) + pick([" IN (", " NOT IN ("]) + randomExpression(&random, depth: next) + ", 1)"
        case 9: return randomExpression(&random, depth: next) + pick([" IS NULL", " IS NOT NULL"])
        case 10: return randomExpression(&random, depth: next) + " LIKE " + randomExpression(&random, depth: next)
        case 11: return "CAST(" + randomExpression(&random, depth: next) + " AS " + pick(["INT", "DECIMAL(10,2)", "ARRAY(VARCHAR)", "TIMESTAMP(3)"]) + ")"
        case 12: return "(SELECT " + randomExpression(&random, depth: next) + " FROM u)"
        case 13: return randomExpression(&random, depth: next) + " AT TIME ZONE 'UTC'"
        case 14: return "sum(" + randomExpression(&random, depth: next) + ") OVER (PARTITION BY a ORDER BY b ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)"
        default: return randomExpression(&random, depth: next) + " IS DISTINCT FROM " + randomExpression(&random, depth: next)
        }
    }

    @Test func everyPrefixOfTPCHQuery() throws {
        let text = try ExampleCorpus.text(of: "tpch/q08.sql")
        let bytes = Array(text.utf8)
        for end in stride(from: 0, through: bytes.count, by: 3) {
            Self.check(String(decoding: bytes[..<end], as: UTF8.self))
        }
    }
}
