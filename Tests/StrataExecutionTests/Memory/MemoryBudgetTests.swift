import Foundation
import StrataCore
import StrataFormats
import Testing

@testable import StrataExecution

@Suite struct MemoryBudgetTests {
    @Test func sizesReadAsUsersWriteThem() {
        #expect(MemoryBudget.parseSize("2GB") == 2_000_000_000)
        #expect(MemoryBudget.parseSize(" 512 mb ") == 512_000_000)
        #expect(MemoryBudget.parseSize("1.5GiB") == 1_610_612_736)
        #expect(MemoryBudget.parseSize("64KiB") == 65_536)
        #expect(MemoryBudget.parseSize("100000") == 100_000)
        #expect(MemoryBudget.parseSize("3g") == 3_000_000_000)
        for bad in ["", "GB", "lots", "-1GB", "1e3MB", "1..2GB", "99999999999TB"] {
            #expect(MemoryBudget.parseSize(bad) == nil, "\(bad)")
        }
        #expect(MemoryBudget.describe(2_000_000_000) == "2.0 GB")
        #expect(MemoryBudget.describe(1_500_000) == "1.5 MB")
        #expect(MemoryBudget.describe(900) == "900 bytes")
    }

    @Test func theDefaultIsMostOfTheMachine() {
        let physical = Int(ProcessInfo.processInfo.physicalMemory)
        #expect(MemoryBudget.defaultLimit > 0 && MemoryBudget.defaultLimit <= physical / 5 * 4)
    }

    @Test func reservationsShareTheLimitAndGiveBackWhatTheyHold() throws {
        let budget = MemoryBudget(limit: 1000)
        let first = MemoryReservation(budget: budget, holder: "the first operator")
        var second: MemoryReservation? = MemoryReservation(budget: budget, holder: "the second operator")
        #expect(first.tryResize(to: 600))
        #expect(!second!.tryResize(to: 500))
        #expect(second!.bytes == 0 && budget.heldBytes == 600)
        #expect(second!.tryResize(to: 400))
        #expect(budget.heldBytes == 1000)
        let error = first.exceeded(needing: 700, advice: "hold less")
        #expect(error.code == .resourceExhausted)
        #expect(error.message == "out of memory: the first operator needs 700 bytes while other operators hold 400 bytes, over the memory_limit of 1.0 KB; hold less, or raise the limit with SET memory_limit = '...'")
        #expect(throws: ExecutionError.self) { try first.resize(to: 700, advice: "hold less") }
        #expect(first.bytes == 600)
        second = nil
        #expect(budget.heldBytes == 600)
        #expect(first.tryResize(to: 100))
        first.release()
        #expect(budget.heldBytes == 0)
    }

    @Test func memoryBytesCountSharedDictionariesInProportion() {
        let dictionary = Column.build(.varchar, (0..<100).map { Value.varchar(String(repeating: "x", count: 100) + "\($0)") })
        let half = Column(type: .varchar, count: 50, validity: nil, storage: .dictionary(indices: Buffer([Int32](0..<50)), dictionary: dictionary))
        #expect(half.memoryBytes < dictionary.memoryBytes / 2 + 50 * 4 + 100)
        #expect(half.memoryBytes >= 50 * 4 + dictionary.memoryBytes / 2 - 10)
        let plain = Column.build(.bigint, (0..<1000).map { Value.integer(Int64($0)) })
        #expect(plain.memoryBytes == 8000)
        #expect(Column.constant(.integer(1), .bigint, count: 1_000_000).memoryBytes == 8)
    }
}

@Suite struct SpillAreaTests {
    @Test func spilledRowsComeBackAsWrittenFromAPrivateFolderThatIsDeleted() throws {
        let types: [DataType] = [.interval, .varchar, .bigint, .unknown]
        let area = try SpillArea(schema: Schema(types.enumerated().map { Field("c\($0.offset)", $0.element) }), rowGroupBytes: 1 << 16)
        var attributes = stat()
        #expect(stat(area.folder, &attributes) == 0)
        #expect(attributes.st_mode & 0o777 == 0o700)
        let intervals: [Value] = [.interval(Interval(months: 14, days: -3, microseconds: 5_000_001)), .null, .interval(Interval())]
        let batch = Batch(
            columns: [
                Column.build(.interval, intervals), Column.build(.varchar, [.varchar("a"), .null, .varchar("ccc")]),
                Column.build(.bigint, [.integer(1), .integer(2), .null]), Column.nulls(.unknown, count: 3),
            ], count: 3)
        try area.write(batch, file: 5)
        try area.write(batch.slice(0..<1), file: 5)
        #expect(try area.reader(0) == nil)
        let reader = try #require(try area.reader(5))
        let back = try reader.drain()
        let rows = back.flatMap { batch in (0..<batch.count).map { row in batch.columns.map { $0.value(at: row) } } }
        let written = (0..<3).map { row in batch.columns.map { $0.value(at: row) } } + [batch.columns.map { $0.value(at: 0) }]
        #expect(rows == written)
        #expect(back.allSatisfy { $0.columns.map(\.type) == types })
        area.remove()
        #expect(stat(area.folder, &attributes) != 0)
    }
}
