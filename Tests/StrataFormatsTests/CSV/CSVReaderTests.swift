// The CSV reader on hand-written files: RFC 4180 quoting, line ends, options, inference, header detection.
import Testing
import StrataCore
@testable import StrataFormats

@Suite struct CSVReaderTests {
    @Test func readsTypedColumns() throws {
        let (schema, values) = try csvRows("a,b,c,d\n1,true,2024-01-01,x\n2,false,2024-01-02,\n")
        #expect(schema.fields.map(\.type) == [.bigint, .boolean, .date, .varchar])
        #expect(schema.names == ["a", "b", "c", "d"])
        #expect(values == [
            [.integer(1), .boolean(true), .date(19723), .text("x")],
            [.integer(2), .boolean(false), .date(19724), .null],
        ])
    }

    @Test func quotedFieldsFollowRFC4180() throws {
        let text = "id,text\r\n1,\"a,b\"\r\n2,\"say \"\"hi\"\"\"\r\n3,\"two\nlines\"\r\n4,\"\"\r\n5,\r\n"
        let (schema, values) = try csvRows(text)
        #expect(schema.fields.map(\.type) == [.bigint, .varchar])
        #expect(values.map { $0[1] } == [.text("a,b"), .text("say \"hi\""), .text("two\nlines"), .text(""), .null])
    }

    @Test func everyLineEndWorks() throws {
        for end in ["\n", "\r\n", "\r"] {
            let (_, values) = try csvRows(["x,y", "1,2", "3,4"].joined(separator: end) + end)
            #expect(values == [[.integer(1), .integer(2)], [.integer(3), .integer(4)]], "line end \(Array(end.utf8))")
            let (_, unterminated) = try csvRows(["x,y", "1,2", "3,4"].joined(separator: end))
            #expect(unterminated == values)
        }
    }

    @Test func stripsByteOrderMark() throws {
        let (schema, values) = try csvRows("\u{FEFF}x,y\n1,2\n")
        #expect(schema.names == ["x", "y"])
        #expect(values == [[.integer(1), .integer(2)]])
    }

    @Test func blankLinesAreSkippedExceptInOneColumnFiles() throws {
        let (_, two) = try csvRows("x,y\n1,2\n\n3,4\n\n")
        #expect(two == [[.integer(1), .integer(2)], [.integer(3), .integer(4)]])
        let (_, one) = try csvRows("x\n1\n\n2\n")
        #expect(one == [[.integer(1)], [.null], [.integer(2)]])
    }

    @Test func spacesAroundQuotedFields() throws {
        let (_, values) = try csvRows("x,y\n1, \"a\" \n2,\"b\"\n")
        #expect(values.map { $0[1] } == [.text("a"), .text("b")])
    }

    @Test func quoteInsideUnquotedFieldIsLiteral() throws {
        let (_, values) = try csvRows("x,y\n1,a\"b\n")
        #expect(values == [[.integer(1), .text("a\"b")]])
    }

    @Test func escapeCharacter() throws {
        let (_, values) = try csvRows("x,y\n1,\"a\\\"b\\\\c\\d\"\n") { $0.escape = "\\" }
        #expect(values == [[.integer(1), .text("a\"b\\c\\d")]])
    }

    @Test func noQuoting() throws {
        let (_, values) = try csvRows("x,y\n1,\"a\n") { $0.quote = nil }
        #expect(values == [[.integer(1), .text("\"a")]])
    }

    // MARK: Inference

    @Test func infersTheNarrowestType() throws {
        let text = """
            b,i,h,d,t,dt,ts,v,n,z,code,special
            true,1,99999999999999999999,1.5,12:00:00,2024-01-01,2024-01-01 10:00:00,x,,007,1,nan
            F,-2,1,2,13:30,2024-02-29,2024-01-01T10:00:00.5Z,1,,1,1e5,-inf
            yes,3,2,-0.5e3,00:00:01.25,2024-12-31,2024-01-02,2,,2,-1,1.5

            """
        let (schema, values) = try csvRows(text)
        #expect(schema.fields.map(\.type) == [
            .boolean, .bigint, .decimal(precision: 38, scale: 0), .double, .time, .date, .timestamp, .varchar,
            .varchar, .varchar, .double, .double,
        ])
        #expect(values[0][2] == .decimal(Int128("99999999999999999999")!))
        #expect(values[1][3] == .double(2))
        #expect(values[2][3] == .double(-500))
        #expect(values[1][4] == time(13, 30))
        #expect(values[1][6] == timestamp(2024, 1, 1, 10, micros: 500_000))
        #expect(values[2][6] == timestamp(2024, 1, 2))
        #expect(values.map { $0[9] } == [.text("007"), .text("1"), .text("2")])
        #expect(values[1][0] == .boolean(false))
    }

    @Test func integersAndDoublesWiden() throws {
        let (schema, values) = try csvRows("x\n1\n2.5\n")
        #expect(schema.fields[0].type == .double)
        #expect(values == [[.double(1)], [.double(2.5)]])
    }

    @Test func mixedKindsAreText() throws {
        let (schema, _) = try csvRows("a,b,c\n1,true,2024-01-01\nx,1,5\n")
        #expect(schema.fields.map(\.type) == [.varchar, .varchar, .varchar])
    }

    @Test func spacesAroundNumbersAreIgnored() throws {
        let (schema, values) = try csvRows("x,y\n 1 , 2.5 \n2,3\n")
        #expect(schema.fields.map(\.type) == [.bigint, .double])
        #expect(values[0] == [.integer(1), .double(2.5)])
    }

    @Test func detectsCommonDateLayouts() throws {
        let (schema, values) = try csvRows("d,ts,e\n01/02/2024,13.02.2024 10:30,2024/03/04\n13/02/2024,01.03.2024 11:00,2024/12/31\n")
        #expect(schema.fields.map(\.type) == [.date, .timestamp, .date])
        #expect(values[0][0] == date(2024, 2, 1))
        #expect(values[1][0] == date(2024, 2, 13))
        #expect(values[0][1] == timestamp(2024, 2, 13, 10, 30))
        #expect(values[1][2] == date(2024, 12, 31))
    }

    @Test func ambiguousDatesAreMonthFirstAsInDuckDB() throws {
        let (_, values) = try csvRows("d\n01/02/2024\n03/04/2024\n")
        #expect(values[0][0] == date(2024, 1, 2))
    }

    @Test func dateAndTimestampFormats() throws {
        let (schema, values) = try csvRows("d,t\n05 Jan 2024,2024-01-05 01:02:03 PM\n") {
            $0.dateformat = try! TemporalFormat("%d %b %Y")
            $0.timestampformat = try! TemporalFormat("%Y-%m-%d %I:%M:%S %p")
        }
        #expect(schema.fields.map(\.type) == [.date, .timestamp])
        #expect(values == [[date(2024, 1, 5), timestamp(2024, 1, 5, 13, 2, 3)]])
    }

    @Test func allNullColumnIsText() throws {
        let (schema, values) = try csvRows("x,y\n1,\n2,\n")
        #expect(schema.fields[1].type == .varchar)
        #expect(values == [[.integer(1), .null], [.integer(2), .null]])
    }

    // MARK: Header

    @Test func detectsHeaders() throws {
        #expect(try csvRows("x,y\n1,2\n").0.names == ["x", "y"])
        #expect(try csvRows("1,2\n3,4\n").0.names == ["column0", "column1"])
        #expect(try csvRows("a,1\nb,2\n").0.names == ["column0", "column1"])
        #expect(try csvRows("p,q\nfoo,bar\n").0.names == ["p", "q"])
        #expect(try csvRows("a,b\n").0.names == ["a", "b"])
        #expect(try csvRows("1,2\n").0.names == ["column0", "column1"])
        #expect(try csvRows("1.5\n2\n3\n").0.names == ["1.5"])
        let (schema, values) = try csvRows("x,y\n1,2\n") { $0.header = false }
        #expect(schema.names == ["column0", "column1"])
        #expect(values == [[.text("x"), .text("y")], [.text("1"), .text("2")]])
    }

    @Test func deduplicatesNames() throws {
        #expect(try csvRows("a,,a,b,a,A\n1,2,3,4,5,6\n").0.names == ["a", "column1", "a_1", "b", "a_2", "A_3"])
        let wide = String(repeating: ",", count: 11) + "\n" + (1...12).map(String.init).joined(separator: ",") + "\n"
        #expect(try csvRows(wide).0.names.prefix(3) == ["column00", "column01", "column02"])
    }

    // MARK: Options

    @Test func sniffsDelimiters() throws {
        #expect(try csvRows("x;y\n1,5;2\n3;4\n").0.names == ["x", "y"])
        #expect(try csvRows("x\ty\n1\t2\n").0.names == ["x", "y"])
        #expect(try csvRows("x|y|z\n1|2|3\n").0.names == ["x", "y", "z"])
        let reader = try CSVReader(bytes: Array("a;b\n1;2\n".utf8), name: "t.csv")
        #expect(reader.dialect.delimiter == ";")
        #expect(reader.dialect.header)
    }

    @Test func nullStrings() throws {
        let (_, values) = try csvRows("x,y\n1,NA\n2,\n3,\"NA\"\n") { $0.nullstr = ["NA"] }
        #expect(values.map { $0[1] } == [.null, .text(""), .text("NA")])
        let (_, quoted) = try csvRows("x,y\n1,\"\"\n2,\n") { $0.allowQuotedNulls = true }
        #expect(quoted.map { $0[1] } == [.null, .null])
    }

    @Test func skipsLines() throws {
        let (schema, values) = try csvRows("exported by FlowCam\n\"quoted \"\" junk\nx,y\n1,2\n") { $0.skip = 2 }
        #expect(schema.names == ["x", "y"])
        #expect(values == [[.integer(1), .integer(2)]])
    }

    @Test func explicitColumnsTypesAndNames() throws {
        let (schema, values) = try csvRows("x,y\n1,2.50\n") {
            $0.columns = [Field("a", .integer), Field("b", .decimal(precision: 10, scale: 2))]
        }
        #expect(schema == Schema([Field("a", .integer), Field("b", .decimal(precision: 10, scale: 2))]))
        #expect(values == [[.integer(1), .decimal(250)]])

        let (typed, typedValues) = try csvRows("x,y,z\n1,2,3\n") { $0.types = ["Y": .varchar, "z": .real] }
        #expect(typed.fields.map(\.type) == [.bigint, .varchar, .real])
        #expect(typedValues == [[.integer(1), .text("2"), .real(3)]])

        let (positional, positionalValues) = try csvRows("x,y,z\n1,2,3\n") { $0.typesByPosition = [.varchar, .double] }
        #expect(positional.fields.map(\.type) == [.varchar, .double, .bigint])
        #expect(positionalValues == [[.text("1"), .double(2), .integer(3)]])
        #expect(csvError("x\n1\n") { $0.typesByPosition = [.bigint, .bigint] }?.code == .invalidOption)

        let (named, _) = try csvRows("x,y\n1,2\n") { $0.names = ["a"] }
        #expect(named.names == ["a", "y"])

        let error = csvError("x,y\n1,2\n") { $0.types = ["nope": .bigint] }
        #expect(error?.code == .invalidOption)
        #expect(error?.message.contains("nope") == true)
    }

    @Test func allVarchar() throws {
        let (schema, values) = try csvRows("x,y\n1,2024-01-01\n") { $0.allVarchar = true }
        #expect(schema.fields.map(\.type) == [.varchar, .varchar])
        #expect(values == [[.text("1"), .text("2024-01-01")]])
    }

    @Test func decimalSeparator() throws {
        let (schema, values) = try csvRows("x;y\n1;1,5\n2;2,25\n") { $0.decimalSeparator = "," }
        #expect(schema.fields.map(\.type) == [.bigint, .double])
        #expect(values.map { $0[1] } == [.double(1.5), .double(2.25)])
    }

    @Test func everyTypeConverts() throws {
        let types: [DataType] = [
            .boolean, .tinyint, .smallint, .integer, .bigint, .real, .double, .decimal(precision: 5, scale: 2),
            .varchar, .varbinary, .date, .time, .timestamp,
        ]
        let (_, values) = try csvRows("y,-8,300,70000,9000000000,1.5,2.25,-1.235,é,ab,2024-1-5,01:02:03.5,2024-01-05 01:02:03+01:00\n") {
            $0.header = false
            $0.columns = types.enumerated().map { Field("c\($0.offset)", $0.element) }
        }
        #expect(values == [[
            .boolean(true), .integer(-8), .integer(300), .integer(70000), .integer(9_000_000_000), .real(1.5),
            .double(2.25), .decimal(-124), .text("é"), .varbinary(Array("ab".utf8)),
            date(2024, 1, 5), time(1, 2, 3, micros: 500_000), timestamp(2024, 1, 5, 0, 2, 3),
        ]])
    }

    @Test func rejectsTypesTextCannotHold() {
        #expect(csvError("x\n1\n") { $0.columns = [Field("x", .interval)] }?.code == .invalidOption)
    }

    @Test func optionsByDuckDBName() throws {
        var options = CSVOptions()
        try options.set("sep", .varchar("\\t"))
        try options.set("HEADER", .boolean(true))
        try options.set("ignore_errors", .varchar("true"))
        try options.set("sample_size", .integer(-1))
        try options.set("dateformat", .varchar("%d/%m/%Y"))
        try options.set("compression", .varchar("gzip"))
        #expect(options.delim == "\t")
        #expect(options.header == true)
        #expect(options.onError == .skip)
        #expect(options.sampleSize == -1)
        #expect(options.dateformat?.pattern == "%d/%m/%Y")
        #expect(options.compression == .gzip)
        #expect(throws: TextFormatError.self) { try options.set("delim", .varchar(",,")) }
        #expect(throws: TextFormatError.self) { try options.set("no_such_option", .integer(1)) }
        #expect(throws: TextFormatError.self) { try options.set("dateformat", .varchar("%Q")) }
    }

    // MARK: Batches and projection

    @Test func batchesAndSelectedColumns() throws {
        var text = "a,b,c\n"
        for row in 0..<1000 { text += "\(row),\(row * 2),r\(row)\n" }
        var options = CSVOptions()
        options.batchSize = 300
        let reader = try CSVReader(bytes: Array(text.utf8), name: "t.csv", options: options)
        try reader.select(columns: [2, 0])
        let batches = try reader.readAll()
        #expect(batches.map(\.count) == [300, 300, 300, 100])
        let values = rows(of: batches)
        #expect(values[999] == [.text("r999"), .integer(999)])

        let counting = try CSVReader(bytes: Array(text.utf8), name: "t.csv")
        try counting.select(columns: [])
        #expect(try counting.readAll().reduce(0) { $0 + $1.count } == 1000)
    }

    @Test func emptyFiles() throws {
        let (schema, values) = try csvRows("")
        #expect(schema.names == ["column0"])
        #expect(values.isEmpty)
        let (headerOnly, none) = try csvRows("a,b\n")
        #expect(headerOnly == Schema([Field("a", .varchar), Field("b", .varchar)]))
        #expect(none.isEmpty)
    }

    /// Every chunk size cuts records, quotes, CRLFs and multi-byte characters somewhere: the result must
    /// not change.
    @Test func streamingWindowCutsAnywhere() throws {
        var text = "\u{FEFF}id,name,note,when\r\n"
        for row in 0..<40 {
            text += "\(row),\"na,me \"\"\(row)\"\"\",\"line\r\nbreak é\",2024-01-\(padded(row % 28 + 1, width: 2)) 10:00:00\r\n"
        }
        text += "\n99,last,,2024-02-01"
        let (expectedSchema, expected) = try csvRows(text)
        #expect(expected.count == 41)
        #expect(expectedSchema.fields.map(\.type) == [.bigint, .varchar, .varchar, .timestamp])
        for chunk in [1, 2, 3, 5, 7, 64, 1000] {
            let (schema, values) = try csvRows(text) {
                $0.chunkSize = chunk
                $0.batchSize = 7
            }
            #expect(schema == expectedSchema, "chunk \(chunk)")
            #expect(values == expected, "chunk \(chunk)")
        }
    }
}
