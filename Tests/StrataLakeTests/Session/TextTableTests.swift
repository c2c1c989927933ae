import StrataCore
import StrataSQL
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake

/// Bronze data: CSV and NDJSON files as tables of the lake and through read_csv/read_json.
@Suite struct TextTableTests {
    func rows(_ sql: String, lake: String) throws -> [[Value]] {
        let session = try LakeSession(location: .local(path: lake))
        guard case .rows(let result) = try session.run(try SQLParser.parseStatement(sql)) else { return [] }
        return try result.drain().flatMap { batch in (0..<batch.count).map { row in batch.columns.map { $0.value(at: row) } } }
    }

    func makeLake() throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory("strata-text")
        let store = LocalObjectStore(root: folder.path)
        try store.write("bronze/flowcam/date=2024-03-01/TPU=01/reactor=01/flowcam_data.csv", bytes: Array("sample_id,particle_count,density\n1,120,1.5\n2,130,n/a\n".utf8))
        try store.write("bronze/flowcam/date=2024-03-02/TPU=02/reactor=01/flowcam_data.csv", bytes: Array("sample_id,particle_count,density\n3,99,2.25\n".utf8))
        try store.write("raw/events/2024-03-01.ndjson", bytes: Array("{\"id\":1,\"kind\":\"view\"}\n{\"id\":2,\"kind\":\"click\",\"meta\":{\"a\":1}}\n".utf8))
        try store.write("raw/events/2024-03-02.ndjson", bytes: Array("{\"id\":3,\"kind\":\"view\",\"amount\":2.5}\n".utf8))
        return folder
    }

    @Test func csvTablesWidenConflictingFilesToText() throws {
        let lake = try makeLake()
        let result = try rows("SELECT sample_id, density, date, tpu, reactor FROM bronze.flowcam ORDER BY sample_id", lake: lake.path)
        #expect(result == [
            [.integer(1), .varchar("1.5"), .date(19_783), .integer(1), .integer(1)],
            [.integer(2), .varchar("n/a"), .date(19_783), .integer(1), .integer(1)],
            [.integer(3), .varchar("2.25"), .date(19_784), .integer(2), .integer(1)],
        ])
        let pruned = try rows("SELECT count(*) FROM bronze.flowcam WHERE date = DATE '2024-03-02'", lake: lake.path)
        #expect(pruned == [[.integer(1)]])
    }

    @Test func tableFunctionsTakeDuckDBOptions() throws {
        let lake = try makeLake()
        let csv = try rows(
            "SELECT tpu, count(*) FROM read_csv('bronze/flowcam/*/*/*/*.csv', all_varchar = true) GROUP BY 1 ORDER BY 1", lake: lake.path)
        #expect(csv == [[.integer(1), .integer(2)], [.integer(2), .integer(1)]])
        let typed = try rows(
            "SELECT sum(density) FROM read_csv('bronze/flowcam/date=2024-03-01/*/*/*.csv', nullstr = 'n/a')", lake: lake.path)
        #expect(typed == [[.double(1.5)]])
        let json = try rows("SELECT id, kind, meta FROM read_json('raw/events/2024-03-01.ndjson') ORDER BY id", lake: lake.path)
        #expect(json == [[.integer(1), .varchar("view"), .null], [.integer(2), .varchar("click"), .varchar("{\"a\":1}")]])
    }

    @Test func csvTablesReadAColumnAddedMidwayAsNullInOlderFiles() throws {
        let folder = try TemporaryDirectory("strata-text")
        let store = LocalObjectStore(root: folder.path)
        try store.write("bronze/users/users_2024-10-01.csv", bytes: Array("user_id,country\n1,DE\n2,FR\n".utf8))
        try store.write("bronze/users/users_2024-10-02.csv", bytes: Array("user_id,country,opt_in\n3,US,true\n".utf8))
        try store.write("bronze/users/users_2024-10-03.csv", bytes: Array("user_id,country,opt_in\n4,DE,false\n".utf8))
        let result = try rows("SELECT user_id, country, opt_in FROM bronze.users ORDER BY user_id", lake: folder.path)
        #expect(result == [
            [.integer(1), .varchar("DE"), .null], [.integer(2), .varchar("FR"), .null],
            [.integer(3), .varchar("US"), .boolean(true)], [.integer(4), .varchar("DE"), .boolean(false)],
        ])
    }

    @Test func jsonTablesReadFieldsMissingInSomeFilesAsNull() throws {
        let lake = try makeLake()
        let result = try rows("SELECT id, amount FROM raw.events ORDER BY id", lake: lake.path)
        #expect(result == [[.integer(1), .null], [.integer(2), .null], [.integer(3), .double(2.5)]])
    }

    @Test func badOptionsAreErrors() throws {
        let lake = try makeLake()
        #expect(throws: (any Error).self) { try rows("SELECT * FROM read_csv('bronze/flowcam/*/*/*/*.csv', nosuch = 1)", lake: lake.path) }
        #expect(throws: (any Error).self) { try rows("SELECT * FROM read_csv('nothing/*.csv')", lake: lake.path) }
    }
}
