import StrataCore
import StrataPlanner
import Testing
@testable import StrataExecution

@Suite struct StringFunctionTests {
    func call(_ function: ScalarFunction, _ arguments: Value...) throws -> Value {
        try Harness.call(function, arguments.map { value in
            switch value {
            case .varchar: return (value, .varchar)
            case .integer: return (value, .bigint)
            default: return (value, .unknown)
            }
        })
    }

    @Test func lengthCountsCharacters() throws {
        #expect(try call(.length, .v("héllo")) == .i(5))
        #expect(try call(.length, .v("")) == .i(0))
        #expect(try call(.length, .v("日本語")) == .i(3))
        #expect(try call(.length, .null) == .null)
        #expect(try Harness.callColumn(.length, .varchar, [.v("ab"), .null, .v("ü"), .v("ab")]) == [.i(2), .null, .i(1), .i(2)])
    }

    @Test func caseMapping() throws {
        #expect(try call(.upper, .v("abc Déjà-vu ß")) == .v("ABC DÉJÀ-VU ß"))
        #expect(try call(.lower, .v("ÀÉÎ ABC")) == .v("àéî abc"))
        #expect(try Harness.callColumn(.upper, .varchar, [.v("x"), .null, .v("é")]) == [.v("X"), .null, .v("É")])
    }

    @Test func substr() throws {
        #expect(try call(.substr, .v("hello"), .i(2)) == .v("ello"))
        #expect(try call(.substr, .v("hello"), .i(2), .i(3)) == .v("ell"))
        #expect(try call(.substr, .v("hello"), .i(-3)) == .v("llo"))
        #expect(try call(.substr, .v("hello"), .i(-3), .i(2)) == .v("ll"))
        #expect(try call(.substr, .v("hello"), .i(0)) == .v(""))
        #expect(try call(.substr, .v("hello"), .i(6)) == .v(""))
        #expect(try call(.substr, .v("hello"), .i(-6)) == .v(""))
        #expect(try call(.substr, .v("hello"), .i(2), .i(0)) == .v(""))
        #expect(try call(.substr, .v("héllo wörld"), .i(2), .i(4)) == .v("éllo"))
        #expect(try call(.substr, .v("héllo wörld"), .i(-5)) == .v("wörld"))
    }

    @Test func trimming() throws {
        #expect(try call(.trim, .v("  a b \t\n")) == .v("a b"))
        #expect(try call(.ltrim, .v("  a ")) == .v("a "))
        #expect(try call(.rtrim, .v("  a ")) == .v("  a"))
        #expect(try call(.trim, .v("xxaxx"), .v("x")) == .v("a"))
        #expect(try call(.ltrim, .v("éeaé"), .v("é")) == .v("eaé"))
        #expect(try call(.trim, .v("\u{3000}a\u{00A0}")) == .v("a\u{00A0}"))
    }

    @Test func concatReplaceReverse() throws {
        #expect(try call(.concat, .v("a"), .v("b"), .v("c")) == .v("abc"))
        #expect(try call(.concat, .v("a"), .null) == .null)
        #expect(try call(.replace, .v("banana"), .v("an"), .v("AN")) == .v("bANANa"))
        #expect(try call(.replace, .v("banana"), .v("a")) == .v("bnn"))
        #expect(try call(.replace, .v("abc"), .v(""), .v("-")) == .v("-a-b-c-"))
        #expect(try call(.reverse, .v("héllo")) == .v("olléh"))
    }

    @Test func splitAndSearch() throws {
        #expect(try call(.splitPart, .v("a,b,,c"), .v(","), .i(2)) == .v("b"))
        #expect(try call(.splitPart, .v("a,b,,c"), .v(","), .i(3)) == .v(""))
        #expect(try call(.splitPart, .v("a,b,,c"), .v(","), .i(5)) == .null)
        #expect(try call(.splitPart, .v("a::b"), .v("::"), .i(2)) == .v("b"))
        #expect(try call(.splitPart, .v("héllo"), .v(""), .i(2)) == .v("é"))
        #expect(throws: ExecutionError.self) { try call(.splitPart, .v("a"), .v(","), .i(0)) }
        #expect(try call(.strpos, .v("héllo"), .v("l")) == .i(3))
        #expect(try call(.strpos, .v("hello"), .v("z")) == .i(0))
        #expect(try call(.strpos, .v("hello"), .v("")) == .i(1))
        #expect(try call(.strpos, .v("abcabc"), .v("bc"), .i(2)) == .i(5))
        #expect(try call(.strpos, .v("abcabc"), .v("bc"), .i(-1)) == .i(5))
        #expect(try call(.strpos, .v("abcabc"), .v("bc"), .i(-2)) == .i(2))
        #expect(try call(.strpos, .v("abcabc"), .v("bc"), .i(3)) == .i(0))
        #expect(try call(.startsWith, .v("hello"), .v("he")) == .b(true))
        #expect(try call(.endsWith, .v("hello"), .v("he")) == .b(false))
    }

    @Test func padding() throws {
        #expect(try call(.lpad, .v("7"), .i(3), .v("0")) == .v("007"))
        #expect(try call(.rpad, .v("ab"), .i(5), .v("xy")) == .v("abxyx"))
        #expect(try call(.lpad, .v("hello"), .i(3), .v("x")) == .v("hel"))
        #expect(try call(.lpad, .v("é"), .i(3), .v("ü")) == .v("üüé"))
        #expect(throws: ExecutionError.self) { try call(.lpad, .v("a"), .i(3), .v("")) }
        #expect(throws: ExecutionError.self) { try call(.lpad, .v("a"), .i(-1), .v("x")) }
    }

    @Test func characterFunctions() throws {
        #expect(try call(.concatWs, .v(","), .v("a"), .null, .v("c")) == .v("a,c"))
        #expect(try call(.concatWs, .null, .v("a")) == .null)
        #expect(try call(.chr, .i(233)) == .v("é"))
        #expect(throws: ExecutionError.self) { try call(.chr, .i(-1)) }
        #expect(try Harness.call(.codepoint, [(.v("é"), .varchar)]) == .i(233))
        #expect(throws: ExecutionError.self) { try call(.codepoint, .v("ab")) }
        #expect(try call(.translate, .v("abcd"), .v("ab"), .v("x")) == .v("xcd"))
        #expect(try call(.translate, .v("héllo"), .v("él"), .v("EL")) == .v("hELLo"))
        #expect(try call(.levenshteinDistance, .v("kitten"), .v("sitting")) == .i(3))
        #expect(try call(.levenshteinDistance, .v(""), .v("abc")) == .i(3))
        #expect(try call(.levenshteinDistance, .v("héllo"), .v("hello")) == .i(1))
        #expect(try call(.hammingDistance, .v("abcde"), .v("abXdY")) == .i(2))
        #expect(throws: ExecutionError.self) { try call(.hammingDistance, .v("a"), .v("ab")) }
        #expect(try call(.toUTF8, .v("é")) == .varbinary([0xC3, 0xA9]))
        #expect(try Harness.call(.fromUTF8, [(.varbinary([0x61, 0xFF]), .varbinary)]) == .v("a\u{FFFD}"))
    }

    @Test func likePatterns() throws {
        func like(_ text: String?, _ pattern: String, escape: String? = nil) throws -> Value {
            try Harness.evaluate(
                .like(.literal(text.map(Value.varchar) ?? .null, .varchar), pattern: .literal(.v(pattern), .varchar),
                      escape: escape.map { .literal(.v($0), .varchar) }, negated: false), [], count: 1)[0]
        }
        #expect(try like("hello", "hello") == .b(true))
        #expect(try like("hello", "he%") == .b(true))
        #expect(try like("hello", "%lo") == .b(true))
        #expect(try like("hello", "%ll%") == .b(true))
        #expect(try like("hello", "h%o") == .b(true))
        #expect(try like("hello", "h%l%o") == .b(true))
        #expect(try like("hello", "h%x%o") == .b(false))
        #expect(try like("hello", "h_llo") == .b(true))
        #expect(try like("héllo", "h_llo") == .b(true))
        #expect(try like("hello", "_") == .b(false))
        #expect(try like("", "%") == .b(true))
        #expect(try like("abab", "%ab%ab") == .b(true))
        #expect(try like("aXb", "a%_b") == .b(true))
        #expect(try like("ab", "a%_b") == .b(false))
        #expect(try like("50%", "50!%", escape: "!") == .b(true))
        #expect(try like("500", "50!%", escape: "!") == .b(false))
        #expect(try like("a_c", "a!_c", escape: "!") == .b(true))
        #expect(try like(nil, "%") == .null)
        #expect(throws: ExecutionError.self) { try like("a", "a!", escape: "!") }
        #expect(throws: ExecutionError.self) { try like("a", "a", escape: "!!") }
        // Hostile pattern: linear, not exponential.
        let long = String(repeating: "a", count: 5000)
        #expect(try like(long, String(repeating: "%a", count: 50) + "b") == .b(false))
        // Every storage, and a pattern per row.
        let values: [Value] = [.v("apple"), .null, .v("banana"), .v("apricot")]
        for storage in [Storage.plain, .dictionary] {
            let expression = BoundExpression.like(.column(0, .varchar), pattern: .literal(.v("ap%"), .varchar), escape: nil, negated: true)
            #expect(try Harness.evaluate(expression, [Harness.column(.varchar, values, storage)]) == [.b(false), .null, .b(true), .b(false)])
        }
        let patterns = Harness.column(.varchar, [.v("a%"), .v("x"), .v("%an%"), .v("%t")])
        let perRow = BoundExpression.like(.column(0, .varchar), pattern: .column(1, .varchar), escape: nil, negated: false)
        #expect(try Harness.evaluate(perRow, [Harness.column(.varchar, values), patterns]) == [.b(true), .null, .b(true), .b(true)])
    }
}
