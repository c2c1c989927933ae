// Picking rows of a column by index: what filters, joins and sorts use to build their output.

extension Column {
    /// The rows at `indices`, in that order; a negative index gives a NULL row (the unmatched side of an
    /// outer join). The result has plain storage unless this column is dictionary or constant, whose
    /// shape is kept.
    public func gather(_ indices: UnsafeBufferPointer<Int32>) -> Column {
        let outputCount = indices.count
        let anyMissing = indices.contains { $0 < 0 }
        switch storage {
        case .constant(let single):
            if anyMissing && !single.isNull(0) {
                return Column.dictionaryOf(single, indices: indices)
            }
            return Column.constant(single, count: outputCount)
        case .dictionary(let dictionaryIndices, let dictionary):
            let source = dictionaryIndices.baseAddress.assumingMemoryBound(to: Int32.self)
            let gathered = Buffer(capacity: outputCount * 4)
            let target = gathered.extend(by: outputCount * 4).assumingMemoryBound(to: Int32.self)
            for (row, index) in indices.enumerated() {
                target[row] = index < 0 ? 0 : source[Int(index)]
            }
            return Column(
                type: type, count: outputCount, validity: gatherValidity(indices),
                storage: .dictionary(indices: gathered, dictionary: dictionary))
        case .fixedWidth(let buffer):
            let width = type.byteWidth!
            let values = Buffer(capacity: outputCount * width)
            let target = values.extend(by: outputCount * width)
            switch width {
            case 0: break
            case 1: Column.gatherFixed(UInt8.self, buffer, indices, target)
            case 2: Column.gatherFixed(UInt16.self, buffer, indices, target)
            case 4: Column.gatherFixed(UInt32.self, buffer, indices, target)
            case 8: Column.gatherFixed(UInt64.self, buffer, indices, target)
            case 16: Column.gatherFixed(UInt128.self, buffer, indices, target)
            default: preconditionFailure("unexpected byte width \(width)")
            }
            return Column(type: type, count: outputCount, values: values, validity: gatherValidity(indices))
        case .variableWidth(let offsets, let bytes):
            let sourceOffsets = offsets.baseAddress.assumingMemoryBound(to: Int64.self)
            var total = 0
            for index in indices where index >= 0 {
                total &+= Int(sourceOffsets[Int(index) + 1] &- sourceOffsets[Int(index)])
            }
            let newOffsets = Buffer(capacity: (outputCount + 1) * 8)
            let targetOffsets = newOffsets.extend(by: (outputCount + 1) * 8).assumingMemoryBound(to: Int64.self)
            let newBytes = Buffer(capacity: total)
            let targetBytes = newBytes.extend(by: total)
            var position = 0
            targetOffsets[0] = 0
            for (row, index) in indices.enumerated() {
                if index >= 0 {
                    let start = Int(sourceOffsets[Int(index)])
                    let length = Int(sourceOffsets[Int(index) + 1]) &- start
                    (targetBytes + position).copyMemory(from: bytes.baseAddress + start, byteCount: length)
                    position &+= length
                }
                targetOffsets[row + 1] = Int64(position)
            }
            return Column(
                type: type, count: outputCount, offsets: newOffsets, bytes: newBytes,
                validity: gatherValidity(indices))
        }
    }

    /// The rows at `indices` (see `gather(_:)` for the buffer form).
    public func gather(_ indices: [Int32]) -> Column {
        indices.withUnsafeBufferPointer { gather($0) }
    }

    @inline(__always)
    private static func gatherFixed<T: BitwiseCopyable>(
        _ type: T.Type, _ source: Buffer, _ indices: UnsafeBufferPointer<Int32>, _ target: UnsafeMutableRawPointer
    ) {
        let from = source.baseAddress.assumingMemoryBound(to: T.self)
        let to = target.assumingMemoryBound(to: T.self)
        for (row, index) in indices.enumerated() {
            // A missing row's value is never read; copying row 0 keeps the loop branch-light.
            to[row] = from[Int(Swift.max(index, 0))]
        }
    }

    /// Validity of the gathered rows, or nil when they are all present.
    private func gatherValidity(_ indices: UnsafeBufferPointer<Int32>) -> Bitmap? {
        let anyMissing = indices.contains { $0 < 0 }
        guard validity != nil || anyMissing else { return nil }
        let bitmap = Bitmap(count: indices.count, allSet: true)
        for (row, index) in indices.enumerated() where index < 0 || isNull(Int(index)) {
            bitmap.clear(row)
        }
        return bitmap
    }

    /// A column that repeats a single non-null value, with NULL where an index is negative.
    private static func dictionaryOf(_ single: Column, indices: UnsafeBufferPointer<Int32>) -> Column {
        let zeros = Buffer(zeroedCount: indices.count * 4)
        let bitmap = Bitmap(count: indices.count, allSet: true)
        for (row, index) in indices.enumerated() where index < 0 { bitmap.clear(row) }
        return Column(
            type: single.type, count: indices.count, validity: bitmap,
            storage: .dictionary(indices: zeros, dictionary: single))
    }
}
