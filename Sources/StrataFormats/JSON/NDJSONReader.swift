// Reads JSON records (NDJSON, concatenated values, or one top-level array; plain, gzip or zstd) into batches
// of typed columns: infers the columns from a sample, then streams the file batch by batch — each record's
// members into a field table by key, then each column parsed in one loop. A key missing from a record is
// NULL; a malformed record, a value that does not fit, or a key not in the schema is an error naming file,
// line and column, or is handled as `on_error` says.
import StrataCore
import StrataStorage

public final class NDJSONReader {
    /// The columns, inferred or given.
    public let schema: Schema
    /// Whether records are objects whose members are the columns (else one column `json` per record).
    public let recordsAreObjects: Bool
    /// The file as messages name it.
    public let location: String
    public let options: JSONOptions

    /// Records left out under `on_error = 'skip'` (`ignore_errors`).
    public private(set) var skippedRowCount = 0
    /// Values read as NULL (or fields dropped) under `on_error = 'null'`.
    public private(set) var nulledValueCount = 0
    /// The first 1000 records skipped or values nulled, with why.
    public private(set) var rejects: [TextReject] = []

    private let specs: [TextColumnSpec]
    private let inferred: [Bool]
    private let keys = JSONKeyTable()
    private let stream: JSONRecordStream
    private let table: FieldTable
    private let converter: TextColumnConverter
    private var projection: [Int]
    /// Per column, the record that last set it: a key seen twice in one record is caught.
    @exclusivity(unchecked) private var lastSetRecord: [Int]
    @exclusivity(unchecked) private var recordNumber = 0
    private var rowsRead = 0
    private var finished = false

    public convenience init(store: any ObjectStore, key: String, options: JSONOptions = JSONOptions())
        throws(TextFormatError)
    {
        let source = try TextSource.load(store: store, key: key, requested: options.compression)
        try self.init(source: source, options: options)
    }

    /// Reads JSON text held in memory (stdin, tests); `name` is used in messages and for the compression.
    public convenience init(bytes: [UInt8], name: String, options: JSONOptions = JSONOptions()) throws(TextFormatError) {
        try self.init(source: TextSource(bytes: bytes, location: name, requested: options.compression), options: options)
    }

    init(source: TextSource, options: JSONOptions) throws(TextFormatError) {
        guard options.batchSize > 0 else {
            throw TextFormatError(.invalidOption, "batch size must be positive", file: source.location)
        }
        let inferredSchema = try JSONSchemaInference.infer(source, options: options)
        self.options = options
        location = source.location
        specs = inferredSchema.columns
        inferred = inferredSchema.inferred
        recordsAreObjects = inferredSchema.recordsAreObjects
        schema = Schema(specs.map { Field($0.name, $0.type) } + (options.lineNumberColumn.map { [Field($0, .bigint)] } ?? []))
        projection = Array(specs.indices)
        for key in inferredSchema.keys { keys.add(key) }
        lastSetRecord = Array(repeating: -1, count: specs.count)
        stream = try JSONRecordStream(source: source, options: options)
        table = FieldTable(columnCount: specs.count, rowCapacity: options.batchSize)
        converter = TextColumnConverter(settings: TextConversionSettings(nulls: .none))
    }

    /// Produce only these columns (indices into `schema`), in this order. Columns left out are not
    /// converted, so their bad values go unseen.
    public func select(columns: [Int]) throws(TextFormatError) {
        for index in columns where !schema.fields.indices.contains(index) {
            throw TextFormatError(.invalidOption, "no column \(index) in a file of \(specs.count) columns", file: location)
        }
        projection = columns
    }

    /// The next batch of at most `batchSize` rows, or nil after the last.
    public func nextBatch() throws(TextFormatError) -> Batch? {
        while !finished {
            try fill()
            if table.rowCount == 0 {
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

    // MARK: Records into the table

    /// Reads records into the table until it is full or the file ends. Rows filled: `table.rowCount`.
    private func fill() throws(TextFormatError) {
        let table = self.table
        let stream = self.stream
        let keys = self.keys
        table.rowCount = 0
        stream.beginBatch()
        let columns = table.columnCount
        while table.rowCount < table.rowCapacity {
            let next = try stream.next()
            let scan: JSONRecordScan
            let start: Int
            let line: Int
            switch next {
            case .end:
                return
            case .malformed(let error, let record):
                try handleRowError(error, record: record)
                continue
            case .record(let record, let recordStart, let recordLine):
                scan = record
                start = recordStart
                line = recordLine
            }
            let bytes = stream.windowBytes
            let origin = stream.origin
            if scan.end - origin > Int(Int32.max) {
                throw TextFormatError(.malformed, "a batch of records over 2 GiB", file: location, line: line)
            }
            let row = table.rowCount
            recordNumber += 1
            table.clearRow(row)
            table.rowStarts[row] = Int32(start - origin)
            table.rowEnds[row] = Int32(scan.end - origin)
            table.rowLines[row] = line
            let slots = row * columns
            if !recordsAreObjects {
                setSlot(slots, scan.rootType, scan.rootStart - origin, scan.rootEnd - origin, escaped: scan.rootEscaped)
                table.rowCount += 1
                continue
            }
            guard scan.rootType == .object else {
                let error = TextFormatError(
                    .malformed, "expected a JSON object, found \(Self.describe(scan.rootType))", file: location, line: line,
                    column: TextPosition.locate(bytes, recordStart: start, recordLine: line, offset: start).column)
                try handleRowError(error, record: TextPosition.recordText(bytes, from: start, to: scan.end))
                continue
            }
            var keep = true
            let scanner = stream.scanner
            for index in 0..<scanner.memberCount {
                let member = scanner.members[index]
                guard let column = keys.column(of: member, index: index, bytes: bytes) else {
                    // A key the schema does not have: fine when the columns were given, else the
                    // schema inferred from the sample missed it.
                    if options.columns != nil { continue }
                    let key = String(decoding: keys.keyBytes(member, bytes: bytes), as: UTF8.self)
                    keep = try handleMemberError(
                        .schema,
                        "field '\(key)' is not in the schema: it first appears after the \(options.sampleSize) sampled records; raise sample_size (-1 reads all records) or give columns",
                        member: member, start: start, line: line, scan: scan)
                    if !keep { break } else { continue }
                }
                if lastSetRecord[column] == recordNumber {
                    let key = String(decoding: keys.keyBytes(member, bytes: bytes), as: UTF8.self)
                    keep = try handleMemberError(
                        .malformed, "duplicate key '\(key)' in an object", member: member, start: start, line: line, scan: scan)
                    if !keep { break } else { continue }
                }
                lastSetRecord[column] = recordNumber
                setSlot(
                    slots + column, member.valueType, member.valueStart - origin, member.valueEnd - origin,
                    escaped: member.valueEscaped)
            }
            if keep { table.rowCount += 1 }
        }
    }

    @inline(__always)
    private func setSlot(_ slot: Int, _ type: JSONValueType, _ start: Int, _ end: Int, escaped: Bool) {
        table.starts[slot] = Int32(start)
        table.ends[slot] = Int32(end)
        switch type {
        case .null: table.kinds[slot] = FieldKind.missing
        case .string: table.kinds[slot] = escaped ? FieldKind.jsonEscaped : FieldKind.quoted
        default: table.kinds[slot] = FieldKind.plain
        }
    }

    /// A record that cannot be read: thrown, or skipped and noted (`.null` cannot mend a whole record).
    private func handleRowError(_ error: TextFormatError, record: String) throws(TextFormatError) {
        guard options.onError == .skip else { throw error }
        skippedRowCount += 1
        noteReject(TextReject(error: error, record: record, action: .skip))
    }

    /// A member that cannot be read. Returns whether the row is kept (the member dropped under `.null`).
    private func handleMemberError(
        _ code: TextFormatError.Code, _ message: String, member: JSONMember, start: Int, line: Int, scan: JSONRecordScan
    ) throws(TextFormatError) -> Bool {
        let bytes = stream.windowBytes
        let position = TextPosition.locate(bytes, recordStart: start, recordLine: line, offset: member.keyStart - 1)
        let error = TextFormatError(code, message, file: location, line: position.line, column: position.column)
        let record = TextPosition.recordText(bytes, from: start, to: scan.end)
        switch options.onError {
        case .fail:
            throw error
        case .null:
            nulledValueCount += 1
            noteReject(TextReject(error: error, record: record, action: .null))
            return true
        case .skip:
            skippedRowCount += 1
            noteReject(TextReject(error: error, record: record, action: .skip))
            return false
        }
    }

    // MARK: Table into columns

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
            let column = try converter.convert(table, column: index, base: base, spec: specs[index]) {
                (row, message) throws(TextFormatError) in
                let error = conversionError(row: row, column: index, message: message, base: base)
                let record = TextPosition.recordText(base, from: Int(table.rowStarts[row]), to: Int(table.rowEnds[row]))
                switch options.onError {
                case .fail:
                    throw error
                case .null:
                    nulledValueCount += 1
                    noteReject(TextReject(error: error, record: record, action: .null))
                case .skip:
                    if dropped == nil { dropped = Array(repeating: false, count: rows) }
                    if !dropped![row] {
                        dropped![row] = true
                        skippedRowCount += 1
                        noteReject(TextReject(error: error, record: record, action: .skip))
                    }
                }
            }
            columns.append(column)
        }
        guard let dropped else { return Batch(columns: columns, count: rows) }
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
            text += "; the type was inferred from the first \(options.sampleSize) records: give columns, or raise sample_size (-1 reads all records)"
        }
        return TextFormatError(.conversion, text, file: location, line: line, column: character, field: specs[column].name)
    }

    private func noteReject(_ reject: TextReject) {
        guard rejects.count < CSVReader.maximumRejectsKept else { return }
        rejects.append(reject)
    }

    private static func describe(_ type: JSONValueType) -> String {
        switch type {
        case .string: return "a string"
        case .number: return "a number"
        case .true, .false: return "a boolean"
        case .null: return "null"
        case .object: return "an object"
        case .array: return "an array"
        }
    }
}
