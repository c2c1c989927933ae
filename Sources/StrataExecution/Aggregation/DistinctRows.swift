// For DISTINCT aggregates: remembers which (group, arguments) combinations have been fed already, so each
// distinct combination reaches the accumulator once. Memory grows with the distinct combinations, not
// the rows.
import StrataCore

final class DistinctRows {
    private let table: GroupHashTable

    /// Combinations remembered.
    var count: Int { table.groupCount }

    /// Combinations `range`: the group number (INTEGER), then the arguments.
    func combinations(_ range: Range<Int>) -> [Column] { table.keyColumns(range) }

    /// Bytes of the combinations remembered.
    var byteCount: Int { table.byteCount }

    init(argumentTypes: [DataType]) {
        table = GroupHashTable(keyTypes: [.integer] + argumentTypes)
    }

    /// The rows (positions into `groups` and `arguments`) whose combination was not seen before, each
    /// combination once, in row order.
    func firstOccurrences(groups: [Int32], arguments: [Column]) -> [Int32] {
        let count = groups.count
        let groupColumn = Column(type: .integer, count: count, values: Buffer(groups))
        let before = table.groupCount
        let ids = table.findOrInsert([groupColumn] + arguments, count: count)
        var seen = [Bool](repeating: false, count: table.groupCount - before)
        var rows: [Int32] = []
        for (row, id) in ids.enumerated() where Int(id) >= before && !seen[Int(id) - before] {
            seen[Int(id) - before] = true
            rows.append(Int32(row))
        }
        return rows
    }
}
