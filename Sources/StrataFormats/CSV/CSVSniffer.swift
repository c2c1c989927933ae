// Detects how a CSV file is written and what it holds, from its first rows, the way DuckDB's sniffer does:
// the delimiter (the candidate giving the most rows with the first row's field count, more than one),
// whether the first row is a header, and each column's type (the narrowest all sampled values fit).
import StrataCore

struct CSVSniffResult {
    var dialect: CSVDialect
    var columns: [TextColumnSpec]
    /// Whether each column's type came from the sample (so a later value may not fit it).
    var inferred: [Bool]
}

enum CSVSniffer {
    /// DuckDB's candidates, in its order.
    static let delimiterCandidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: ";"), 0x09]
    /// Records read per candidate delimiter.
    static let dialectSampleRecords = 1000

    static func sniff(_ source: TextSource, options: CSVOptions) throws(TextFormatError) -> CSVSniffResult {
        let bytes: (delimiter: UInt8?, quote: UInt8?, escape: UInt8?, decimal: UInt8)
        do throws(TextFormatError) {
            bytes = try options.dialectBytes()
        } catch {
            throw error.located(file: source.location)
        }
        var delimiter = bytes.delimiter ?? 0
        if bytes.delimiter == nil {
            delimiter = try detectDelimiter(
                source, options: options, quote: bytes.quote, escape: bytes.escape, decimal: bytes.decimal)
        }
        let tokenizer = CSVTokenizer(delimiter: delimiter, quote: bytes.quote, escape: bytes.escape)
        let fieldCount = try CSVRecordStream(
            source: source, tokenizer: tokenizer, skipLines: options.skip, maxLineSize: options.maxLineSize,
            chunkSize: options.chunkSize
        ).fieldCounts(limit: 1).first ?? 0

        let temporal = TemporalSettings(
            decimalSeparator: bytes.decimal, dateFormat: options.dateformat, timestampFormat: options.timestampformat,
            detectFormats: true)
        let sample = try sampleColumns(
            source, tokenizer: tokenizer, columnCount: fieldCount, options: options, temporal: temporal,
            quote: bytes.quote ?? 0, escape: bytes.escape ?? bytes.quote ?? 0)

        let header = options.header ?? detectHeader(sample, temporal: temporal)
        let dialect = CSVDialect(
            delimiter: Unicode.Scalar(delimiter), quote: bytes.quote.map { Unicode.Scalar($0) },
            escape: (bytes.escape ?? bytes.quote).map { Unicode.Scalar($0) }, header: header, skip: options.skip)
        do throws(TextFormatError) {
            let (columns, inferred) = try describeColumns(sample, header: header, options: options, temporal: temporal)
            return CSVSniffResult(dialect: dialect, columns: columns, inferred: inferred)
        } catch {
            throw error.located(file: source.location)
        }
    }

    // MARK: Delimiter

    private static func detectDelimiter(
        _ source: TextSource, options: CSVOptions, quote: UInt8?, escape: UInt8?, decimal: UInt8
    ) throws(TextFormatError) -> UInt8 {
        var best: (delimiter: UInt8, score: Int, columns: Int)? = nil
        let limit = options.sampleSize < 0 ? dialectSampleRecords : min(dialectSampleRecords, options.sampleSize + 1)
        for candidate in delimiterCandidates where candidate != quote && candidate != escape && candidate != decimal {
            let stream = try CSVRecordStream(
                source: source, tokenizer: CSVTokenizer(delimiter: candidate, quote: quote, escape: escape),
                skipLines: options.skip, maxLineSize: options.maxLineSize, chunkSize: options.chunkSize)
            let counts = try stream.fieldCounts(limit: max(limit, 1))
            guard let first = counts.first, first > 1 else { continue }
            let score = counts.reduce(0) { $0 + ($1 == first ? 1 : 0) }
            if let current = best, score < current.score || (score == current.score && first <= current.columns) {
                continue
            }
            best = (candidate, score, first)
        }
        return best?.delimiter ?? UInt8(ascii: ",")
    }

    // MARK: Sample

    /// What the sample says about each column.
    struct Sample {
        var columnCount: Int
        /// The first row's values (nil for NULL), decoded; nil when the file has no rows.
        var firstRow: [[UInt8]?]?
        /// Candidates from the rows after the first.
        var rest: [TypeCandidates]
        /// Candidates from the first row alone.
        var first: [TypeCandidates]
        var restRowCount: Int
    }

    private static func sampleColumns(
        _ source: TextSource, tokenizer: CSVTokenizer, columnCount: Int, options: CSVOptions,
        temporal: TemporalSettings, quote: UInt8, escape: UInt8
    ) throws(TextFormatError) -> Sample {
        var sample = Sample(
            columnCount: columnCount, firstRow: nil,
            rest: Array(repeating: TypeCandidates(temporal: temporal), count: columnCount),
            first: Array(repeating: TypeCandidates(temporal: temporal), count: columnCount), restRowCount: 0)
        guard columnCount > 0 else { return sample }
        let stream = try CSVRecordStream(
            source: source, tokenizer: tokenizer, skipLines: options.skip, maxLineSize: options.maxLineSize,
            chunkSize: options.chunkSize)
        let rowLimit = options.sampleSize < 0 ? Int.max : options.sampleSize + 1
        let table = FieldTable(columnCount: columnCount, rowCapacity: min(2048, max(rowLimit, 1)))
        let nulls = NullMatcher(nullStrings: options.nullstr, includesQuoted: options.allowQuotedNulls)
        var scratch = [UInt8](repeating: 0, count: 256)
        var rowsSeen = 0
        var sampleEnds = false
        while rowsSeen < rowLimit && !sampleEnds {
            do throws(TextFormatError) {
                try stream.fill(table, limit: rowLimit - rowsSeen, ragged: .tolerate) { _, _ in }
            } catch where error.code == .malformed {
                // Malformed text is the reader's to report (or skip), with its line; the sample ends
                // with the rows before it.
                sampleEnds = true
            }
            if table.rowCount == 0 { break }
            let base = stream.base
            for row in 0..<table.rowCount {
                let isFirst = rowsSeen == 0 && row == 0
                var firstValues: [[UInt8]?] = []
                for column in 0..<columnCount {
                    let slot = row * columnCount + column
                    let kind = table.kinds[slot]
                    let raw = UnsafeRawBufferPointer(
                        start: base + Int(table.starts[slot]), count: Int(table.ends[slot] - table.starts[slot]))
                    if nulls.isNull(kind: kind, raw) {
                        if isFirst { firstValues.append(nil) }
                        continue
                    }
                    if kind == FieldKind.csvEscaped && scratch.count < raw.count { scratch = [UInt8](repeating: 0, count: raw.count) }
                    scratch.withUnsafeMutableBufferPointer { buffer in
                        var text = raw
                        if kind == FieldKind.csvEscaped {
                            let length = FieldUnescaping.unescapeCSV(raw, quote: quote, escape: escape, into: buffer.baseAddress!)
                            text = UnsafeRawBufferPointer(start: buffer.baseAddress!, count: length)
                        }
                        if isFirst {
                            firstValues.append(Array(text))
                            sample.first[column].observe(text, temporal: temporal)
                        } else if sample.rest[column].mask != 0 || !sample.rest[column].sawValue {
                            sample.rest[column].observe(text, temporal: temporal)
                        }
                    }
                }
                if isFirst { sample.firstRow = firstValues }
            }
            rowsSeen += table.rowCount
            if stream.isAtEnd { break }
        }
        sample.restRowCount = max(rowsSeen - 1, 0)
        return sample
    }

    // MARK: Header

    /// DuckDB's rule: the first row is a header when one of its values does not fit the type the rows
    /// below have, or when every column below is text (a header of names over text looks like text).
    /// A file of one row has a header when every value in it is a non-empty word.
    static func detectHeader(_ sample: Sample, temporal: TemporalSettings) -> Bool {
        guard let firstRow = sample.firstRow else { return false }
        if sample.restRowCount == 0 {
            return (0..<sample.columnCount).allSatisfy { column in
                firstRow[column] != nil && sample.first[column].resolvedType == .varchar
            }
        }
        var allText = true
        for column in 0..<sample.columnCount {
            let type = sample.rest[column].resolvedType
            guard type != .varchar else { continue }
            allText = false
            // The first row's value against the rest's candidates, with its formats too.
            if firstRow[column] != nil {
                let merged = sample.rest[column].mask & sample.first[column].mask
                if merged & bit(of: type) == 0 { return true }
            }
        }
        return allText
    }

    private static func bit(of type: DataType) -> UInt8 {
        switch type {
        case .boolean: return TypeCandidates.boolean
        case .bigint: return TypeCandidates.bigint
        case .decimal: return TypeCandidates.hugeint
        case .double: return TypeCandidates.double
        case .time: return TypeCandidates.time
        case .date: return TypeCandidates.date
        case .timestamp: return TypeCandidates.timestamp
        default: return 0
        }
    }

    // MARK: Columns

    private static func describeColumns(
        _ sample: Sample, header: Bool, options: CSVOptions, temporal: TemporalSettings
    ) throws(TextFormatError) -> ([TextColumnSpec], [Bool]) {
        if let given = options.columns {
            guard !given.isEmpty else { throw TextFormatError(.invalidOption, "columns must name at least one column") }
            var specs: [TextColumnSpec] = []
            for field in given {
                try checkReadable(field.type, column: field.name)
                specs.append(TextColumnSpec(name: field.name, type: field.type, format: format(for: field.type, options)))
            }
            return (specs, Array(repeating: false, count: specs.count))
        }
        let count = sample.columnCount
        if count == 0 {
            // An empty file: DuckDB's single text column, no rows.
            return ([TextColumnSpec(name: "column0", type: .varchar, format: nil)], [false])
        }
        var rawNames: [String?] = Array(repeating: nil, count: count)
        if header, let firstRow = sample.firstRow {
            for column in 0..<count {
                rawNames[column] = firstRow[column].map { String(decoding: $0, as: UTF8.self) }
            }
        }
        if let names = options.names {
            guard names.count <= count else {
                throw TextFormatError(.invalidOption, "names gives \(names.count) names but the file has \(count) columns")
            }
            for (index, name) in names.enumerated() { rawNames[index] = name }
        }
        let names = ColumnNaming.uniqueNames(rawNames)
        var specs: [TextColumnSpec] = []
        var inferred: [Bool] = []
        for column in 0..<count {
            var candidates = sample.rest[column]
            if !header {
                // The first row is data too.
                candidates.mask &= sample.first[column].mask
                candidates.dateFormats &= sample.first[column].dateFormats
                candidates.timestampFormats &= sample.first[column].timestampFormats
                candidates.sawValue = candidates.sawValue || sample.first[column].sawValue
            }
            if options.allVarchar {
                specs.append(TextColumnSpec(name: names[column], type: .varchar, format: nil))
                inferred.append(false)
            } else {
                specs.append(
                    TextColumnSpec(
                        name: names[column], type: candidates.resolvedType,
                        format: candidates.resolvedFormat(temporal: temporal)))
                inferred.append(true)
            }
        }
        guard options.typesByPosition.count <= count else {
            throw TextFormatError(
                .invalidOption, "types gives \(options.typesByPosition.count) types but the file has \(count) columns")
        }
        for (index, type) in options.typesByPosition.enumerated() {
            try checkReadable(type, column: specs[index].name)
            specs[index].type = type
            specs[index].format = format(for: type, options)
            inferred[index] = false
        }
        let schema = Schema(specs.map { Field($0.name, $0.type) })
        for (name, type) in options.tableTypes.sorted(by: { $0.key < $1.key }) where options.types[name] == nil {
            guard let index = schema.index(of: name) else { continue }
            try checkReadable(type, column: name)
            specs[index].type = type
            specs[index].format = format(for: type, options)
            inferred[index] = false
        }
        for (name, type) in options.types.sorted(by: { $0.key < $1.key }) {
            guard let index = schema.index(of: name) else {
                throw TextFormatError(
                    .invalidOption, "types names column '\(name)', which the file does not have (it has \(schema.names.joined(separator: ", ")))")
            }
            try checkReadable(type, column: name)
            specs[index].type = type
            specs[index].format = format(for: type, options)
            inferred[index] = false
        }
        return (specs, inferred)
    }

    private static func format(for type: DataType, _ options: CSVOptions) -> TemporalFormat? {
        switch type {
        case .date: return options.dateformat
        case .timestamp: return options.timestampformat
        default: return nil
        }
    }

    static func checkReadable(_ type: DataType, column: String) throws(TextFormatError) {
        guard TextColumnSpec.canRead(type) else {
            throw TextFormatError(.invalidOption, "column '\(column)' cannot be read from text as \(type.sqlName)")
        }
    }
}
