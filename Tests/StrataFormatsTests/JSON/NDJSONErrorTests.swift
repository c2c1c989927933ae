// Dirty JSON, as the e-commerce raw zone receives it: malformed lines, wrong types, fields missing or added
// midway, duplicate keys — each an error naming file, line and column, or skipped and counted.
import Testing
import StrataCore
@testable import StrataFormats

@Suite struct NDJSONErrorTests {
    @Test func malformedRecordsNameLineAndColumn() {
        let cases: [(String, Int, Int, String)] = [
            ("{\"a\":1}\nnot json\n", 2, 1, "malformed JSON: invalid literal (expected 'null')"),
            ("{\"a\":1}\n?\n", 2, 1, "malformed JSON: unexpected '?' where a value should be"),
            ("{\"a\":1}\n{\"a\":tru}\n", 2, 6, "malformed JSON: invalid literal (expected 'true')"),
            ("{\"a\":1}\n{\"a\" 1}\n", 2, 6, "malformed JSON: expected ':' after a key, found '1'"),
            ("{\"a\":1}\n{\"a\":\"x}\n{\"a\":2}\n", 2, 9, "malformed JSON: string not closed before the end of the line"),
            ("{\"a\":1,}\n", 1, 8, "malformed JSON: expected a quoted key, found '}'"),
            ("{\"a\":01}\n", 1, 7, "malformed JSON: invalid number"),
            ("{\"a\":[1,2}\n", 1, 10, "malformed JSON: expected ',' or ']', found '}'"),
            ("{\"a\":\"\\q\"}\n", 1, 7, "malformed JSON: invalid escape '\\q' in a string"),
            ("{\"a\":1\n", 2, 1, "malformed JSON: unexpected end of text: object not closed"),
            ("[{\"a\":1},\n{\"a\":2}\n", 3, 1, "the array of records is not closed (']' missing)"),
            ("[{\"a\":1}] x", 1, 11, "unexpected text after the array of records"),
        ]
        for (text, line, column, message) in cases {
            let error = jsonError(text)
            #expect(error?.line == line, "\(text)")
            #expect(error?.column == column, "\(text)")
            #expect(error?.message == message, "\(text)")
            #expect(error?.file == "test.json")
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = "{\"a\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}\n"
        #expect(jsonError(deep)?.message.contains("nesting deeper than 1024 levels") == true)
    }

    @Test func ignoreErrorsSkipsMalformedLines() throws {
        let text = "{\"a\":1}\n{\"a\":\n{\"a\":3}\ngarbage\n{\"a\":5}\n"
        var options = JSONOptions()
        options.ignoreErrors = true
        let reader = try NDJSONReader(bytes: Array(text.utf8), name: "events.json", options: options)
        // A record cut short swallows the next lines (JSON allows line breaks inside objects) up to
        // where it fails: lines 2 to 4 are one bad record.
        #expect(rows(of: try reader.readAll()) == [[.integer(1)], [.integer(5)]])
        #expect(reader.skippedRowCount == 1)
        #expect(reader.rejects.map(\.error.line) == [4])
    }

    @Test func ignoreErrorsInStrictNDJSON() throws {
        let text = "{\"a\":1}\n{\"a\":\n{\"a\":3}\ngarbage\n{\"a\":5}\n"
        var options = JSONOptions()
        options.ignoreErrors = true
        options.format = .newlineDelimited
        let reader = try NDJSONReader(bytes: Array(text.utf8), name: "events.json", options: options)
        #expect(rows(of: try reader.readAll()) == [[.integer(1)], [.integer(3)], [.integer(5)]])
        #expect(reader.rejects.map(\.error.line) == [2, 4])
        #expect(reader.rejects.map(\.record) == ["{\"a\":", "garbage"])
    }

    @Test func wrongTypesAfterTheSample() throws {
        let text = "{\"amount\":1}\n{\"amount\":2}\n{\"amount\":\"n/a\"}\n{\"amount\":\"7\"}\n"
        let error = jsonError(text) { $0.sampleSize = 2 }
        #expect(error?.line == 3)
        #expect(error?.column == 11)
        #expect(error?.message.hasPrefix("'n/a' is not a BIGINT (column amount); the type was inferred from the first 2 records") == true)

        var options = JSONOptions()
        options.sampleSize = 2
        options.onError = .null
        let reader = try NDJSONReader(bytes: Array(text.utf8), name: "t.json", options: options)
        #expect(rows(of: try reader.readAll()) == [[.integer(1)], [.integer(2)], [.null], [.integer(7)]])
        #expect(reader.nulledValueCount == 1)
    }

    @Test func fieldAddedMidway() throws {
        var text = ""
        for row in 0..<10 { text += "{\"id\":\(row)}\n" }
        text += "{\"id\":10,\"coupon\":\"SAVE\"}\n"
        let error = jsonError(text) { $0.sampleSize = 5 }
        #expect(error?.code == .schema)
        #expect(error?.line == 11)
        #expect(error?.column == 10)
        #expect(error?.message.hasPrefix("field 'coupon' is not in the schema") == true)
        // A sample covering the file finds it.
        let (schema, values) = try jsonRows(text) { $0.sampleSize = -1 }
        #expect(schema.names == ["id", "coupon"])
        #expect(values.last == [.integer(10), .text("SAVE")])
        // Skipped rows are counted; dropped fields under on_error = null.
        var options = JSONOptions()
        options.sampleSize = 5
        options.onError = .skip
        let skipping = try NDJSONReader(bytes: Array(text.utf8), name: "t.json", options: options)
        #expect(rows(of: try skipping.readAll()).count == 10)
        #expect(skipping.skippedRowCount == 1)
        options.onError = .null
        let nulling = try NDJSONReader(bytes: Array(text.utf8), name: "t.json", options: options)
        #expect(rows(of: try nulling.readAll()).count == 11)
        #expect(nulling.nulledValueCount == 1)
    }

    @Test func duplicateKeysAndNonObjects() {
        let duplicate = jsonError("{\"a\":1,\"a\":2}\n")
        #expect(duplicate?.message == "duplicate key 'a' in an object")
        #expect(duplicate?.column == 8)
        let scalar = jsonError("{\"a\":1}\n[1,2]\n")
        #expect(scalar?.message == "expected a JSON object, found an array")
        #expect(scalar?.line == 2)
    }

    @Test func invalidUTF8InStrings() {
        var bytes = Array("{\"s\":\"ok\"}\n{\"s\":\"".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\"}\n".utf8)
        do {
            _ = try NDJSONReader(bytes: bytes, name: "t.json").readAll()
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.message.hasPrefix("invalid UTF-8"))
        }
    }

    @Test func oversizedRecords() {
        let error = jsonError("{\"a\":\"" + String(repeating: "x", count: 5000) + "\"}\n") {
            $0.maximumObjectSize = 1000
            $0.chunkSize = 128
        }
        #expect(error?.message.hasPrefix("record larger than maximum_object_size") == true)
    }
}
