// A CSV or NDJSON output file, streamed to the store in large pieces and published on close. Values are
// spelled as the output contract says (the same formatter as `strata query --format csv`).
import StrataCore
import StrataStorage

final class TextFileSink: FileSink {
    private let output: any ObjectWriter
    private let schema: Schema
    private let format: WriteFormat
    private var pending: [UInt8] = []
    private var written = 0
    private var rows = 0
    private var nullCounts: [Int]
    private var open = true

    init(store: any ObjectStore, key: String, schema: Schema, format: WriteFormat) throws {
        self.schema = schema
        self.format = format
        nullCounts = Array(repeating: 0, count: schema.count)
        output = try store.makeWriter(key)
        if case .csv(let delimiter, true) = format {
            pending += Array((schema.names.map { CSVText.quoted($0, delimiter: delimiter) }.joined(separator: String(delimiter)) + "\n").utf8)
        }
    }

    deinit {
        if open { output.abort() }
    }

    var bufferedBytes: Int { pending.count }
    var bytesWritten: Int { written }
    var estimatedFileBytes: Int { written + pending.count }

    func write(_ batch: Batch) throws {
        for (index, column) in batch.columns.enumerated() { nullCounts[index] += column.nullCount }
        let types = schema.fields.map(\.type)
        var text = ""
        for row in 0..<batch.count {
            switch format {
            case .csv(let delimiter, _):
                for (index, column) in batch.columns.enumerated() {
                    if index > 0 { text.unicodeScalars.append(delimiter) }
                    if let value = ValueFormatter.text(column.value(at: row), type: types[index]) {
                        text += CSVText.quoted(value, delimiter: delimiter)
                    }
                }
            case .json, .parquet:
                text += "{"
                for (index, column) in batch.columns.enumerated() {
                    if index > 0 { text += "," }
                    text += JSONText.quoted(schema.fields[index].name) + ":" + ValueFormatter.json(column.value(at: row), type: types[index])
                }
                text += "}"
            }
            text += "\n"
        }
        rows += batch.count
        pending += Array(text.utf8)
        if pending.count >= 1 << 20 { try flush() }
    }


    func flush() throws {
        guard !pending.isEmpty else { return }
        try output.write(bytes: pending)
        written += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    func close() throws -> (rows: Int, bytes: Int, nullCounts: [Int]) {
        try flush()
        open = false
        try output.finish()
        return (rows, written, nullCounts)
    }

    func abort() {
        guard open else { return }
        open = false
        output.abort()
    }
}
