// Sort keys rewritten, row by row, into byte strings that order the way the SQL values do, so comparing
// two rows is a bytewise comparison (DuckDB's "normalized keys"). Per key: a NULL byte when the column has NULLs
// (placing NULLs first or last whatever the direction), then the value big-endian with the sign bit
// flipped (floats with the usual sign trick), every bit inverted for DESC. Strings no longer than 31 bytes
// are encoded whole (zero-padded, then their length, which orders exactly as bytewise comparison does);
// longer ones contribute a 12-byte prefix, and when two prefixes tie the full strings are compared.
import StrataCore

final class NormalizedSortKeys {
    struct Key {
        let offset: Int
        let width: Int
        let direction: SortDirection
        /// The column, for full comparison of strings whose prefixes tie.
        let strings: ColumnView?
    }

    /// A byte range of the row compared in one go, ending where a string key needs its tie-break.
    private struct Segment {
        let start: Int
        let length: Int
        let stringKey: Int?
    }

    /// Strings up to this many bytes are encoded whole.
    static let exactStringLimit = 31
    /// Bytes of a longer string in its key.
    static let stringPrefix = 12

    let count: Int
    let rowWidth: Int
    let keys: [Key]
    private let segments: [Segment]
    private let storage: Buffer
    let rows: UnsafeRawPointer

    /// Keys of `count` rows from `columns` (each of `count` rows), one direction per column.
    init(count: Int, columns: [Column], directions: [SortDirection]) {
        precondition(columns.count == directions.count, "one direction per sort key")
        precondition(columns.allSatisfy { $0.count == count }, "every sort key column has `count` rows")
        self.count = count
        var keys: [Key] = []
        var offset = 0
        var exactWidths: [Int?] = []
        for (column, direction) in zip(columns, directions) {
            let nullByte = column.nullCount > 0 ? 1 : 0
            var view: ColumnView?
            var exactWidth: Int?
            let valueWidth: Int
            switch column.type {
            case .varchar, .varbinary:
                let strings = ColumnView(column)
                var longest = 0
                for row in 0..<strings.count where !strings.isNull(row) {
                    longest = max(longest, Int(strings.offsets![row + 1] - strings.offsets![row]))
                }
                if longest <= NormalizedSortKeys.exactStringLimit {
                    exactWidth = longest
                    valueWidth = longest + 1
                } else {
                    valueWidth = NormalizedSortKeys.stringPrefix
                    view = strings
                }
            case .interval: valueWidth = 20
            case .unknown: valueWidth = 0
            default: valueWidth = column.type.byteWidth!
            }
            exactWidths.append(exactWidth)
            keys.append(Key(offset: offset, width: nullByte + valueWidth, direction: direction, strings: view))
            offset += nullByte + valueWidth
        }
        self.keys = keys
        rowWidth = offset
        var segments: [Segment] = []
        var start = 0
        for (index, key) in keys.enumerated() where key.strings != nil {
            segments.append(Segment(start: start, length: key.offset + key.width - start, stringKey: index))
            start = key.offset + key.width
        }
        if start < rowWidth || segments.isEmpty { segments.append(Segment(start: start, length: rowWidth - start, stringKey: nil)) }
        self.segments = segments
        storage = Buffer(zeroedCount: max(count * rowWidth, 1))
        rows = UnsafeRawPointer(storage.baseAddress)
        for (index, (column, key)) in zip(columns, keys).enumerated() { encode(column, key, exactWidth: exactWidths[index]) }
    }

    var hasStrings: Bool { keys.contains { $0.strings != nil } }

    /// How row `a` orders against row `b` on every key: negative, zero or positive.
    @inline(__always)
    func compare(_ a: Int, _ b: Int) -> Int {
        let left = rows + a * rowWidth
        let right = rows + b * rowWidth
        for segment in segments {
            if segment.length > 0 {
                let order = NormalizedSortKeys.compareBytes(left + segment.start, right + segment.start, segment.length)
                if order != 0 { return order }
            }
            if let key = segment.stringKey {
                let order = compareStrings(key, a, b)
                if order != 0 { return order }
            }
        }
        return 0
    }

    /// How row `a` orders against row `b` on the keys in `range` only.
    func compare(_ a: Int, _ b: Int, keys range: Range<Int>) -> Int {
        guard !range.isEmpty else { return 0 }
        let first = keys[range.lowerBound]
        let last = keys[range.upperBound - 1]
        if !keys[range].contains(where: { $0.strings != nil }) {
            let length = last.offset + last.width - first.offset
            if length == 0 { return 0 }
            return NormalizedSortKeys.compareBytes(rows + a * rowWidth + first.offset, rows + b * rowWidth + first.offset, length)
        }
        for index in range {
            let key = keys[index]
            if key.width > 0 {
                let order = NormalizedSortKeys.compareBytes(rows + a * rowWidth + key.offset, rows + b * rowWidth + key.offset, key.width)
                if order != 0 { return order }
            }
            if key.strings != nil {
                let order = compareStrings(index, a, b)
                if order != 0 { return order }
            }
        }
        return 0
    }

    /// Unsigned bytewise comparison, eight bytes at a time (a call to `memcmp` costs more than these short
    /// keys take to compare).
    @inline(__always)
    static func compareBytes(_ left: UnsafeRawPointer, _ right: UnsafeRawPointer, _ count: Int) -> Int {
        var offset = 0
        while offset &+ 8 <= count {
            let a = UInt64(bigEndian: left.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let b = UInt64(bigEndian: right.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            if a != b { return a < b ? -1 : 1 }
            offset &+= 8
        }
        while offset < count {
            let a = left.load(fromByteOffset: offset, as: UInt8.self)
            let b = right.load(fromByteOffset: offset, as: UInt8.self)
            if a != b { return a < b ? -1 : 1 }
            offset &+= 1
        }
        return 0
    }

    /// The first `rowWidth` (at most 16) bytes of row `row` as a big-endian number, so numbers order as rows do.
    @inline(__always)
    func packed<Word: FixedWidthInteger & UnsignedInteger>(_ row: Int, as: Word.Type) -> Word {
        var word: Word = 0
        let start = rows + row * rowWidth
        for index in 0..<rowWidth { word = word << 8 | Word(start.load(fromByteOffset: index, as: UInt8.self)) }
        return word
    }

    private func compareStrings(_ key: Int, _ a: Int, _ b: Int) -> Int {
        let view = keys[key].strings!
        // The NULL bytes already tied, so both are NULL or neither is.
        if view.isNull(a) { return 0 }
        let left = view.bytes(at: a)
        let right = view.bytes(at: b)
        let order = GroupValueStore.compareBytes(left.baseAddress, left.count, right.baseAddress, right.count)
        return keys[key].direction.ascending ? order : -order
    }

    private func encode(_ column: Column, _ key: Key, exactWidth: Int?) {
        guard key.width > 0 else { return }
        let view = ColumnView(column)
        let hasNullByte = column.nullCount > 0
        let valueOffset = key.offset + (hasNullByte ? 1 : 0)
        let descending = !key.direction.ascending
        let base = storage.baseAddress
        let width = rowWidth
        let presentByte: UInt8 = 1
        let nullByte: UInt8 = key.direction.nullsFirst ? 0 : 2

        func write<T: FixedWidthInteger & UnsignedInteger>(_ encode: (Int) -> T) {
            for row in 0..<count {
                let target = base + row * width
                if hasNullByte {
                    if view.isNull(row) {
                        target.storeBytes(of: nullByte, toByteOffset: key.offset, as: UInt8.self)
                        continue
                    }
                    target.storeBytes(of: presentByte, toByteOffset: key.offset, as: UInt8.self)
                }
                let value = encode(row)
                (target + valueOffset).storeBytes(of: (descending ? ~value : value).bigEndian, as: T.self)
            }
        }

        switch column.type {
        case .boolean:
            let values = view.typed(UInt8.self)
            write { UInt8(values[$0] != 0 ? 1 : 0) }
        case .tinyint:
            let values = view.typed(Int8.self)
            write { UInt8(bitPattern: values[$0]) ^ 0x80 }
        case .smallint:
            let values = view.typed(Int16.self)
            write { UInt16(bitPattern: values[$0]) ^ 0x8000 }
        case .integer, .date:
            let values = view.typed(Int32.self)
            write { UInt32(bitPattern: values[$0]) ^ 0x8000_0000 }
        case .bigint, .time, .timestamp:
            let values = view.typed(Int64.self)
            write { UInt64(bitPattern: values[$0]) ^ 0x8000_0000_0000_0000 }
        case .decimal:
            let values = view.typed(Int128.self)
            write { UInt128(bitPattern: values[$0]) ^ (1 << 127) }
        case .real:
            let values = view.typed(Float.self)
            write { row -> UInt32 in
                let value = values[row]
                let bits = value.isNaN ? Float.nan.bitPattern : (value == 0 ? 0 : value.bitPattern)
                return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
            }
        case .double:
            let values = view.typed(Double.self)
            write { row -> UInt64 in
                let value = values[row]
                let bits = value.isNaN ? Double.nan.bitPattern : (value == 0 ? 0 : value.bitPattern)
                return bits & 0x8000_0000_0000_0000 != 0 ? ~bits : bits | 0x8000_0000_0000_0000
            }
        case .interval:
            // Months first, then the exact part as one duration (Interval's own order), in 4 + 16 bytes.
            let values = view.typed(Interval.self)
            write { row -> UInt32 in UInt32(bitPattern: values[row].months) ^ 0x8000_0000 }
            let durationOffset = valueOffset + 4
            for row in 0..<count where !view.isNull(row) {
                let value = values[row]
                let duration = Int128(value.days) * Int128(Time.microsecondsPerDay) + Int128(value.microseconds)
                let bits = UInt128(bitPattern: duration) ^ (1 << 127)
                (base + row * width + durationOffset).storeBytes(of: (descending ? ~bits : bits).bigEndian, as: UInt128.self)
            }
        case .varchar, .varbinary:
            let prefix = exactWidth ?? NormalizedSortKeys.stringPrefix
            for row in 0..<count {
                let target = base + row * width
                if hasNullByte {
                    if view.isNull(row) {
                        target.storeBytes(of: nullByte, toByteOffset: key.offset, as: UInt8.self)
                        continue
                    }
                    target.storeBytes(of: presentByte, toByteOffset: key.offset, as: UInt8.self)
                }
                let value = view.bytes(at: row)
                let copied = min(value.count, prefix)
                let destination = target + valueOffset
                if copied > 0 { destination.copyMemory(from: value.baseAddress!, byteCount: copied) }
                if exactWidth != nil {
                    destination.storeBytes(of: UInt8(value.count), toByteOffset: prefix, as: UInt8.self)
                }
                if descending {
                    for index in 0..<(exactWidth != nil ? prefix + 1 : prefix) {
                        let byte = destination.load(fromByteOffset: index, as: UInt8.self)
                        destination.storeBytes(of: ~byte, toByteOffset: index, as: UInt8.self)
                    }
                }
            }
        case .unknown:
            break
        }
    }
}
