// A Parquet output file. Rows stream into the Parquet writer, which buffers one row group of encoded
// pages. With sort keys (`sorted_by`), rows are first gathered raw up to a row group, sorted, and then
// written as one row group: Parquet's sort order is declared per row group, so every row group is sorted
// and memory stays bounded however large the file.
import StrataCore
import StrataExecution
import StrataFormats
import StrataPlanner
import StrataStorage

final class ParquetFileSink: FileSink {
    private let writer: ParquetWriter
    private let schema: Schema
    private let sortKeys: [SortKey]
    private let context: ExecutionContext
    private var pending: [Batch] = []
    private var pendingBytes = 0
    private var nullCounts: [Int]

    init(store: any ObjectStore, key: String, schema: Schema, options: ParquetWriterOptions, context: ExecutionContext) throws {
        self.schema = schema
        self.context = context
        sortKeys = options.sortedBy.compactMap { key in
            guard let index = schema.fields.firstIndex(where: { $0.name == key.column }) else { return nil }
            return SortKey(.column(index, schema.fields[index].type), ascending: !key.descending, nullsFirst: key.nullsFirst)
        }
        nullCounts = Array(repeating: 0, count: schema.count)
        writer = try ParquetWriter(store: store, key: key, schema: schema, options: options)
    }

    var bufferedBytes: Int { writer.bufferedBytes + pendingBytes }
    var bytesWritten: Int { writer.bytesWritten }
    var estimatedFileBytes: Int { writer.estimatedFileBytes + pendingBytes }

    func write(_ batch: Batch) throws {
        for (index, column) in batch.columns.enumerated() { nullCounts[index] += column.nullCount }
        guard !sortKeys.isEmpty else {
            try writer.write(batch)
            return
        }
        pending.append(batch)
        pendingBytes += batch.estimatedBytes
        if pendingBytes >= writer.options.rowGroupSize { try flush() }
    }

    func flush() throws {
        if !pending.isEmpty {
            let source = try BatchSourceOperator(types: schema.fields.map(\.type), batches: pending)
            pending = []
            pendingBytes = 0
            let sorted = SortOperator(child: source, keys: sortKeys, context: context)
            while let batch = try sorted.next() { try writer.write(batch) }
            sorted.close()
        }
        try writer.flushRowGroup()
    }

    func close() throws -> (rows: Int, bytes: Int, nullCounts: [Int]) {
        if !pending.isEmpty { try flush() }
        let result = try writer.close()
        return (result.rowCount, result.fileSize, nullCounts)
    }

    func abort() {
        pending = []
        writer.abort()
    }
}
