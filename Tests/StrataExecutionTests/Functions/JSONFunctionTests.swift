import StrataCore
import StrataPlanner
import Testing
@testable import StrataExecution

@Suite struct JSONFunctionTests {
    let document = #"{"name": "Ann \"A\" \u00e9", "age": 41, "ok": true, "none": null, "tags": ["a", "b", {"k": [1, 2.5]}], "nested": {"x": {"y": "deep"}}}"#

    func extract(_ function: ScalarFunction, _ json: String, _ path: String) throws -> Value {
        try Harness.call(function, [(.v(json), .varchar), (.v(path), .varchar)])
    }

    @Test func scalars() throws {
        #expect(try extract(.jsonExtractScalar, document, "$.name") == .v("Ann \"A\" é"))
        #expect(try extract(.jsonExtractScalar, document, "$.age") == .v("41"))
        #expect(try extract(.jsonExtractScalar, document, "$.ok") == .v("true"))
        #expect(try extract(.jsonExtractScalar, document, "$.none") == .null)
        #expect(try extract(.jsonExtractScalar, document, "$.tags[1]") == .v("b"))
        #expect(try extract(.jsonExtractScalar, document, "$.tags[2].k[1]") == .v("2.5"))
        #expect(try extract(.jsonExtractScalar, document, "$.nested.x.y") == .v("deep"))
        #expect(try extract(.jsonExtractScalar, document, "$[\"nested\"]['x'].y") == .v("deep"))
        #expect(try extract(.jsonExtractScalar, document, "$.tags") == .null)
        #expect(try extract(.jsonExtractScalar, document, "$.missing") == .null)
        #expect(try extract(.jsonExtractScalar, document, "$.tags[9]") == .null)
        #expect(try extract(.jsonExtractScalar, "{not json", "$.a") == .null)
        #expect(throws: ExecutionError.self) { try extract(.jsonExtractScalar, document, "name") }
        #expect(throws: ExecutionError.self) { try extract(.jsonExtractScalar, document, "$.tags[*]") }
    }

    @Test func values() throws {
        #expect(try extract(.jsonExtract, document, "$.tags[2]") == .v(#"{"k":[1,2.5]}"#))
        #expect(try extract(.jsonExtract, document, "$.name") == .v(#""Ann \"A\" \u00e9""#))
        #expect(try extract(.jsonExtract, document, "$") != .null)
        #expect(try Harness.call(.jsonArrayLength, [(.v("[1, [2, 3], {\"a\": 4}]"), .varchar)]) == .i(3))
        #expect(try Harness.call(.jsonArrayLength, [(.v("[]"), .varchar)]) == .i(0))
        #expect(try Harness.call(.jsonArrayLength, [(.v("{}"), .varchar)]) == .null)
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(try Harness.call(.jsonArrayLength, [(.v(deep), .varchar)]) == .i(1))
        let column = Harness.column(.varchar, [.v(#"{"a": 1}"#), .null, .v(#"{"a": "x"}"#), .v(#"{"a": 1}"#)], .dictionary)
        let call = BoundExpression.call(.jsonExtractScalar, [.column(0, .varchar), .literal(.v("$.a"), .varchar)], .varchar)
        #expect(try Harness.evaluate(call, [column]) == [.v("1"), .null, .v("x"), .v("1")])
    }
}
