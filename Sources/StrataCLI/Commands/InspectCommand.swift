// `strata inspect FILE`: what a Parquet file holds, from its footer alone: schema (physical, logical and
// engine types, repetition), key-value metadata, row groups and, per column chunk, codec, encodings,
// sizes, statistics, and whether it has a page index and a bloom filter.
import ArgumentParser
import StrataCore
import StrataFormats

public struct InspectCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Describe a Parquet file: schema, row groups, column chunks.",
        discussion: """
            Examples:
              strata inspect lake/silver/events/event_date=2024-03-01/part-0.parquet
              strata inspect --format json part-0.parquet | jq '.row_groups | length'
            """)

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case text, json
    }

    @Argument(help: "The Parquet file.", completion: .file(extensions: ["parquet"]))
    var file: String

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    public init() {}

    public func run() throws {
        try CommandFailure.reporting {
            let parquet = try ParquetFile.open(path: file)
            var output = OutputWriter()
            output.write(format == .json ? FileDescription.json(parquet) + "\n" : FileDescription.text(parquet))
            output.flush()
        }
    }
}

/// The description `inspect` prints, as text or JSON.
enum FileDescription {
    // MARK: Text

    static func text(_ file: ParquetFile) -> String {
        let metadata = file.metadata
        var lines: [String] = []
        lines.append("file: \(file.location)")
        lines.append("size: \(file.size) bytes (footer \(file.footerLength) bytes)")
        lines.append("created by: \(metadata.createdBy ?? "unknown")")
        lines.append("format version: \(metadata.version)")
        lines.append("rows: \(metadata.numRows) in \(metadata.rowGroups.count) row group\(metadata.rowGroups.count == 1 ? "" : "s")")
        lines.append("")
        lines.append("schema:")
        var leaf = 0
        for (depth, element) in schemaTree(metadata.schema) where depth > 0 {
            var parts = [String(repeating: "  ", count: depth) + element.name]
            if let type = element.type {
                parts.append(type == .fixedLenByteArray ? "FIXED_LEN_BYTE_ARRAY(\(element.typeLength ?? 0))" : type.name)
            } else {
                parts.append("group")
            }
            parts.append((element.repetition ?? .required).name)
            if let logical = element.logicalType { parts.append("logical \(logical.description)") }
            if let converted = element.convertedType { parts.append("converted \(converted.name)") }
            if element.convertedType == .decimal, element.logicalType == nil {
                parts.append("precision \(element.precision ?? 0) scale \(element.scale ?? 0)")
            }
            if let id = element.fieldID { parts.append("field id \(id)") }
            if element.type != nil, leaf < file.schema.columns.count {
                let column = file.schema.columns[leaf]
                parts.append(column.dataType.map { "→ \($0.sqlName)" } ?? "→ not readable: \(column.unsupportedReason ?? "")")
                leaf += 1
            }
            lines.append(parts.joined(separator: "  "))
        }
        if let keyValues = metadata.keyValueMetadata, !keyValues.isEmpty {
            lines.append("")
            lines.append("key-value metadata:")
            for entry in keyValues {
                lines.append("  \(entry.key): \(abbreviated(entry.value ?? "", 100))")
            }
        }
        for (index, group) in metadata.rowGroups.enumerated() {
            lines.append("")
            var header = "row group \(index): \(group.numRows) rows, \(group.totalCompressedSize.map { "\($0) bytes compressed, " } ?? "")\(group.totalByteSize) bytes uncompressed"
            if let sorting = group.sortingColumns, !sorting.isEmpty {
                header += ", sorted by " + sorting.map { file.schema.columns[safe: Int($0.columnIndex)]?.name ?? "#\($0.columnIndex)" }
                    .joined(separator: ", ")
            }
            lines.append(header)
            for (columnIndex, chunk) in group.columns.enumerated() {
                let column = file.schema.columns[columnIndex]
                lines.append("  \(column.name):")
                guard let meta = chunk.metaData else {
                    lines.append("    (no column metadata)")
                    continue
                }
                lines.append("    codec \(meta.codec.name), encodings \(meta.encodings.map(\.name).joined(separator: ","))")
                lines.append("    \(meta.numValues) values, \(meta.totalCompressedSize) bytes compressed, \(meta.totalUncompressedSize) uncompressed")
                var offsets = "    data page at \(meta.dataPageOffset)"
                if let dictionary = meta.dictionaryPageOffset { offsets += ", dictionary page at \(dictionary)" }
                lines.append(offsets)
                if let statistics = meta.statistics {
                    lines.append("    statistics: " + statisticsText(statistics, column: column))
                } else {
                    lines.append("    statistics: none")
                }
                let pageIndex = [
                    chunk.columnIndexOffset.map { "column index at \($0) (\(chunk.columnIndexLength ?? 0) bytes)" },
                    chunk.offsetIndexOffset.map { "offset index at \($0) (\(chunk.offsetIndexLength ?? 0) bytes)" },
                ].compactMap { $0 }
                lines.append("    page index: " + (pageIndex.isEmpty ? "none" : pageIndex.joined(separator: ", ")))
                if let bloom = meta.bloomFilterOffset {
                    lines.append("    bloom filter: at \(bloom)" + (meta.bloomFilterLength.map { " (\($0) bytes)" } ?? ""))
                } else {
                    lines.append("    bloom filter: none")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func statisticsText(_ statistics: Statistics, column: ColumnDescriptor) -> String {
        var parts: [String] = []
        if let minimum = statistics.minValue {
            parts.append("min \(valueText(minimum, column))" + (statistics.isMinValueExact == false ? " (inexact)" : ""))
        }
        if let maximum = statistics.maxValue {
            parts.append("max \(valueText(maximum, column))" + (statistics.isMaxValueExact == false ? " (inexact)" : ""))
        }
        if statistics.minValue == nil, let minimum = statistics.min { parts.append("min (deprecated) \(valueText(minimum, column))") }
        if statistics.maxValue == nil, let maximum = statistics.max { parts.append("max (deprecated) \(valueText(maximum, column))") }
        if let nulls = statistics.nullCount { parts.append("nulls \(nulls)") }
        if let distinct = statistics.distinctCount { parts.append("distinct \(distinct)") }
        if let nans = statistics.nanCount { parts.append("NaNs \(nans)") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    private static func valueText(_ bytes: [UInt8], _ column: ColumnDescriptor) -> String {
        guard let value = column.statisticValue(bytes), let type = column.dataType else {
            return "0x" + bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
        let text = abbreviated(ValueFormatter.text(value, type: type) ?? "NULL", 60)
        return type.isVariableWidth ? JSONText.quoted(text) : text
    }

    // MARK: JSON

    static func json(_ file: ParquetFile) -> String {
        let metadata = file.metadata
        var leaf = 0
        let schema = schemaTree(metadata.schema).compactMap { depth, element -> String? in
            guard depth > 0 else { return nil }
            var members: [(String, String)] = [
                ("name", JSONText.quoted(element.name)), ("depth", String(depth)),
                ("repetition", JSONText.quoted((element.repetition ?? .required).name)),
            ]
            if let type = element.type {
                members.append(("physical_type", JSONText.quoted(type.name)))
                if let length = element.typeLength { members.append(("type_length", String(length))) }
            } else {
                members.append(("children", String(element.numChildren ?? 0)))
            }
            members.append(("logical_type", element.logicalType.map { JSONText.quoted($0.description) } ?? "null"))
            members.append(("converted_type", element.convertedType.map { JSONText.quoted($0.name) } ?? "null"))
            if let precision = element.precision { members.append(("precision", String(precision))) }
            if let scale = element.scale { members.append(("scale", String(scale))) }
            if let id = element.fieldID { members.append(("field_id", String(id))) }
            if element.type != nil, leaf < file.schema.columns.count {
                let column = file.schema.columns[leaf]
                members.append(("path", JSONText.quoted(column.name)))
                members.append(("engine_type", column.dataType.map { JSONText.quoted($0.sqlName) } ?? "null"))
                if let reason = column.unsupportedReason { members.append(("unsupported", JSONText.quoted(reason))) }
                leaf += 1
            }
            return object(members)
        }
        let keyValues = (metadata.keyValueMetadata ?? []).map { entry in
            object([("key", JSONText.quoted(entry.key)), ("value", entry.value.map(JSONText.quoted) ?? "null")])
        }
        let rowGroups = metadata.rowGroups.enumerated().map { index, group in
            object([
                ("index", String(index)), ("rows", String(group.numRows)), ("total_byte_size", String(group.totalByteSize)),
                ("total_compressed_size", group.totalCompressedSize.map { String($0) } ?? "null"),
                ("columns", array(group.columns.enumerated().map { columnIndex, chunk in
                    chunkJSON(chunk, column: file.schema.columns[columnIndex])
                })),
            ])
        }
        return object([
            ("file", JSONText.quoted(file.location)), ("size", String(file.size)), ("footer_length", String(file.footerLength)),
            ("created_by", metadata.createdBy.map(JSONText.quoted) ?? "null"), ("version", String(metadata.version)),
            ("rows", String(metadata.numRows)), ("schema", array(schema)), ("key_value_metadata", array(keyValues)),
            ("row_groups", array(rowGroups)),
        ])
    }

    private static func chunkJSON(_ chunk: ColumnChunk, column: ColumnDescriptor) -> String {
        var members: [(String, String)] = [("path", JSONText.quoted(column.name))]
        guard let meta = chunk.metaData else {
            members.append(("metadata", "null"))
            return object(members)
        }
        members += [
            ("physical_type", JSONText.quoted(meta.type.name)), ("codec", JSONText.quoted(meta.codec.name)),
            ("encodings", array(meta.encodings.map { JSONText.quoted($0.name) })),
            ("num_values", String(meta.numValues)), ("total_compressed_size", String(meta.totalCompressedSize)),
            ("total_uncompressed_size", String(meta.totalUncompressedSize)),
            ("data_page_offset", String(meta.dataPageOffset)),
            ("dictionary_page_offset", meta.dictionaryPageOffset.map { String($0) } ?? "null"),
        ]
        if let stats = meta.statistics {
            let text: ([UInt8]?) -> String = { bytes in
                guard let bytes else { return "null" }
                guard let value = column.statisticValue(bytes), let type = column.dataType else {
                    return JSONText.quoted("0x" + bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined())
                }
                return ValueFormatter.json(value, type: type)
            }
            members.append(("statistics", object([
                ("min_value", text(stats.minValue)), ("max_value", text(stats.maxValue)),
                ("min", text(stats.min)), ("max", text(stats.max)),
                ("null_count", stats.nullCount.map { String($0) } ?? "null"),
                ("distinct_count", stats.distinctCount.map { String($0) } ?? "null"),
                ("nan_count", stats.nanCount.map { String($0) } ?? "null"),
                ("is_min_value_exact", stats.isMinValueExact.map { $0 ? "true" : "false" } ?? "null"),
                ("is_max_value_exact", stats.isMaxValueExact.map { $0 ? "true" : "false" } ?? "null"),
            ])))
        } else {
            members.append(("statistics", "null"))
        }
        members.append(("column_index", chunk.columnIndexOffset.map { offset in
            object([("offset", String(offset)), ("length", chunk.columnIndexLength.map { String($0) } ?? "null")])
        } ?? "null"))
        members.append(("offset_index", chunk.offsetIndexOffset.map { offset in
            object([("offset", String(offset)), ("length", chunk.offsetIndexLength.map { String($0) } ?? "null")])
        } ?? "null"))
        members.append(("bloom_filter", meta.bloomFilterOffset.map { offset in
            object([("offset", String(offset)), ("length", meta.bloomFilterLength.map { String($0) } ?? "null")])
        } ?? "null"))
        return object(members)
    }

    // MARK: Helpers

    /// The schema elements with their depth (the root is 0), walking the child counts.
    static func schemaTree(_ elements: [SchemaElement]) -> [(Int, SchemaElement)] {
        var result: [(Int, SchemaElement)] = []
        var remaining: [Int] = []  // children left at each open level
        for element in elements {
            while let last = remaining.last, last == 0 { remaining.removeLast() }
            let depth = remaining.count
            if !remaining.isEmpty { remaining[remaining.count - 1] -= 1 }
            result.append((depth, element))
            if element.type == nil { remaining.append(max(0, Int(element.numChildren ?? 0))) }
        }
        return result
    }

    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { JSONText.quoted($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    static func array(_ items: [String]) -> String {
        "[" + items.joined(separator: ",") + "]"
    }

    static func abbreviated(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
