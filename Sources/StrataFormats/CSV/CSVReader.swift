// Reads a CSV file (plain, gzip or zstd) into batches of typed columns: sniffs the dialect, header and types
// from a sample, then streams the file batch by batch — records into a field table, then each column
// parsed in one loop. Values that do not fit are errors naming file, line and column, or are read as
// NULL, or drop their row, as `on_error` says.
import StrataCore
import StrataStorage

public final class CSVReader {
    /// The columns, after detection and the options' overrides.
    public let schema: Schema
    /// How the file is written, as given or detected.
    public let dialect: CSVDialect
    /// The file as messages name it.
    public let location: String
    public let options: CSVOptions

    /// Rows left out under `on_error = 'skip'` (`ignore_errors`).
    public private(set) var skippedRowCount = 0
    /// Values read as NULL under `on_error = 'null'`.
    public private(set) var nulledValueCount = 0
    /// The first 1000 rows skipped or values nulled, with why: what a quarantine table keeps.
    public private(set) var rejects: [TextReject] = []
    public static let maximumRejectsKept = 1000

    private let specs: [TextColumnSpec]
    private let inferred: [Bool]
    private let stream: CSVRecordStream
    private let table: FieldTable
    private let converter: TextColumnConverter
    /// The columns `nextBatch` produces, by index into `schema`.
    private var projection: [Int]
    /// Data rows read so far (to tell a value past the sample from one in it).
    private var rowsRead = 0
    private var finished = false

    /// Opens `key` in `store` and detects what the options leave open.
    public convenience init(store: any ObjectStore, key: String, options: CSVOptions = CSVOptions())
        throws(TextFormatError)
    {
        let source = try TextSource.load(store: store, key: key, requested: options.compression)
        try self.init(source: source, options: options)
    }

    /// Reads CSV text held in memory (stdin, tests); `name` is used in messages and for the compression.
    public convenience init(bytes: [UInt8], name: String, options: CSVOptions = CSVOptions()) throws(TextFormatError) {
        try self.init(source: TextSource(bytes: bytes, location: name, requested: options.compression), options: options)
    }

    init(source: TextSource, options: CSVOptions) throws(TextFormatError) {
        guard options.batchSize > 0 else {
            throw TextFormatError(.invalidOption, "batch size must be positive", file: source.location)
        }
        let sniffed = try CSVSniffer.sniff(source, options: options)
        self.options = options
        location = source.location
        dialect = sniffed.dialect
        specs = sniffed.columns
        inferred = sniffed.inferred
        schema = Schema(specs.map { Field($0.name, $0.type) } + (options.lineNumberColumn.map { [Field($0, .bigint)] } ?? []))
        projection = Array(specs.indices)

        let quote = dialect.quote.map { UInt8($0.value) }
        let escape = dialect.escape.map { UInt8($0.value) }
        let tokenizer = CSVTokenizer(delimiter: UInt8(dialect.delimiter.value), quote: quote, escape: escape)
        stream = try CSVRecordStream(
            source: source, tokenizer: tokenizer, skipLines: dialect.skip, maxLineSize: options.maxLineSize,
            chunkSize: options.chunkSize)
        table = FieldTable(columnCount: specs.count, rowCapacity: options.batchSize)
        converter = TextColumnConverter(
            settings: TextConversionSettings(
                nulls: NullMatcher(nullStrings: options.nullstr, includesQuoted: options.allowQuotedNulls),
                decimalSeparator: UInt8(options.decimalSeparator.value), quote: quote ?? 0, escape: escape ?? quote ?? 0))
        if dialect.header {
            _ = try skipHeader()
        }
    }

    /// Produce only these columns (indices into `schema`), in this order; an empty list produces batches
    /// with a row count and no columns. Columns left out are not converted, so their bad values go unseen.
    public func select(columns: [Int]) throws(TextFormatError) {
        for index in columns where !schema.fields.indices.contains(index) {
            throw TextFormatError(.invalidOption, "no column \(index) in a file of \(specs.count) columns", file: location)
        }
        projection = columns
    }

    /// The next batch of at most `batchSize` rows, or nil after the last.
    public func nextBatch() throws(TextFormatError) -> Batch? {
        while !finished {
            try stream.fill(table, limit: options.batchSize, ragged: raggedRule) { error, record in
                noteReject(error, record: record, action: .skip)
                skippedRowCount += 1
            }
            if table.rowCount == 0 {
                // The stream fills until the batch is full or the text ends: no rows means the end.
                finished = true
                return nil
            }
            let batch = try convertBatch()
            rowsRead += table.rowCount
            if batch.count > 0 { return batch }
        }
        return nil
    }

    /// All remaining rows, batch by batch.
    public func readAll() throws(TextFormatError) -> [Batch] {
        var batches: [Batch] = []
        while let batch = try nextBatch() { batches.append(batch) }
        return batches
    }

    // MARK: Reading

    private var raggedRule: CSVRecordStream.RaggedRows {
        .enforce(nullPadding: options.nullPadding, onError: options.onError)
    }

    /// Reads past the header row. Its field count is not checked: a header with a trailing delimiter or a
    /// missing name still names the columns it has.
    private func skipHeader() throws(TextFormatError) -> Bool {
        let headerTable = FieldTable(columnCount: specs.count, rowCapacity: 1)
        try stream.fill(headerTable, limit: 1, ragged: .tolerate) { _, _ in }
        return headerTable.rowCount == 1
    }

    private func convertBatch() throws(TextFormatError) -> Batch {
        let rows = table.rowCount
        let base = stream.base
        var dropped: [Bool]? = nil
        var columns: [Column] = []
        columns.reserveCapacity(projection.count)
        for index in projection {
            if index == specs.count {
                columns.append(lineNumbers(rows))
                continue
            }
            let spec = specs[index]
            let column = try converter.convert(table, column: index, base: base, spec: spec) {
                (row, message) throws(TextFormatError) in
                let error = conversionError(row: row, column: index, message: message, base: base)
                switch options.onError {
                case .fail:
                    throw error
                case .null:
                    nulledValueCount += 1
                    noteReject(error, row: row, base: base, action: .null)
                case .skip:
                    if dropped == nil { dropped = Array(repeating: false, count: rows) }
                    if !dropped![row] {
                        dropped![row] = true
                        skippedRowCount += 1
                        noteReject(error, row: row, base: base, action: .skip)
                    }
                }
            }
            columns.append(column)
        }
        guard let dropped else { return Batch(columns: columns, count: rows) }
        // Some rows failed in some column: keep the others in every column.
        var kept: [Int32] = []
        kept.reserveCapacity(rows)
        for row in 0..<rows where !dropped[row] { kept.append(Int32(row)) }
        return Batch(columns: columns.map { $0.gather(kept) }, count: kept.count)
    }

    /// The line each row of the table starts on, as the `lineNumberColumn` column.
    private func lineNumbers(_ rows: Int) -> Column {
        let lines = UnsafeBufferPointer(start: table.rowLines, count: rows).map { Int64($0) }
        return Column(type: .bigint, count: rows, values: Buffer(lines))
    }

    private func conversionError(row: Int, column: Int, message: String, base: UnsafePointer<UInt8>) -> TextFormatError {
        let slot = row * table.columnCount + column
        let (line, character) = TextPosition.locate(
            base, recordStart: Int(table.rowStarts[row]), recordLine: table.rowLines[row],
            offset: Int(table.starts[slot]) - (table.kinds[slot] == FieldKind.plain ? 0 : 1))
        var text = message + " (column \(specs[column].name))"
        if inferred[column] && options.sampleSize >= 0 && rowsRead + row >= options.sampleSize {
            text += "; the type was inferred from the first \(options.sampleSize) rows: give the column's type in `types`, raise sample_size (-1 reads all rows), or set all_varchar"
        }
        return TextFormatError(.conversion, text, file: location, line: line, column: character, field: specs[column].name)
    }

    private func noteReject(_ error: TextFormatError, row: Int, base: UnsafePointer<UInt8>, action: TextErrorMode) {
        guard rejects.count < Self.maximumRejectsKept else { return }
        let record = TextPosition.recordText(base, from: Int(table.rowStarts[row]), to: Int(table.rowEnds[row]))
        rejects.append(TextReject(error: error, record: record, action: action))
    }

    private func noteReject(_ error: TextFormatError, record: String, action: TextErrorMode) {
        guard rejects.count < Self.maximumRejectsKept else { return }
        rejects.append(TextReject(error: error, record: record, action: action))
    }
}
