import Testing
import StrataCore
@testable import StrataFormats

@Suite struct CSVSmokeTests {
    @Test func readsTypedColumns() throws {
        let (schema, values) = try csvRows("a,b,c,d\n1,true,2024-01-01,x\n2,false,2024-01-02,\n")
        #expect(schema.fields.map(\.type) == [.bigint, .boolean, .date, .varchar])
        #expect(schema.names == ["a", "b", "c", "d"])
        #expect(values == [[.integer(1), .boolean(true), .date(19723), .text("x")], [.integer(2), .boolean(false), .date(19724), .null]])
    }
}
