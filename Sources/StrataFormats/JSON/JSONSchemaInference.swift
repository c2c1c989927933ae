// The columns of a JSON file from a sample of its records, as DuckDB's `read_json` infers them: one column
// per key in order of first appearance; BOOLEAN, BIGINT (DECIMAL(38,0) past it, DOUBLE with any fraction),
// DATE/TIME/TIMESTAMP for strings that all are such, VARCHAR for other strings, for nested objects and
// arrays (kept as their JSON text) and for keys whose values mix kinds.
import StrataCore

struct JSONSchema {
    var columns: [TextColumnSpec]
    /// The JSON key of each column (names are deduplicated case-insensitively; keys are matched exactly).
    var keys: [String]
    /// Whether each column's type came from the sample.
    var inferred: [Bool]
    /// Whether records are objects whose members are the columns; else each record is one value,
    /// column `json`.
    var recordsAreObjects: Bool
}

/// The kinds of values one key had in the sample.
struct JSONTypeStats {
    var sawBoolean = false
    var sawNumber = false
    var sawString = false
    var sawNested = false
    var numbers: TypeCandidates
    var strings: TypeCandidates

    init(temporal: TemporalSettings, inferTemporal: Bool) {
        numbers = TypeCandidates(temporal: temporal, mask: TypeCandidates.bigint | TypeCandidates.hugeint | TypeCandidates.double)
        strings = TypeCandidates(temporal: temporal, mask: inferTemporal ? TypeCandidates.temporal : 0)
    }

    /// Notes a value; `text` is a number's text or a string's decoded content.
    mutating func observe(_ type: JSONValueType, text: @autoclosure () -> UnsafeRawBufferPointer, temporal: TemporalSettings) {
        switch type {
        case .null: break
        case .true, .false: sawBoolean = true
        case .object, .array: sawNested = true
        case .number:
            sawNumber = true
            if numbers.mask != 0 { numbers.observe(text(), temporal: temporal) }
        case .string:
            sawString = true
            if strings.mask != 0 { strings.observe(text(), temporal: temporal) } else { strings.sawValue = true }
        }
    }

    func resolved(temporal: TemporalSettings) -> (DataType, TemporalFormat?) {
        let kinds = (sawBoolean ? 1 : 0) + (sawNumber ? 1 : 0) + (sawString ? 1 : 0)
        if sawNested || kinds != 1 { return (.varchar, nil) }
        if sawBoolean { return (.boolean, nil) }
        if sawNumber { return (numbers.resolvedType, nil) }
        return (strings.resolvedType, strings.resolvedFormat(temporal: temporal))
    }
}

enum JSONSchemaInference {
    static func infer(_ source: TextSource, options: JSONOptions) throws(TextFormatError) -> JSONSchema {
        let temporal = TemporalSettings(
            decimalSeparator: UInt8(ascii: "."), dateFormat: options.dateformat, timestampFormat: options.timestampformat,
            detectFormats: true)
        // The line number column is the reader's own, not a key of the records.
        if let given = options.columns?.filter({ $0.name != options.lineNumberColumn }) {
            guard !given.isEmpty else {
                throw TextFormatError(.invalidOption, "columns must name at least one column", file: source.location)
            }
            for field in given where !TextColumnSpec.canRead(field.type) {
                throw TextFormatError(
                    .invalidOption, "column '\(field.name)' cannot be read from JSON as \(field.type.sqlName)",
                    file: source.location)
            }
            let specs = given.map { field in
                TextColumnSpec(
                    name: field.name, type: field.type,
                    format: field.type == .date ? options.dateformat : field.type == .timestamp ? options.timestampformat : nil)
            }
            let recordsAreObjects = options.records ?? true
            if !recordsAreObjects && specs.count != 1 {
                throw TextFormatError(.invalidOption, "records = false reads one column; columns names \(specs.count)", file: source.location)
            }
            return JSONSchema(
                columns: specs, keys: given.map(\.name), inferred: Array(repeating: false, count: specs.count),
                recordsAreObjects: recordsAreObjects)
        }

        let stream = try JSONRecordStream(source: source, options: options)
        let keys = JSONKeyTable()
        var stats: [JSONTypeStats] = []
        var rootStats = JSONTypeStats(temporal: temporal, inferTemporal: options.inferTemporalTypes)
        var objects = 0
        var others = 0
        var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        var scratchCapacity = 256
        defer { scratch.deallocate() }

        func decoded(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int, escaped: Bool) -> UnsafeRawBufferPointer {
            let raw = UnsafeRawBufferPointer(start: bytes + start, count: end - start)
            guard escaped else { return raw }
            if scratchCapacity < raw.count {
                scratch.deallocate()
                scratchCapacity = raw.count * 2
                scratch = .allocate(capacity: scratchCapacity)
            }
            return UnsafeRawBufferPointer(start: scratch, count: FieldUnescaping.unescapeJSON(raw, into: scratch))
        }

        let limit = options.sampleSize < 0 ? Int.max : max(options.sampleSize, 1)
        var sampled = 0
        sampling: while sampled < limit {
            stream.beginBatch()
            let next: JSONRecordStream.Next
            do throws(TextFormatError) {
                next = try stream.next()
            } catch where error.code == .malformed {
                // The reader reports it with its line (the sample ends here).
                break sampling
            }
            switch next {
            case .end:
                break sampling
            case .malformed:
                continue
            case .record(let scan, _, _):
                sampled += 1
                let bytes = stream.windowBytes
                if scan.rootType == .object {
                    objects += 1
                    let scanner = stream.scanner
                    for index in 0..<scanner.memberCount {
                        let member = scanner.members[index]
                        let (column, isNew) = keys.columnAdding(member, index: index, bytes: bytes)
                        if isNew { stats.append(JSONTypeStats(temporal: temporal, inferTemporal: options.inferTemporalTypes)) }
                        stats[column].observe(
                            member.valueType,
                            text: decoded(bytes, member.valueStart, member.valueEnd, escaped: member.valueEscaped),
                            temporal: temporal)
                    }
                } else {
                    others += 1
                    rootStats.observe(
                        scan.rootType, text: decoded(bytes, scan.rootStart, scan.rootEnd, escaped: scan.rootEscaped),
                        temporal: temporal)
                }
            }
        }

        // Without a single key there is nothing to make columns of: the records are read whole.
        let recordsAreObjects = keys.count > 0 && (options.records ?? (objects > 0))
        if !recordsAreObjects {
            // Each record is one value. When the records were objects, the column holds their JSON text.
            let (type, format) = objects > 0 ? (DataType.varchar, nil) : rootStats.resolved(temporal: temporal)
            return JSONSchema(
                columns: [TextColumnSpec(name: "json", type: type, format: format)], keys: ["json"], inferred: [true],
                recordsAreObjects: false)
        }
        let keyNames = keys.keys.map { String(decoding: $0, as: UTF8.self) }
        let names = ColumnNaming.uniqueNames(keyNames)
        var columns: [TextColumnSpec] = []
        for (index, name) in names.enumerated() {
            let (type, format) = stats[index].resolved(temporal: temporal)
            columns.append(TextColumnSpec(name: name, type: type, format: format))
        }
        return JSONSchema(
            columns: columns, keys: keyNames, inferred: Array(repeating: true, count: columns.count),
            recordsAreObjects: true)
    }
}
