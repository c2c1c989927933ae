import StrataCore
import StrataPlanner
import Testing
@testable import StrataExecution

@Suite struct RegexFunctionTests {
    func like(_ text: String, _ pattern: String) throws -> Value {
        try Harness.call(.regexpLike, [(.v(text), .varchar), (.v(pattern), .varchar)])
    }

    func extract(_ text: String, _ pattern: String, _ group: Int64? = nil) throws -> Value {
        var arguments: [(Value, DataType)] = [(.v(text), .varchar), (.v(pattern), .varchar)]
        if let group { arguments.append((.i(group), .bigint)) }
        return try Harness.call(.regexpExtract, arguments)
    }

    func replace(_ text: String, _ pattern: String, _ replacement: String? = nil) throws -> Value {
        var arguments: [(Value, DataType)] = [(.v(text), .varchar), (.v(pattern), .varchar)]
        if let replacement { arguments.append((.v(replacement), .varchar)) }
        return try Harness.call(.regexpReplace, arguments)
    }

    @Test func matching() throws {
        #expect(try like("abc123", "\\d+") == .b(true))
        #expect(try like("abc", "^b") == .b(false))
        #expect(try like("abc", "b") == .b(true))
        #expect(try like("abc", "^abc$") == .b(true))
        #expect(try like("ABC", "(?i)abc") == .b(true))
        #expect(try like("abc", "a.c") == .b(true))
        #expect(try like("a\nc", "a.c") == .b(false))
        #expect(try like("a\nc", "(?s)a.c") == .b(true))
        #expect(try like("x\ny", "(?m)^y$") == .b(true))
        #expect(try like("foo bar", "\\bbar\\b") == .b(true))
        #expect(try like("foobar", "\\bbar\\b") == .b(false))
        #expect(try like("aaa", "a{2,3}") == .b(true))
        #expect(try like("ab", "a{2,3}") == .b(false))
        #expect(try like("héllo", "h.llo") == .b(true))
        #expect(try like("日本", "\\p{L}+") == .b(true))
        #expect(try like("color", "colou?r") == .b(true))
        #expect(try like("cat", "dog|cat") == .b(true))
        #expect(try like("x-y", "[a-z]-[^0-9]") == .b(true))
        #expect(try like("abc\n", "abc$") == .b(true))
        #expect(try like("prefix-thing", "prefix-[a-z]+") == .b(true))
        #expect(try like("xxprefix-thing", "prefix-[0-9]+") == .b(false))
    }

    @Test func hostilePatternsStayLinear() throws {
        let text = String(repeating: "a", count: 3000)
        #expect(try like(text, "(a*)*b") == .b(false))
        #expect(try like(text, "(a|aa)+$") == .b(true))
        #expect(try like(text + "!", "^(a+)+$") == .b(false))
    }

    @Test func extraction() throws {
        #expect(try extract("1a 2b 14m", "\\d+") == .v("1"))
        #expect(try extract("1a 2b 14m", "(\\d+)([a-z]+)", 2) == .v("a"))
        #expect(try extract("abc", "\\d+") == .null)
        #expect(try extract("abc", "(x)?abc", 1) == .null)
        #expect(try extract("key=value", "(?<k>\\w+)=(?<v>\\w+)", 2) == .v("value"))
        #expect(try extract("aaa", "a+?") == .v("a"))
        #expect(try extract("aaa", "a+") == .v("aaa"))
        #expect(try extract("abcd", "(a|ab)(c|bcd)", 2) == .v("bcd"))
        #expect(try extract("héllo wörld", "w(.)r", 1) == .v("ö"))
        #expect(throws: ExecutionError.self) { try extract("abc", "(a)", 2) }
    }

    @Test func replacement() throws {
        #expect(try replace("1a 2b 14m", "\\d+[ab] ") == .v("14m"))
        #expect(try replace("1a 2b 14m", "(\\d+)([ab]) ", "3c$2 ") == .v("3ca 3cb 14m"))
        #expect(try replace("abc", "x*", "-") == .v("-a-b-c-"))
        #expect(try replace("abc", "b*", "-") == .v("-a--c-"))
        #expect(try replace("a.b", "\\.", "\\$") == .v("a$b"))
        #expect(try replace("John Smith", "(?<first>\\w+) (?<last>\\w+)", "${last}, ${first}") == .v("Smith, John"))
        #expect(try replace("héllo", "l", "L") == .v("héLLo"))
        #expect(throws: ExecutionError.self) { try replace("abc", "(a)", "$2") }
    }

    @Test func countingAndPositions() throws {
        func count(_ text: String, _ pattern: String) throws -> Value {
            try Harness.call(.regexpCount, [(.v(text), .varchar), (.v(pattern), .varchar)])
        }
        func position(_ text: String, _ pattern: String, _ extra: Int64...) throws -> Value {
            try Harness.call(.regexpPosition, [(.v(text), .varchar), (.v(pattern), .varchar)] + extra.map { (.i($0), .bigint) })
        }
        #expect(try count("1a 2b 14m", "\\d+") == .i(3))
        #expect(try count("abc", "x*") == .i(4))
        #expect(try count("abc", "z") == .i(0))
        #expect(try position("I have 23 apples, 5 pears", "\\d+") == .i(8))
        #expect(try position("I have 23 apples, 5 pears", "\\d+", 10) == .i(19))
        #expect(try position("I have 23 apples, 5 pears", "\\d+", 1, 2) == .i(19))
        #expect(try position("I have 23 apples, 5 pears", "\\d+", 1, 3) == .i(-1))
        #expect(try position("héé 1", "\\d") == .i(5))
        #expect(throws: ExecutionError.self) { try position("a", "a", 0) }
    }

    @Test func invalidPatterns() {
        for pattern in ["(", "a)", "[a", "a{2,1}", "\\1", "(?=a)", "a**", "\\q"] {
            #expect(throws: ExecutionError.self, "\(pattern)") { try like("a", pattern) }
        }
    }

    @Test func columnsAndPerRowPatterns() throws {
        let values: [Value] = [.v("a1"), .null, .v("bb"), .v("a1")]
        let call = BoundExpression.call(.regexpLike, [.column(0, .varchar), .literal(.v("[0-9]"), .varchar)], .boolean)
        for storage in [Storage.plain, .dictionary] {
            #expect(try Harness.evaluate(call, [Harness.column(.varchar, values, storage)]) == [.b(true), .null, .b(false), .b(true)])
        }
        let patterns = Harness.column(.varchar, [.v("a"), .v("b"), .v("("), .v("1$")])
        let perRow = BoundExpression.tryExpression(.call(.regexpLike, [.column(0, .varchar), .column(1, .varchar)], .boolean))
        #expect(try Harness.evaluate(perRow, [Harness.column(.varchar, values), patterns]) == [.b(true), .null, .null, .b(true)])
    }
}
