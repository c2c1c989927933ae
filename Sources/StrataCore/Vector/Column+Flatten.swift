// Turning dictionary and constant columns into plain ones, for consumers that only handle plain storage.

extension Column {
    /// This column with `.fixedWidth` or `.variableWidth` storage; plain columns are returned as they are.
    public func flattened() -> Column {
        switch storage {
        case .fixedWidth, .variableWidth:
            return self
        case .constant, .dictionary:
            // Row by row is fine here: flattening is the fallback, not the hot path; kernels that care
            // handle dictionary and constant storage directly.
            var builder = ColumnBuilder(type: type, capacity: count)
            for row in 0..<count { builder.append(value(at: row)) }
            return builder.finish()
        }
    }
}
