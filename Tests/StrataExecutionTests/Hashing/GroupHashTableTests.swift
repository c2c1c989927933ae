import StrataCore
import Testing

@testable import StrataExecution

/// The group numbers the table must give: the first-seen position of each row's key tuple, NULL equal
/// to NULL.
private func firstSeenGroups(_ columns: [Column], count: Int) -> [Int32] {
    var groupOf: [[Value]: Int32] = [:]
    return (0..<count).map { row in
        let key = columns.map { $0.value(at: row) }
        if let group = groupOf[key] { return group }
        let group = Int32(groupOf.count)
        groupOf[key] = group
        return group
    }
}

private func dictionary(_ type: DataType, entries: [Value], indices: [Int32], nulls: Set<Int> = []) -> Column {
    let validity = Bitmap(count: indices.count, allSet: true)
    for row in nulls { validity.clear(row) }
    return Column(
        type: type, count: indices.count, validity: nulls.isEmpty ? nil : validity,
        storage: .dictionary(indices: Buffer(indices), dictionary: Column.build(type, entries)))
}

@Suite struct GroupHashTableTests {
    /// Key columns of every storage the table numbers without hashing, and of some it must not.
    static let shapes: [(String, [Column])] = {
        let count = 1000
        let words: [Value] = [.varchar("a"), .varchar(""), .varchar("a long string, longer than eight bytes")]
        let cyclic = (0..<count).map { Int32($0 % 3) }
        let nullRows = Set(stride(from: 0, to: count, by: 7))
        let smallIntegers = (0..<count).map { $0 % 11 == 0 ? Value.null : .integer(Int64($0 % 5) - 2) }
        let wideIntegers = (0..<count).map { Value.integer(Int64($0) * 1_000_003) }
        return [
            ("a constant", [Column.constant(.varchar("x"), .varchar, count: count)]),
            ("a constant NULL", [Column.nulls(.varchar, count: count)]),
            ("a dictionary with NULLs", [dictionary(.varchar, entries: words, indices: cyclic, nulls: nullRows)]),
            // Two dictionary entries hold one value: their rows are still one group.
            ("a dictionary holding a value twice",
             [dictionary(.varchar, entries: [.varchar("a"), .varchar("b"), .varchar("a")], indices: cyclic)]),
            ("small integers with NULLs", [Column.build(.integer, smallIntegers)]),
            ("booleans", [Column.build(.boolean, (0..<count).map { $0 % 13 == 0 ? .null : .boolean($0 % 3 == 0) })]),
            ("bigints at both ends",
             [Column.build(.bigint, (0..<count).map { .integer($0 % 2 == 0 ? Int64.min : Int64.max) })]),
            ("integers too spread out to number", [Column.build(.bigint, wideIntegers)]),
            ("a constant, a dictionary and small integers",
             [
                Column.constant(.date(20_000), .date, count: count),
                dictionary(.varchar, entries: words, indices: cyclic, nulls: nullRows),
                Column.build(.integer, smallIntegers),
             ]),
            ("a dictionary next to plain strings",
             [
                dictionary(.varchar, entries: words, indices: cyclic),
                Column.build(.varchar, (0..<count).map { .varchar("s\($0 % 4)") }),
             ]),
        ]
    }()

    @Test(arguments: shapes.indices)
    func numberedKeysGroupLikeTheirValues(shape: Int) throws {
        let (name, columns) = GroupHashTableTests.shapes[shape]
        let count = columns[0].count
        let expected = firstSeenGroups(columns, count: count)
        let table = GroupHashTable(keyTypes: columns.map(\.type))
        // Twice: the second batch finds every group the first one made.
        #expect(table.findOrInsert(columns, count: count) == expected, "\(name)")
        #expect(table.findOrInsert(columns, count: count) == expected, "\(name)")
        #expect(table.find(columns, count: count) == expected, "\(name)")
        #expect(table.groupCount == Int(expected.max()! + 1), "\(name)")
        // The groups' keys read back as the values of each group's first row.
        let keys = table.keyColumns(0..<table.groupCount)
        for group in 0..<table.groupCount {
            let row = expected.firstIndex(of: Int32(group))!
            #expect(keys.map { $0.value(at: group) } == columns.map { $0.value(at: row) }, "\(name)")
        }
    }

    @Test func aConstantKeyNotInTheTableIsNotFound() {
        let table = GroupHashTable(keyTypes: [.varchar])
        _ = table.findOrInsert([Column.constant(.varchar("x"), .varchar, count: 10)], count: 10)
        let missing = table.find([Column.constant(.varchar("y"), .varchar, count: 10)], count: 10)
        #expect(missing == [Int32](repeating: -1, count: 10))
    }
}
