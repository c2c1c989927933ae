// Group keys of VARCHAR or VARBINARY: offsets into one growing byte buffer, plus a null flag per group.
import StrataCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

final class VariableWidthGroupKeys: GroupKeyColumn {
    let type: DataType
    private(set) var count = 0
    /// `count + 1` offsets into `bytes`.
    private let offsets = Buffer()
    private let bytes = Buffer()
    private var nulls: [UInt8] = []

    init(type: DataType) {
        self.type = type
        offsets.append(Int64(0))
    }

    var byteCount: Int { offsets.capacity + bytes.capacity + nulls.capacity }

    func append(_ key: KeyVector, rows: UnsafeBufferPointer<Int32>) {
        guard case .variable(let sourceOffsets, let sourceBytes) = key.layout else {
            preconditionFailure("variable keys from \(key.type)")
        }
        let tracksNulls = key.validity != nil || !nulls.isEmpty
        if tracksNulls && nulls.count < count { nulls = [UInt8](repeating: 0, count: count) }
        for row in rows {
            let row = Int(row)
            if key.isNull(row) {
                nulls.append(1)
            } else {
                let start = Int(sourceOffsets[row])
                bytes.append(contentsOf: UnsafeRawBufferPointer(start: sourceBytes + start, count: Int(sourceOffsets[row + 1]) - start))
                if tracksNulls { nulls.append(0) }
            }
            offsets.append(Int64(bytes.count))
        }
        count += rows.count
    }

    func markMismatches(
        _ key: KeyVector, rows: UnsafeBufferPointer<Int32>, groups: UnsafeBufferPointer<Int32>,
        into mismatch: UnsafeMutablePointer<Bool>
    ) {
        guard case .variable(let sourceOffsets, let sourceBytes) = key.layout else {
            preconditionFailure("variable keys from \(key.type)")
        }
        let storedOffsets = offsets.baseAddress.assumingMemoryBound(to: Int64.self)
        let storedBytes = UnsafeRawPointer(bytes.baseAddress)
        nulls.withUnsafeBufferPointer { groupNulls in
            for index in 0..<rows.count {
                let row = Int(rows[index])
                let group = Int(groups[index])
                let rowIsNull = key.isNull(row)
                let groupIsNull = groupNulls.isEmpty ? false : groupNulls[group] != 0
                if rowIsNull != groupIsNull {
                    mismatch[index] = true
                    continue
                }
                if rowIsNull { continue }
                let rowStart = Int(sourceOffsets[row])
                let rowLength = Int(sourceOffsets[row + 1]) - rowStart
                let groupStart = Int(storedOffsets[group])
                let groupLength = Int(storedOffsets[group + 1]) - groupStart
                if rowLength != groupLength
                    || (rowLength > 0 && memcmp(sourceBytes + rowStart, storedBytes + groupStart, rowLength) != 0)
                {
                    mismatch[index] = true
                }
            }
        }
    }

    func column(_ range: Range<Int>) -> Column {
        let stored = offsets.baseAddress.assumingMemoryBound(to: Int64.self)
        let first = stored[range.lowerBound]
        let newOffsets = Buffer(capacity: (range.count + 1) * 8)
        for group in range.lowerBound...range.upperBound { newOffsets.append(stored[group] - first) }
        let newBytes = Buffer(
            copying: UnsafeRawBufferPointer(start: bytes.baseAddress + Int(first), count: Int(stored[range.upperBound] - first)))
        var validity: Bitmap?
        if !nulls.isEmpty && nulls[range].contains(1) {
            let bitmap = Bitmap(count: range.count, allSet: true)
            for (index, group) in range.enumerated() where nulls[group] != 0 { bitmap.clear(index) }
            validity = bitmap
        }
        return Column(type: type, count: range.count, offsets: newOffsets, bytes: newBytes, validity: validity)
    }
}
