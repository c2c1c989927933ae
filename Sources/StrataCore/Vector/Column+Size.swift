// How much memory rows take, for the statement's memory budget: what an operator holding them keeps alive.

extension Column {
    /// Bytes these rows take: their values, offsets and validity. A dictionary shared by many batches
    /// counts in proportion to the rows that use it, so holding every batch of a row group counts the
    /// dictionary about once.
    public var memoryBytes: Int {
        let validityBytes = validity == nil ? 0 : (count + 7) / 8
        switch storage {
        case .fixedWidth:
            return count * (type.byteWidth ?? 0) + validityBytes
        case .variableWidth(let offsets, _):
            guard count > 0 else { return 8 }
            let offsetValues = offsets.baseAddress.assumingMemoryBound(to: Int64.self)
            return (count + 1) * 8 + Int(offsetValues[count] - offsetValues[0]) + validityBytes
        case .dictionary(_, let dictionary):
            guard dictionary.count > 0 else { return count * 4 + validityBytes }
            let perEntry = Double(dictionary.memoryBytes) / Double(dictionary.count)
            return count * 4 + Int(min(Double(dictionary.memoryBytes), perEntry * Double(count))) + validityBytes
        case .constant(let single):
            return single.memoryBytes
        }
    }
}

extension Batch {
    /// Bytes the rows of every column take (`Column.memoryBytes`).
    public var memoryBytes: Int { columns.reduce(0) { $0 + $1.memoryBytes } }
}
