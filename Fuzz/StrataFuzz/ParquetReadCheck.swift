// What both Parquet targets do with a file that opened: read every readable column of every row group in
// batches, touch the page indexes, bloom filters, dictionary pages and statistics as a scan would, then
// read the row groups again through row selections and page skipping. A failure anywhere must be a
// ParquetError naming the file; when the plain read succeeds, the selective reads must give the same values.
import StrataCore
import StrataFormats

enum ParquetReadCheck {
    static func run(_ file: ParquetFile, batchSize: Int) {
        let columns = file.schema.readableColumnIndices
        let chunks = file.metadata.rowGroups.indices.flatMap { rowGroup in columns.map { ChunkID(rowGroup: rowGroup, column: $0) } }
        // Footer-only work a scan does before reading data: statistics, page indexes, bloom filters.
        for chunk in chunks {
            let descriptor = file.schema.columns[chunk.column]
            let order = file.metadata.columnOrders.flatMap { chunk.column < $0.count ? $0[chunk.column] : nil }
            if let statistics = file.columnChunk(rowGroup: chunk.rowGroup, column: chunk.column).metaData?.statistics {
                _ = descriptor.bounds(statistics, order: order)
            }
        }
        let indexes = expectingParquetError(file) { () throws(ParquetError) in
            try file.readPageIndexes(columnIndexes: chunks, offsetIndexes: chunks)
        }
        for (chunk, index) in indexes?.columnIndexes ?? [:] {
            for page in index.nullPages.indices {
                _ = file.schema.columns[chunk.column].pageBounds(index, page: page, order: nil)
            }
        }
        _ = expectingParquetError(file) { () throws(ParquetError) in try file.readBloomFilters(chunks) }
        for rowGroup in file.metadata.rowGroups.indices {
            _ = expectingParquetError(file) { () throws(ParquetError) in try file.readDictionaryPages(rowGroup: rowGroup, columns: columns) }
        }

        // Everything, in order.
        var values = [[Value]](repeating: [], count: columns.count)
        let complete = expectingParquetError(file) { () throws(ParquetError) -> Bool in
            let reader = file.makeBatchReader(columns: columns, batchSize: batchSize)
            while let batch = try reader.next() {
                // A footer may claim billions of rows of nulls in a few bytes: reading them is work the
                // claim asks for, not a bug, so the check stops early (and compares nothing). Small
                // batches stop sooner, each costs a few allocations.
                guard values.first.map({ $0.count < min(1 << 22, batchSize * 4096) }) ?? true else { return false }
                precondition(batch.columns.count == columns.count, "a batch of \(batch.columns.count) columns for \(columns.count)")
                for (position, column) in batch.columns.enumerated() {
                    precondition(column.count == batch.count, "a column of \(column.count) values in a batch of \(batch.count) rows")
                    values[position] += column.values
                }
            }
            return true
        } ?? false
        var firstRow = 0
        for (rowGroup, group) in file.metadata.rowGroups.enumerated() {
            let rowCount = Int(group.numRows)
            if complete {
                for column in values {
                    precondition(column.count >= firstRow + rowCount, "row group \(rowGroup) read short of its \(rowCount) rows")
                }
            }
            readSelected(
                file, rowGroup: rowGroup, columns: columns, offsetIndexes: indexes, batchSize: batchSize,
                expected: complete ? values.map { Array($0[firstRow..<(firstRow + rowCount)]) } : nil)
            firstRow += rowCount
        }
        if complete {
            for column in values { precondition(column.count == firstRow, "\(column.count) values for \(firstRow) rows") }
        }
    }

    /// Reads one row group through a row selection (with the offset indexes, so whole pages are skipped)
    /// and through late materialization's row lists; compares with `expected` where it is known.
    static func readSelected(
        _ file: ParquetFile, rowGroup: Int, columns: [Int], offsetIndexes: PageIndexes?, batchSize: Int, expected: [[Value]]?
    ) {
        let rowCount = Int(file.metadata.rowGroups[rowGroup].numRows)
        guard rowCount > 0, rowCount <= min(1 << 20, batchSize * 4096) else { return }
        let step = max(1, rowCount / 5)
        let ranges = stride(from: 0, to: rowCount, by: 2 * step).map { $0..<min(rowCount, $0 + step) }
        let indexes = columns.map { offsetIndexes?.offsetIndexes[ChunkID(rowGroup: rowGroup, column: $0)] }
        _ = expectingParquetError(file) { () throws(ParquetError) -> Void in
            let reader = try file.readRowGroup(rowGroup, columns: columns, selection: RowSelection(ranges: ranges), offsetIndexes: indexes)
            while let batch = try reader.next(maxRows: batchSize) {
                guard let expected else { continue }
                for (position, column) in batch.columns.enumerated() {
                    for row in 0..<batch.count {
                        check(column.value(at: row), expected[position][reader.batchStart + row], "selected", rowGroup, reader.batchStart + row)
                    }
                }
            }
        }
        let rows = stride(from: 0, to: rowCount, by: 3).map { Int32($0) }
        _ = expectingParquetError(file) { () throws(ParquetError) -> Void in
            let reader = try file.readRowGroup(rowGroup, columns: columns)
            let batch = try reader.read(selected: rows)
            precondition(batch.count == rows.count, "\(batch.count) rows for \(rows.count) selected")
            guard let expected else { return }
            for (position, column) in batch.columns.enumerated() {
                for (index, row) in rows.enumerated() {
                    check(column.value(at: index), expected[position][Int(row)], "late-materialized", rowGroup, Int(row))
                }
            }
        }
    }

    static func check(_ value: Value, _ expected: Value, _ how: String, _ rowGroup: Int, _ row: Int) {
        // NaN is not equal to itself; the same NaN read twice is the same answer.
        if case .double(let a) = value, case .double(let b) = expected, a.isNaN, b.isNaN { return }
        if case .real(let a) = value, case .real(let b) = expected, a.isNaN, b.isNaN { return }
        precondition(value == expected, "row \(row) of row group \(rowGroup) read \(how) is \(value), read in full \(expected)")
    }

    /// The body's result, or nil after checking that the ParquetError it threw names the file.
    static func expectingParquetError<R>(_ file: ParquetFile, _ body: () throws(ParquetError) -> R) -> R? {
        do {
            return try body()
        } catch {
            precondition(error.file == file.location, "a ParquetError that does not name the file: \(error)")
            precondition(!error.message.isEmpty, "a ParquetError without a message")
            return nil
        }
    }
}
