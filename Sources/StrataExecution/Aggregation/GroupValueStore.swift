// One value of any type per group, for the aggregates that keep a value rather than fold numbers
// (min/max of strings, min_by/max_by, arbitrary). Fixed-width values sit in one buffer; strings are
// appended to an arena that is compacted when replaced values make up most of it.
import StrataCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

final class GroupValueStore {
    private enum Kind {
        case int8, int16, int32, int64, int128, uint8, float, double, interval, bytes, none
    }

    let type: DataType
    private let kind: Kind
    private let width: Int
    private(set) var count = 0
    /// 1 where the group holds a non-NULL value.
    private var present: [UInt8] = []
    private let fixed = Buffer()
    private var starts: [Int64] = []
    private var lengths: [Int64] = []
    private var arena = Buffer()
    private var liveBytes = 0

    /// Bytes held: the fixed-width values or the strings' arena, and the per-group bookkeeping.
    var byteCount: Int { present.capacity + fixed.capacity + (starts.capacity + lengths.capacity) * 8 + arena.capacity }

    init(type: DataType) {
        self.type = type
        switch type {
        case .tinyint: kind = .int8
        case .smallint: kind = .int16
        case .integer, .date: kind = .int32
        case .bigint, .time, .timestamp: kind = .int64
        case .decimal: kind = .int128
        case .boolean: kind = .uint8
        case .real: kind = .float
        case .double: kind = .double
        case .interval: kind = .interval
        case .varchar, .varbinary: kind = .bytes
        case .unknown: kind = .none
        }
        width = type.byteWidth ?? 0
    }

    func resize(to newCount: Int) {
        guard newCount > count else { return }
        let added = newCount - count
        present.append(contentsOf: repeatElement(0, count: added))
        if kind == .bytes {
            starts.append(contentsOf: repeatElement(0, count: added))
            lengths.append(contentsOf: repeatElement(0, count: added))
        } else if width > 0 {
            fixed.extend(by: added * width).initializeMemory(as: UInt8.self, repeating: 0, count: added * width)
        }
        count = newCount
    }

    @inline(__always)
    func isPresent(_ group: Int) -> Bool { present[group] != 0 }

    /// Stores row `row` of `view` (NULL included) as the value of `group`.
    func set(_ group: Int, from view: ColumnView, row: Int) {
        if view.isNull(row) || kind == .none {
            setNull(group)
            return
        }
        if kind == .bytes {
            store(view.bytes(at: row), group)
        } else {
            (fixed.baseAddress + group * width).copyMemory(from: view.values! + row * width, byteCount: width)
        }
        present[group] = 1
    }

    func setNull(_ group: Int) {
        if kind == .bytes && present[group] != 0 { liveBytes -= Int(lengths[group]) }
        present[group] = 0
    }

    /// Makes `target` hold the value of `source`.
    func copy(from source: Int, to target: Int) {
        guard present[source] != 0 else {
            setNull(target)
            return
        }
        if kind == .bytes {
            let length = Int(lengths[source])
            arena.reserve(arena.count + length)
            store(UnsafeRawBufferPointer(start: arena.baseAddress + Int(starts[source]), count: length), target)
        } else {
            (fixed.baseAddress + target * width).copyMemory(from: fixed.baseAddress + source * width, byteCount: width)
        }
        present[target] = 1
    }

    /// How row `row` of `view` orders against the value of `group` (both non-NULL): negative, zero or
    /// positive. Strings compare by bytes.
    func compare(_ view: ColumnView, row: Int, with group: Int) -> Int {
        if kind == .bytes {
            let bytes = view.bytes(at: row)
            return GroupValueStore.compareBytes(
                bytes.baseAddress, bytes.count, UnsafeRawPointer(arena.baseAddress + Int(starts[group])),
                Int(lengths[group]))
        }
        return compareFixed(view.values! + row * width, UnsafeRawPointer(fixed.baseAddress + group * width))
    }

    /// How the value of group `left` orders against that of group `right` (both non-NULL).
    func compare(group left: Int, with right: Int) -> Int {
        if kind == .bytes {
            return GroupValueStore.compareBytes(
                UnsafeRawPointer(arena.baseAddress + Int(starts[left])), Int(lengths[left]),
                UnsafeRawPointer(arena.baseAddress + Int(starts[right])), Int(lengths[right]))
        }
        return compareFixed(
            UnsafeRawPointer(fixed.baseAddress + left * width), UnsafeRawPointer(fixed.baseAddress + right * width))
    }

    /// The values of the groups in `range`, NULL where a group holds none.
    func column(_ range: Range<Int>) -> Column {
        let validity = StateColumns.validity(range) { self.present[$0] != 0 }
        if kind == .none { return Column.nulls(type, count: range.count) }
        if kind == .bytes {
            let offsets = Buffer(capacity: (range.count + 1) * 8)
            offsets.append(Int64(0))
            let bytes = Buffer()
            for group in range {
                if present[group] != 0 {
                    bytes.append(
                        contentsOf: UnsafeRawBufferPointer(start: arena.baseAddress + Int(starts[group]), count: Int(lengths[group])))
                }
                offsets.append(Int64(bytes.count))
            }
            return Column(type: type, count: range.count, offsets: offsets, bytes: bytes, validity: validity)
        }
        let values = Buffer(
            copying: UnsafeRawBufferPointer(start: fixed.baseAddress + range.lowerBound * width, count: range.count * width))
        return Column(type: type, count: range.count, values: values, validity: validity)
    }

    static func compareBytes(_ left: UnsafeRawPointer?, _ leftCount: Int, _ right: UnsafeRawPointer?, _ rightCount: Int) -> Int {
        let common = min(leftCount, rightCount)
        if common > 0, let left, let right {
            let order = memcmp(left, right, common)
            if order != 0 { return Int(order) }
        }
        return leftCount - rightCount
    }

    private func compareFixed(_ left: UnsafeRawPointer, _ right: UnsafeRawPointer) -> Int {
        func order<T: SQLOrdered>(_ type: T.Type) -> Int {
            let l = left.loadUnaligned(as: T.self)
            let r = right.loadUnaligned(as: T.self)
            return T.sqlLess(l, r) ? -1 : (T.sqlLess(r, l) ? 1 : 0)
        }
        switch kind {
        case .int8: return order(Int8.self)
        case .int16: return order(Int16.self)
        case .int32: return order(Int32.self)
        case .int64: return order(Int64.self)
        case .int128: return order(Int128.self)
        case .uint8: return order(UInt8.self)
        case .float: return order(Float.self)
        case .double: return order(Double.self)
        case .interval: return order(Interval.self)
        case .bytes, .none: return 0
        }
    }

    private func store(_ bytes: UnsafeRawBufferPointer, _ group: Int) {
        if present[group] != 0 { liveBytes -= Int(lengths[group]) }
        if arena.count > 65536 && arena.count > 2 * (liveBytes + bytes.count) { compact(keeping: bytes) }
        starts[group] = Int64(arena.count)
        lengths[group] = Int64(bytes.count)
        arena.append(contentsOf: bytes)
        liveBytes += bytes.count
    }

    /// Rewrites the arena with only the values still held. `pending` may point into the old arena, so the
    /// old one stays alive until the caller has copied it.
    private func compact(keeping pending: UnsafeRawBufferPointer) {
        let fresh = Buffer(capacity: liveBytes + pending.count)
        for group in 0..<count where present[group] != 0 {
            let start = fresh.count
            fresh.append(contentsOf: UnsafeRawBufferPointer(start: arena.baseAddress + Int(starts[group]), count: Int(lengths[group])))
            starts[group] = Int64(start)
        }
        pendingHolder = arena
        arena = fresh
    }

    /// The arena replaced by the last compaction, kept until the next one because a value being stored
    /// may still be read from it.
    private var pendingHolder: Buffer?
}
