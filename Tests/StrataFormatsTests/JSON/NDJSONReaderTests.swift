// The JSON reader on hand-written files: record layouts, keys across rows, inference, strings and escapes.
import Testing
import StrataCore
@testable import StrataFormats

@Suite struct NDJSONReaderTests {
    @Test func readsRecordsByKey() throws {
        let (schema, values) = try jsonRows("""
            {"a":1,"b":"x","c":true}
            {"a":2,"c":null,"d":1.5}

            """)
        #expect(schema == Schema([Field("a", .bigint), Field("b", .varchar), Field("c", .boolean), Field("d", .double)]))
        #expect(values == [
            [.integer(1), .text("x"), .boolean(true), .null],
            [.integer(2), .null, .null, .double(1.5)],
        ])
    }

    @Test func inference() throws {
        let (schema, values) = try jsonRows("""
            {"i":1,"f":1,"big":99999999999999999999,"s":"1","d":"2024-01-01","ts":"2024-01-01 10:00:00","t":"10:00:00","z":"2024-01-01T10:00:00Z","mix":1,"nested":{"x":[1,2]},"list":[1,"a"],"n":null,"e":1e3}
            {"i":-2,"f":1.5,"big":1,"s":"x","d":"2024-02-29","ts":"2024-01-01","t":"11:30","z":"2024-01-01T12:00:00+02:00","mix":"a","nested":{},"list":[],"n":null,"e":2}
            """)
        #expect(schema.fields.map(\.type) == [
            .bigint, .double, .decimal(precision: 38, scale: 0), .varchar, .date, .timestamp, .time, .timestamp,
            .varchar, .varchar, .varchar, .varchar, .double,
        ])
        #expect(values[0][2] == .decimal(Int128("99999999999999999999")!))
        #expect(values.map { $0[5] } == [timestamp(2024, 1, 1, 10), timestamp(2024, 1, 1)])
        #expect(values.map { $0[7] } == [timestamp(2024, 1, 1, 10), timestamp(2024, 1, 1, 10)])
        #expect(values.map { $0[8] } == [.text("1"), .text("a")])
        #expect(values.map { $0[9] } == [.text("{\"x\":[1,2]}"), .text("{}")])
        #expect(values.map { $0[10] } == [.text("[1,\"a\"]"), .text("[]")])
        #expect(values.map { $0[12] } == [.double(1000), .double(2)])
    }

    @Test func temporalInferenceCanBeTurnedOff() throws {
        let (schema, _) = try jsonRows("{\"d\":\"2024-01-01\"}\n") { $0.inferTemporalTypes = false }
        #expect(schema.fields.map(\.type) == [.varchar])
    }

    @Test func stringEscapes() throws {
        let (_, values) = try jsonRows(#"{"s":"a\"b\\c\/d\b\f\n\r\t \u00e9 \ud83d\ude00 \ud800 end","k\u0041":1}"# + "\n")
        #expect(values == [[.text("a\"b\\c/d\u{8}\u{c}\n\r\t é 😀 \u{FFFD} end"), .integer(1)]])
        let (schema, _) = try jsonRows(#"{"k\u0041":1}"# + "\n")
        #expect(schema.names == ["kA"])
    }

    @Test func topLevelArray() throws {
        let (schema, values) = try jsonRows("""
            [
              {"id": 1, "tags": ["a", "b"]},
              {"id": 2, "tags": []}
            ]
            """)
        #expect(schema == Schema([Field("id", .bigint), Field("tags", .varchar)]))
        #expect(values == [[.integer(1), .text("[\"a\", \"b\"]")], [.integer(2), .text("[]")]])
        #expect(try jsonRows("[]").1.isEmpty)
    }

    @Test func prettyPrintedRecords() throws {
        let (_, values) = try jsonRows("{\n  \"a\": 1,\n  \"b\": \"x\"\n}\n{\"a\": 2, \"b\": \"y\"} {\"a\": 3}\n")
        #expect(values == [[.integer(1), .text("x")], [.integer(2), .text("y")], [.integer(3), .null]])
    }

    @Test func newlineDelimitedIsStrict() {
        let error = jsonError("{\"a\":\n1}\n") { $0.format = .newlineDelimited }
        #expect(error?.line == 1)
        #expect(error?.code == .malformed)
        let trailing = jsonError("{\"a\":1} {\"a\":2}\n") { $0.format = .newlineDelimited }
        #expect(trailing?.message == "malformed JSON: text after the record on its line")
    }

    @Test func scalarRecordsAreOneColumn() throws {
        let (schema, values) = try jsonRows("1\n2\n")
        #expect(schema == Schema([Field("json", .bigint)]))
        #expect(values == [[.integer(1)], [.integer(2)]])
        let (objects, text) = try jsonRows("{\"a\":1}\n{\"b\":[2]}\n") { $0.records = false }
        #expect(objects == Schema([Field("json", .varchar)]))
        #expect(text == [[.text("{\"a\":1}")], [.text("{\"b\":[2]}")]])
    }

    @Test func keysDifferingOnlyInCase() throws {
        let (schema, values) = try jsonRows("{\"A\":1}\n{\"a\":2}\n")
        #expect(schema.names == ["A", "a_1"])
        #expect(values == [[.integer(1), .null], [.null, .integer(2)]])
    }

    @Test func keyOrderChanges() throws {
        let (_, values) = try jsonRows("{\"a\":1,\"b\":2}\n{\"b\":3,\"a\":4}\n{\"c\":5,\"a\":6}\n")
        #expect(values == [[.integer(1), .integer(2), .null], [.integer(4), .integer(3), .null], [.integer(6), .null, .integer(5)]])
    }

    @Test func explicitColumns() throws {
        let (schema, values) = try jsonRows("{\"a\":\"1\",\"b\":\"2024-01-05\",\"extra\":true}\n{\"a\":2.0}\n") {
            $0.columns = [Field("a", .integer), Field("b", .date)]
        }
        #expect(schema == Schema([Field("a", .integer), Field("b", .date)]))
        #expect(values == [[.integer(1), date(2024, 1, 5)], [.integer(2), .null]])
    }

    @Test func emptyInputs() throws {
        let (schema, values) = try jsonRows("")
        #expect(schema == Schema([Field("json", .varchar)]))
        #expect(values.isEmpty)
        #expect(try jsonRows("\n\n  \n").1.isEmpty)
        #expect(try jsonRows("{}\n{}\n").0 == Schema([Field("json", .varchar)]))
    }

    @Test func batchesAndSelection() throws {
        var text = ""
        for row in 0..<1000 { text += "{\"n\":\(row),\"s\":\"v\(row)\"}\n" }
        var options = JSONOptions()
        options.batchSize = 128
        let reader = try NDJSONReader(bytes: Array(text.utf8), name: "t.json", options: options)
        try reader.select(columns: [1])
        let batches = try reader.readAll()
        #expect(batches.count == 8)
        #expect(rows(of: batches)[999] == [.text("v999")])
    }

    @Test func streamingWindowCutsAnywhere() throws {
        var text = "\u{FEFF}"
        for row in 0..<30 {
            text += "{\"id\": \(row), \"name\": \"n\\\"\(row) é\", \"nested\": {\"a\": [\(row), true, null]}, \"when\": \"2024-01-\(padded(row % 28 + 1, width: 2))T10:00:00Z\"}\r\n"
        }
        text += "{\"id\": 99}"
        let (expectedSchema, expected) = try jsonRows(text)
        #expect(expected.count == 31)
        #expect(expectedSchema.fields.map(\.type) == [.bigint, .varchar, .varchar, .timestamp])
        for chunk in [1, 2, 3, 5, 11, 64, 1000] {
            let (schema, values) = try jsonRows(text) {
                $0.chunkSize = chunk
                $0.batchSize = 4
            }
            #expect(schema == expectedSchema, "chunk \(chunk)")
            #expect(values == expected, "chunk \(chunk)")
        }
        let array = "[" + (0..<20).map { "{\"k\": \($0), \"v\": [\"x\", {\"y\": \($0)}]}" }.joined(separator: ",\n") + "]"
        let (_, arrayExpected) = try jsonRows(array)
        for chunk in [1, 4, 9] {
            #expect(try jsonRows(array) { $0.chunkSize = chunk; $0.batchSize = 3 }.1 == arrayExpected)
        }
    }

    @Test func optionsByDuckDBName() throws {
        var options = JSONOptions()
        try options.set("format", .varchar("newline_delimited"))
        try options.set("records", .varchar("auto"))
        try options.set("ignore_errors", .boolean(true))
        try options.set("maximum_depth", .integer(-1))
        try options.set("timestampformat", .varchar("%d/%m/%Y %H:%M"))
        #expect(options.format == .newlineDelimited)
        #expect(options.records == nil)
        #expect(options.onError == .skip)
        #expect(options.timestampformat?.pattern == "%d/%m/%Y %H:%M")
        #expect(throws: TextFormatError.self) { try options.set("format", .varchar("yaml")) }
    }
}
