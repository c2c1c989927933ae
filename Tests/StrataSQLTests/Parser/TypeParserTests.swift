// Type names are kept as written: spellings, parameters, and both Trino and Hive forms of nested types.
import Testing
@testable import StrataSQL

@Suite struct TypeParserTests {
    @Test(arguments: [
        ("boolean", TypeName.Kind.boolean), ("TINYINT", .tinyint), ("smallint", .smallint), ("int", .int),
        ("INTEGER", .integer), ("bigint", .bigint), ("real", .real), ("FLOAT", .float), ("double", .double),
        ("DOUBLE PRECISION", .doublePrecision), ("decimal", .decimal(precision: nil, scale: nil)),
        ("DECIMAL(10)", .decimal(precision: 10, scale: nil)), ("decimal(38, 9)", .decimal(precision: 38, scale: 9)),
        ("NUMERIC(5,2)", .numeric(precision: 5, scale: 2)), ("varchar", .varchar(length: nil)),
        ("VARCHAR(255)", .varchar(length: 255)), ("char(2)", .char(length: 2)), ("STRING", .string),
        ("varbinary", .varbinary), ("binary", .binary), ("date", .date),
        ("time", .time(precision: nil, withTimeZone: false)), ("TIME(3) WITH TIME ZONE", .time(precision: 3, withTimeZone: true)),
        ("timestamp", .timestamp(precision: nil, withTimeZone: false)),
        ("TIMESTAMP(6)", .timestamp(precision: 6, withTimeZone: false)),
        ("timestamp without time zone", .timestamp(precision: nil, withTimeZone: false)),
        ("TIMESTAMP WITH TIME ZONE", .timestamp(precision: nil, withTimeZone: true)),
        ("INTERVAL", .interval(from: nil, to: nil)), ("INTERVAL DAY TO SECOND", .interval(from: .day, to: .second)),
        ("interval year to month", .interval(from: .year, to: .month)),
    ])
    func scalarTypes(text: String, kind: TypeName.Kind) throws {
        #expect(try SQLParser.parseType(text).kind == kind, "\(text)")
    }

    @Test func nestedTypesInBothSpellings() throws {
        let arrayOfInt = TypeName.Kind.array(TypeName(.int))
        #expect(try SQLParser.parseType("ARRAY(INT)").kind == arrayOfInt)
        #expect(try SQLParser.parseType("array<int>").kind == arrayOfInt)
        let map = TypeName.Kind.map(key: TypeName(.string), value: TypeName(.array(TypeName(.bigint))))
        #expect(try SQLParser.parseType("MAP(STRING, ARRAY(BIGINT))").kind == map)
        #expect(try SQLParser.parseType("map<string,array<bigint>>").kind == map)
        let row = TypeName.Kind.row([
            TypeName.Field(name: Identifier("a"), type: TypeName(.int)),
            TypeName.Field(name: Identifier("b"), type: TypeName(.row([TypeName.Field(name: Identifier("c"), type: TypeName(.string))]))),
        ])
        #expect(try SQLParser.parseType("ROW(a INT, b ROW(c STRING))").kind == row)
        #expect(try SQLParser.parseType("struct<a:int,b:struct<c:string>>").kind == row)
    }

    @Test func rangesCoverTheWholeTypeName() throws {
        let text = "CAST(x AS decimal(10, 2))"
        guard case .cast(_, let type, _) = try SQLParser.parseExpression(text).kind else { throw Failure("not a cast") }
        #expect(type.range.text(in: text) == "decimal(10, 2)")
    }

    @Test func unknownTypesAndBadParameters() {
        #expect(throws: SQLError.self) { try SQLParser.parseType("varchr") }
        #expect(throws: SQLError.self) { try SQLParser.parseType("VARCHAR(99999999999)") }
        #expect(throws: SQLError.self) { try SQLParser.parseType("DECIMAL(10,)") }
        #expect(throws: SQLError.self) { try SQLParser.parseType("ARRAY") }
        #expect(throws: SQLError.self) { try SQLParser.parseType("struct<a int>") }
        do throws(SQLError) {
            _ = try SQLParser.parseType("varchr(10)")
        } catch {
            #expect(error.description == "line 1, column 1: unknown type 'varchr'; did you mean VARCHAR?")
        }
    }
}
