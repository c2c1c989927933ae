// Every way a CSV file can be wrong: the message, the line and column it names, and what `on_error`,
// `ignore_errors` and `null_padding` do instead of failing.
import Testing
import StrataCore
@testable import StrataFormats

@Suite struct CSVErrorTests {
    /// The flowcam example: a bad value deep in the file names file, line and column.
    @Test func conversionErrorNamesFileLineAndColumn() throws {
        var text = "particle,density\n"
        for row in 1...1040 { text += padded(row, width: 5) + ",0.\(row)\n" }
        text += "01041,n/a\n"
        var options = CSVOptions()
        options.types = ["density": .double]
        do {
            let reader = try CSVReader(bytes: Array(text.utf8), name: "flowcam_data.csv", options: options)
            _ = try reader.readAll()
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "flowcam_data.csv:1042:7: 'n/a' is not a DOUBLE (column density)")
            #expect(error.code == .conversion)
            #expect(error.field == "density")
        }
    }

    @Test func valuePastTheSampleSuggestsAFix() {
        var text = "x\n"
        for row in 0..<30 { text += "\(row)\n" }
        text += "oops\n"
        let error = csvError(text) { $0.sampleSize = 10 }
        #expect(error?.line == 32)
        #expect(error?.message.hasPrefix("'oops' is not a BIGINT (column x); the type was inferred from the first 10 rows") == true)
    }

    @Test func positionsInsideMultilineRecordsAndQuotes() {
        let error = csvError("a,b,c\n1,\"x\ny\",\"zz\"\n") { $0.types = ["c": .bigint] }
        #expect(error?.line == 3)
        #expect(error?.column == 4)
        #expect(error?.message == "'zz' is not a BIGINT (column c)")
    }

    @Test func raggedRowsAreErrors() {
        let tooMany = csvError("x,y\n1,2\n3,4,5\n")
        #expect(tooMany?.description == "test.csv:3: expected 2 fields but found 3")
        #expect(tooMany?.code == .malformed)
        let tooFew = csvError("x,y\n1,2\n3,4\n5\n")
        #expect(tooFew?.description == "test.csv:4: expected 2 fields but found 1")
    }

    @Test func trailingDelimitersAreNotAField() throws {
        let (schema, values) = try csvRows("a,b,c\n1,2,3,\n4,5,6,\n")
        #expect(schema.names == ["a", "b", "c"])
        #expect(values == [[.integer(1), .integer(2), .integer(3)], [.integer(4), .integer(5), .integer(6)]])
        #expect(csvError("a,b,c\n1,2,3,4\n")?.message == "expected 3 fields but found 4")
    }

    @Test func nullPaddingFillsShortRows() throws {
        let (_, values) = try csvRows("x,y,z\n1,2,3\n4\n5,6\n") { $0.nullPadding = true }
        #expect(values == [
            [.integer(1), .integer(2), .integer(3)], [.integer(4), .null, .null], [.integer(5), .integer(6), .null],
        ])
        #expect(csvError("x,y\n1,2\n3,4,5\n") { $0.nullPadding = true }?.line == 3)
    }

    @Test func ignoreErrorsSkipsAndCountsRows() throws {
        let text = "x,y\n1,2\n3\n4,5,6\n7,abc\n8,9\n10,\"open\n"
        var options = CSVOptions()
        options.ignoreErrors = true
        options.types = ["y": .bigint]
        let reader = try CSVReader(bytes: Array(text.utf8), name: "t.csv", options: options)
        let values = rows(of: try reader.readAll())
        #expect(values == [[.integer(1), .integer(2)], [.integer(8), .integer(9)]])
        #expect(reader.skippedRowCount == 4)
        #expect(reader.rejects.map(\.error.line) == [3, 4, 7, 5])
        #expect(reader.rejects.map(\.record) == ["3", "4,5,6", "10,\"open", "7,abc"])
        #expect(reader.rejects.allSatisfy { $0.action == .skip })
        #expect(reader.rejects[3].error.message == "'abc' is not a BIGINT (column y)")
    }

    @Test func onErrorNullKeepsTheRow() throws {
        var options = CSVOptions()
        options.onError = .null
        options.types = ["y": .double]
        let reader = try CSVReader(bytes: Array("x,y\n1,2.5\n2,n/a\n3,\n".utf8), name: "t.csv", options: options)
        #expect(rows(of: try reader.readAll()) == [[.integer(1), .double(2.5)], [.integer(2), .null], [.integer(3), .null]])
        #expect(reader.nulledValueCount == 1)
        #expect(reader.rejects.first?.action == .null)
        #expect(reader.rejects.first?.error.line == 3)
    }

    @Test func allVarcharNeverFailsToConvert() throws {
        let (_, values) = try csvRows("x\n1\nn/a\n") { $0.allVarchar = true }
        #expect(values == [[.text("1")], [.text("n/a")]])
    }

    @Test func malformedQuoting() {
        let unterminated = csvError("x,y\n1,2\n3,\"abc\n4,5\n")
        #expect(unterminated?.description == "test.csv:3:3: unterminated quoted field (the quote is never closed)")
        let trailing = csvError("x,y\n1,\"ab\"c\n")
        #expect(trailing?.line == 2)
        #expect(trailing?.column == 7)
        #expect(trailing?.message.hasPrefix("unexpected character after a closing quote") == true)
    }

    @Test func invalidUTF8InText() {
        var bytes = Array("x,y\n1,ok\n2,".utf8)
        bytes += [0x61, 0xFF, 0x62]
        bytes += Array("\n".utf8)
        do {
            _ = try CSVReader(bytes: bytes, name: "t.csv").readAll()
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 3)
            #expect(error.message.hasPrefix("invalid UTF-8") == true)
        }
    }

    @Test func utf16IsRejected() {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("a,b\n".utf8).flatMap { [$0, 0] }
        do {
            _ = try CSVReader(bytes: bytes, name: "excel.csv").readAll()
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "excel.csv")
            #expect(error.message.hasPrefix("the file is UTF-16 text"))
        }
    }

    @Test func overlongRecords() {
        let error = csvError("x,y\n1,\"" + String(repeating: "a", count: 5000) + "\n") {
            $0.maxLineSize = 1000
            $0.chunkSize = 256
        }
        #expect(error?.line == 2)
        #expect(error?.message.hasPrefix("record longer than max_line_size") == true)
    }

    @Test func badOptionsAreReported() {
        #expect(csvError("x\n1\n") { $0.delim = "\n" }?.code == .invalidOption)
        #expect(csvError("x\n1\n") { $0.delim = "\""; $0.quote = "\"" }?.code == .invalidOption)
        #expect(csvError("x,y\n1,2\n") { $0.names = ["a", "b", "c"] }?.code == .invalidOption)
    }
}
