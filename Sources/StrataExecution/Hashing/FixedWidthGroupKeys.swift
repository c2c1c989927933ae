// Group keys of a fixed-width type, kept as raw bit patterns of the type's width (floats arrive
// normalized by `KeyVector`, so equal bits mean equal keys) plus one null flag per group.
import StrataCore

final class FixedWidthGroupKeys<Bits: FixedWidthInteger & BitwiseCopyable>: GroupKeyColumn {
    let type: DataType
    private(set) var count = 0
    private let values = Buffer()
    /// One byte per group, 1 where the key is NULL; empty until the first NULL key arrives.
    private var nulls: [UInt8] = []

    init(type: DataType) { self.type = type }

    var byteCount: Int { values.capacity + nulls.capacity }

    func append(_ key: KeyVector, rows: UnsafeBufferPointer<Int32>) {
        guard case .fixed(_, let source) = key.layout else { preconditionFailure("fixed keys from \(key.type)") }
        let from = source.assumingMemoryBound(to: Bits.self)
        let target = values.extend(by: rows.count * MemoryLayout<Bits>.stride).assumingMemoryBound(to: Bits.self)
        if let validity = key.validity {
            if nulls.isEmpty { nulls = [UInt8](repeating: 0, count: count) }
            for (index, row) in rows.enumerated() {
                let present = validity.isSet(Int(row))
                target[index] = present ? from[Int(row)] : 0
                nulls.append(present ? 0 : 1)
            }
        } else {
            for (index, row) in rows.enumerated() { target[index] = from[Int(row)] }
            if !nulls.isEmpty { nulls.append(contentsOf: repeatElement(0, count: rows.count)) }
        }
        count += rows.count
    }

    func markMismatches(
        _ key: KeyVector, rows: UnsafeBufferPointer<Int32>, groups: UnsafeBufferPointer<Int32>,
        into mismatch: UnsafeMutablePointer<Bool>
    ) {
        guard case .fixed(_, let source) = key.layout else { preconditionFailure("fixed keys from \(key.type)") }
        let from = source.assumingMemoryBound(to: Bits.self)
        let stored = values.baseAddress.assumingMemoryBound(to: Bits.self)
        if key.validity == nil && nulls.isEmpty {
            for index in 0..<rows.count where from[Int(rows[index])] != stored[Int(groups[index])] {
                mismatch[index] = true
            }
            return
        }
        nulls.withUnsafeBufferPointer { groupNulls in
            for index in 0..<rows.count {
                let row = Int(rows[index])
                let group = Int(groups[index])
                let rowIsNull = key.isNull(row)
                let groupIsNull = groupNulls.isEmpty ? false : groupNulls[group] != 0
                if rowIsNull != groupIsNull || (!rowIsNull && from[row] != stored[group]) {
                    mismatch[index] = true
                }
            }
        }
    }

    /// The stored key values, for the single-key fast path of `GroupHashTable` (valid until the next append).
    var storedValues: UnsafePointer<Bits> { UnsafePointer(values.baseAddress.assumingMemoryBound(to: Bits.self)) }

    /// Whether group `group` has a NULL key.
    @inline(__always)
    func isNull(_ group: Int) -> Bool { !nulls.isEmpty && nulls[group] != 0 }

    /// Appends one key (a NULL key stores 0).
    @inline(__always)
    func appendOne(_ value: Bits, isNull: Bool) {
        if isNull && nulls.isEmpty { nulls = [UInt8](repeating: 0, count: count) }
        values.append(isNull ? 0 : value)
        // `nulls` is still empty when the very first group is the NULL one: its flag must be appended anyway.
        if isNull || !nulls.isEmpty { nulls.append(isNull ? 1 : 0) }
        count += 1
    }

    func column(_ range: Range<Int>) -> Column {
        let stride = MemoryLayout<Bits>.stride
        let copy = Buffer(
            copying: UnsafeRawBufferPointer(start: values.baseAddress + range.lowerBound * stride, count: range.count * stride))
        var validity: Bitmap?
        if !nulls.isEmpty && nulls[range].contains(1) {
            let bitmap = Bitmap(count: range.count, allSet: true)
            for (index, group) in range.enumerated() where nulls[group] != 0 { bitmap.clear(index) }
            validity = bitmap
        }
        return Column(type: type, count: range.count, values: copy, validity: validity)
    }
}
