// Turning dictionary and constant columns into plain ones, for consumers that only handle plain storage,
// and joining columns end to end.

extension Column {
    /// This column with `.fixedWidth` or `.variableWidth` storage; plain columns are returned as they are.
    public func flattened() -> Column {
        switch storage {
        case .fixedWidth, .variableWidth:
            return self
        case .constant(let single):
            let plain = single.flattened()
            let zeros = [Int32](repeating: 0, count: count)
            return plain.gather(zeros)
        case .dictionary(let indices, let dictionary):
            let plain = dictionary.flattened()
            // Null rows carry an arbitrary index; turning them into -1 makes gather produce NULL there.
            var rows = Array(UnsafeBufferPointer(start: indices.baseAddress.assumingMemoryBound(to: Int32.self), count: count))
            if let validity {
                for row in 0..<count where !validity.isSet(row) { rows[row] = -1 }
            }
            return plain.gather(rows)
        }
    }

    /// The rows of `columns`, one after another, as one plain column of `type`.
    public static func concatenate(_ columns: [Column], type: DataType) -> Column {
        if columns.count == 1 { return columns[0].flattened() }
        let plain = columns.map { $0.flattened() }
        let total = plain.reduce(0) { $0 + $1.count }
        let anyNulls = plain.contains { $0.validity != nil }
        var validity: Bitmap?
        if anyNulls {
            let bitmap = Bitmap(count: total, allSet: true)
            var row = 0
            for column in plain {
                if column.validity != nil {
                    for index in 0..<column.count where column.isNull(index) { bitmap.clear(row + index) }
                }
                row += column.count
            }
            validity = bitmap
        }
        if let width = type.byteWidth {
            let values = Buffer(capacity: total * width)
            for column in plain {
                guard case .fixedWidth(let buffer) = column.storage else { continue }
                values.append(contentsOf: UnsafeRawBufferPointer(start: buffer.baseAddress, count: column.count * width))
            }
            return Column(type: type, count: total, values: values, validity: validity)
        }
        let offsets = Buffer(capacity: (total + 1) * 8)
        offsets.append(Int64(0))
        let bytes = Buffer()
        for column in plain {
            guard case .variableWidth(let sourceOffsets, let sourceBytes) = column.storage else { continue }
            let from = sourceOffsets.baseAddress.assumingMemoryBound(to: Int64.self)
            let base = Int64(bytes.count) - from[0]
            for row in 0..<column.count { offsets.append(from[row + 1] + base) }
            let start = Int(from[0])
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: sourceBytes.baseAddress + start, count: Int(from[column.count]) - start))
        }
        return Column(type: type, count: total, offsets: offsets, bytes: bytes, validity: validity)
    }
}
