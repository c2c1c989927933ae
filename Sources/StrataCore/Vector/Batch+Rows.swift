// Picking and slicing the rows of a whole batch, column by column.

extension Batch {
    /// The rows at `rows`, in that order, of every column (a negative index gives a row of NULLs).
    public func gather(_ rows: [Int32]) -> Batch {
        Batch(columns: columns.map { $0.gather(rows) }, count: rows.count)
    }

    /// Rows `range` of the batch.
    public func slice(_ range: Range<Int>) -> Batch {
        if range == 0..<count { return self }
        return gather(range.map { Int32($0) })
    }

    /// The rows of `batches`, one after another, as one batch with plain columns of `types`.
    public static func concatenate(_ batches: [Batch], types: [DataType]) -> Batch {
        let count = batches.reduce(0) { $0 + $1.count }
        let columns = types.enumerated().map { index, type in
            Column.concatenate(batches.map { $0.columns[index] }, type: type)
        }
        return Batch(columns: columns, count: count)
    }
}
