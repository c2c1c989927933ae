// A table or view declared in the lake's own catalog: one JSON file per object in `_strata/catalog/`,
// written whole (atomically) and meant to be read by other tools too (`strata crawl`, jq). Declared
// tables take precedence over the folders discovery finds; their column and partition types override
// inference. `createdByStrata` marks tables Strata wrote itself (CTAS, materialization): only their data
// does DROP TABLE delete.
import StrataCore

public struct CatalogObject: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case table, view
    }

    public struct Column: Codable, Hashable, Sendable {
        public var name: String
        /// The SQL type as the engine spells it (`BIGINT`, `DECIMAL(10,3)`).
        public var type: String
        public var comment: String?

        public init(name: String, type: DataType, comment: String? = nil) {
            self.name = name
            self.type = type.sqlName
            self.comment = comment
        }

        public var dataType: DataType? { DataType(sqlName: type) }
    }

    /// A partition kept somewhere other than its Hive folder (`ALTER TABLE ADD PARTITION ... LOCATION`).
    public struct PartitionLocation: Codable, Hashable, Sendable {
        /// Raw values, in key order; nil is NULL.
        public var values: [String?]
        public var location: String
    }

    /// Version of this file's layout.
    public var version = 1
    public var kind: Kind
    /// The name as declared (dotted; parts lowercased unless they were quoted).
    public var name: String
    /// Tables: the folder, relative to the lake root (`gold/daily/`) or a URI (`s3://b/x/`, `/data/x/`).
    public var location: String?
    /// Tables: PARQUET, TEXTFILE or JSON.
    public var format: String?
    public var columns: [Column]
    public var partitionKeys: [Column]
    public var createdByStrata: Bool
    /// TBLPROPERTIES, the row format's options (`field.delim`, `serialization.null.format`, ...) and the
    /// CTAS write properties (`write_compression`, `sorted_by`, ...).
    public var properties: [String: String]
    public var comment: String?
    /// Views: the query text as written.
    public var sql: String?
    public var partitions: [PartitionLocation]?
    /// Milliseconds since the epoch.
    public var createdAt: Int64

    public init(
        kind: Kind, name: String, location: String? = nil, format: String? = nil, columns: [Column] = [],
        partitionKeys: [Column] = [], createdByStrata: Bool = false, properties: [String: String] = [:], comment: String? = nil,
        sql: String? = nil
    ) {
        self.kind = kind
        self.name = name
        self.location = location
        self.format = format
        self.columns = columns
        self.partitionKeys = partitionKeys
        self.createdByStrata = createdByStrata
        self.properties = properties
        self.comment = comment
        self.sql = sql
        createdAt = ProcessIdentity.nowMilliseconds()
    }

    /// The engine types of the columns and partition keys; an error names a type the file spells wrongly.
    func dataFields() throws -> [Field] {
        try columns.map { column in
            guard let type = column.dataType else { throw LakeError("catalog entry \(name): column \(column.name) has unknown type \(column.type)") }
            return Field(column.name, type)
        }
    }

    func partitionTypes() throws -> [DataType] {
        try partitionKeys.map { column in
            guard let type = column.dataType else { throw LakeError("catalog entry \(name): partition key \(column.name) has unknown type \(column.type)") }
            return type
        }
    }
}

extension DataType {
    /// The type an engine spelling (`sqlName`) stands for.
    public init?(sqlName: String) {
        let text = sqlName.uppercased().filter { $0 != " " }
        switch text {
        case "BOOLEAN": self = .boolean
        case "TINYINT": self = .tinyint
        case "SMALLINT": self = .smallint
        case "INTEGER", "INT": self = .integer
        case "BIGINT": self = .bigint
        case "REAL", "FLOAT": self = .real
        case "DOUBLE": self = .double
        case "VARCHAR", "STRING": self = .varchar
        case "VARBINARY": self = .varbinary
        case "DATE": self = .date
        case "TIME": self = .time
        case "TIMESTAMP": self = .timestamp
        case "INTERVAL": self = .interval
        default:
            guard text.hasPrefix("DECIMAL("), text.hasSuffix(")") else { return nil }
            let numbers = text.dropFirst("DECIMAL(".count).dropLast().split(separator: ",").compactMap { Int($0) }
            guard numbers.count == 2, (1...DataType.maximumDecimalPrecision).contains(numbers[0]), (0...numbers[0]).contains(numbers[1]) else {
                return nil
            }
            self = .decimal(precision: numbers[0], scale: numbers[1])
        }
    }
}

extension CatalogObject {
    /// A type as Hive's DDL spells it (`string`, `int`, `float`, `binary`; the rest lowercased).
    static func hiveType(_ type: String) -> String {
        switch type.uppercased() {
        case "VARCHAR": return "string"
        case "INTEGER": return "int"
        case "REAL": return "float"
        case "VARBINARY": return "binary"
        default: return type.lowercased()
        }
    }

    /// The DDL that declares the object in Athena (and Strata): CREATE EXTERNAL TABLE with its columns,
    /// partition keys, format and location (relative locations made absolute below `root`), or CREATE VIEW.
    public func ddl(root: String) throws -> String {
        func quoted(_ name: String) -> String { "`" + name.split(separator: "`", omittingEmptySubsequences: false).joined(separator: "``") + "`" }
        func string(_ text: String) -> String { "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'" }
        func column(_ column: Column) -> String {
            "  \(quoted(column.name)) \(Self.hiveType(column.type))" + (column.comment.map { " COMMENT " + string($0) } ?? "")
        }
        if kind == .view {
            return "CREATE VIEW \(name)" + (comment.map { " COMMENT " + string($0) } ?? "") + " AS\n" + (sql ?? "")
        }
        var text = "CREATE EXTERNAL TABLE \(name) (\n" + columns.map(column).joined(separator: ",\n") + "\n)"
        if let comment { text += "\nCOMMENT " + string(comment) }
        if !partitionKeys.isEmpty { text += "\nPARTITIONED BY (\n" + partitionKeys.map(column).joined(separator: ",\n") + "\n)" }
        var tableProperties = properties
        switch (format ?? "PARQUET").uppercased() {
        case "TEXTFILE":
            if let serde = tableProperties.removeValue(forKey: "serde") {
                let serdeKeys = ["separatorChar", "quoteChar", "escapeChar"].filter { tableProperties[$0] != nil }
                text += "\nROW FORMAT SERDE " + string(serde)
                if !serdeKeys.isEmpty {
                    text += "\nWITH SERDEPROPERTIES (" + serdeKeys.map { string($0) + " = " + string(tableProperties.removeValue(forKey: $0)!) }.joined(separator: ", ") + ")"
                }
            } else {
                text += "\nROW FORMAT DELIMITED"
                if let delimiter = tableProperties.removeValue(forKey: "field.delim") { text += "\n  FIELDS TERMINATED BY " + string(delimiter) }
                if let escape = tableProperties.removeValue(forKey: "escape.delim") { text += " ESCAPED BY " + string(escape) }
                if let null = tableProperties.removeValue(forKey: "serialization.null.format") { text += "\n  NULL DEFINED AS " + string(null) }
            }
            text += "\nSTORED AS TEXTFILE"
        case "JSON":
            text += "\nROW FORMAT SERDE " + string(tableProperties.removeValue(forKey: "serde") ?? "org.openx.data.jsonserde.JsonSerDe")
            text += "\nSTORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat' OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'"
        default:
            text += "\nSTORED AS PARQUET"
        }
        if var location {
            if !(location.hasPrefix("s3://") || location.hasPrefix("s3a://") || location.hasPrefix("/") || location.hasPrefix("file://")) {
                location = (root.hasSuffix("/") ? root : root + "/") + location
            }
            text += "\nLOCATION " + string(location.hasSuffix("/") ? location : location + "/")
        }
        if createdByStrata { tableProperties["strata.created_by"] = "strata" }
        if let codec = tableProperties.removeValue(forKey: "write_compression") { tableProperties["parquet.compression"] = codec }
        if !tableProperties.isEmpty {
            text += "\nTBLPROPERTIES (\n" + tableProperties.keys.sorted().map { "  " + string($0) + " = " + string(tableProperties[$0]!) }.joined(separator: ",\n") + "\n)"
        }
        return text
    }
}
