// Checks that the rows of a row group follow the declared `sorted_by` keys, so the writer records a
// SortingColumn only where it is true: every adjacent pair of rows (across batches too) compared key by
// key, nulls first or last as declared. The writer does not sort; the query feeding it does.
import StrataCore

final class SortOrderChecker {
    struct Key {
        var column: Int
        var descending: Bool
        var nullsFirst: Bool
    }

    let keys: [Key]
    /// Whether the rows seen since the last reset follow the keys.
    private(set) var isSorted = true
    /// The last row seen, one single-row column per key.
    private var last: [Column]?

    init(keys: [Key]) {
        self.keys = keys
    }

    func reset() {
        isSorted = true
        last = nil
    }

    /// Checks rows `rows` of the batch's columns, after the rows seen before.
    func check(_ columns: [Column], rows: Range<Int>) {
        guard isSorted, !rows.isEmpty else { return }
        let keyColumns = keys.map { columns[$0.column].flattened() }
        if let last {
            // The previous slice's last row against this slice's first.
            for (position, key) in keys.enumerated() {
                let order = Self.compare(last[position], 0, keyColumns[position], rows.lowerBound, key)
                if order < 0 { break }
                if order > 0 {
                    isSorted = false
                    return
                }
            }
        }
        // Pairs still tied on the keys compared so far.
        var tied = [Bool](repeating: true, count: rows.count - 1)
        for (position, key) in keys.enumerated() {
            let column = keyColumns[position]
            var anyTied = false
            for pair in 0..<tied.count where tied[pair] {
                let order = Self.compare(column, rows.lowerBound + pair, column, rows.lowerBound + pair + 1, key)
                if order > 0 {
                    isSorted = false
                    return
                }
                tied[pair] = order == 0
                anyTied = anyTied || order == 0
            }
            if !anyTied { break }
        }
        last = keyColumns.map { $0.gather([Int32(rows.upperBound - 1)]) }
    }

    /// The order of two rows on one key, as the key sorts them (negative: `a` comes first).
    static func compare(_ a: Column, _ rowA: Int, _ b: Column, _ rowB: Int, _ key: Key) -> Int {
        let nullA = a.isNull(rowA)
        let nullB = b.isNull(rowB)
        if nullA || nullB {
            if nullA && nullB { return 0 }
            return (nullA == key.nullsFirst) ? -1 : 1
        }
        let order = compareValues(a, rowA, b, rowB)
        return key.descending ? -order : order
    }

    private static func compareValues(_ a: Column, _ rowA: Int, _ b: Column, _ rowB: Int) -> Int {
        switch (a.storage, b.storage) {
        case (.fixedWidth(let left), .fixedWidth(let right)):
            func order<T: Comparable>(_: T.Type) -> Int {
                let x = left.baseAddress.load(fromByteOffset: rowA * MemoryLayout<T>.stride, as: T.self)
                let y = right.baseAddress.load(fromByteOffset: rowB * MemoryLayout<T>.stride, as: T.self)
                return x < y ? -1 : (y < x ? 1 : 0)
            }
            func floatOrder<T: BinaryFloatingPoint>(_: T.Type) -> Int {
                let x = left.baseAddress.load(fromByteOffset: rowA * MemoryLayout<T>.stride, as: T.self)
                let y = right.baseAddress.load(fromByteOffset: rowB * MemoryLayout<T>.stride, as: T.self)
                // NaN sorts after every number, as SQL engines order it.
                if x.isNaN || y.isNaN { return x.isNaN == y.isNaN ? 0 : (x.isNaN ? 1 : -1) }
                return x < y ? -1 : (y < x ? 1 : 0)
            }
            switch a.type {
            case .boolean: return order(UInt8.self)
            case .tinyint: return order(Int8.self)
            case .smallint: return order(Int16.self)
            case .integer, .date: return order(Int32.self)
            case .bigint, .time, .timestamp: return order(Int64.self)
            case .decimal: return order(Int128.self)
            case .real: return floatOrder(Float.self)
            case .double: return floatOrder(Double.self)
            default: return 0
            }
        case (.variableWidth(let leftOffsets, let leftBytes), .variableWidth(let rightOffsets, let rightBytes)):
            func slice(_ offsets: Buffer, _ bytes: Buffer, _ row: Int) -> UnsafeRawBufferPointer {
                let start = Int(offsets.baseAddress.load(fromByteOffset: row * 8, as: Int64.self))
                let end = Int(offsets.baseAddress.load(fromByteOffset: row * 8 + 8, as: Int64.self))
                return UnsafeRawBufferPointer(start: bytes.baseAddress + start, count: end - start)
            }
            let order = ByteArrayValueEncoder.compare(slice(leftOffsets, leftBytes, rowA), slice(rightOffsets, rightBytes, rowB))
            return order < 0 ? -1 : (order > 0 ? 1 : 0)
        default:
            return 0
        }
    }
}
