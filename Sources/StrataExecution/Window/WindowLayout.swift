// The rows of a window specification in window order: sorted by PARTITION BY then ORDER BY keys (stable),
// with, for every sorted position, where its partition and its peer group (rows equal on every ORDER BY
// key) begin and end. Window functions work on sorted positions and scatter back to input order.
import StrataCore

struct WindowLayout {
    /// `order[position]` is the input row at that sorted position.
    let order: [Int32]
    /// `inverse[row]` is the sorted position of input row `row`.
    let inverse: [Int32]
    let partitionStart: [Int32]
    let partitionEnd: [Int32]
    let peerStart: [Int32]
    let peerEnd: [Int32]

    var count: Int { order.count }

    init(count: Int, partitionKeys: [Column], orderKeys: [Column], orderDirections: [SortDirection]) {
        let keyColumns = partitionKeys + orderKeys
        let directions = partitionKeys.map { _ in SortDirection(ascending: true, nullsFirst: true) } + orderDirections
        var order: [Int32]
        var sameAsPrevious: (Int, Range<Int>) -> Bool
        if keyColumns.isEmpty {
            order = (0..<Int32(count)).map { $0 }
            sameAsPrevious = { _, _ in true }
        } else {
            let keys = NormalizedSortKeys(count: count, columns: keyColumns, directions: directions)
            order = RowSorter.sortedRows(keys)
            let sorted = order
            sameAsPrevious = { position, range in
                keys.compare(Int(sorted[position - 1]), Int(sorted[position]), keys: range) == 0
            }
        }
        var inverse = [Int32](repeating: 0, count: count)
        for (position, row) in order.enumerated() { inverse[Int(row)] = Int32(position) }
        let partitionRange = 0..<partitionKeys.count
        let peerRange = 0..<keyColumns.count
        var partitionStart = [Int32](repeating: 0, count: count)
        var peerStart = [Int32](repeating: 0, count: count)
        for position in 0..<count {
            if position == 0 || !sameAsPrevious(position, partitionRange) {
                partitionStart[position] = Int32(position)
                peerStart[position] = Int32(position)
            } else {
                partitionStart[position] = partitionStart[position - 1]
                peerStart[position] =
                    sameAsPrevious(position, peerRange) ? peerStart[position - 1] : Int32(position)
            }
        }
        var partitionEnd = [Int32](repeating: Int32(count), count: count)
        var peerEnd = [Int32](repeating: Int32(count), count: count)
        if count > 0 {
            for position in stride(from: count - 2, through: 0, by: -1) {
                partitionEnd[position] =
                    partitionStart[position + 1] == partitionStart[position] ? partitionEnd[position + 1] : Int32(position + 1)
                peerEnd[position] = peerStart[position + 1] == peerStart[position] ? peerEnd[position + 1] : Int32(position + 1)
            }
        }
        self.order = order
        self.inverse = inverse
        self.partitionStart = partitionStart
        self.partitionEnd = partitionEnd
        self.peerStart = peerStart
        self.peerEnd = peerEnd
    }

    /// A column of values computed per sorted position, put back in input order.
    func scatter(_ sorted: Column) -> Column { sorted.gather(inverse) }
}
