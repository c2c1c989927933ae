// Type names: Trino style (`VARCHAR(10)`, `ARRAY(BIGINT)`, `ROW(a BIGINT)`) in statements and expressions,
// Hive style (`string`, `array<bigint>`, `struct<a:bigint>`) in CREATE EXTERNAL TABLE.

extension SQLPrinter {
    func typeText(_ type: TypeName, hive: Bool) -> String {
        let text: String
        switch type.kind {
        case .boolean: text = "BOOLEAN"
        case .tinyint: text = "TINYINT"
        case .smallint: text = "SMALLINT"
        case .int: text = "INT"
        case .integer: text = "INTEGER"
        case .bigint: text = "BIGINT"
        case .real: text = "REAL"
        case .float: text = "FLOAT"
        case .double: text = "DOUBLE"
        case .doublePrecision: text = "DOUBLE PRECISION"
        case .decimal(let precision, let scale): text = "DECIMAL" + parameters(precision, scale)
        case .numeric(let precision, let scale): text = "NUMERIC" + parameters(precision, scale)
        case .varchar(let length): text = "VARCHAR" + parameters(length, nil)
        case .char(let length): text = "CHAR" + parameters(length, nil)
        case .string: text = "STRING"
        case .varbinary: text = "VARBINARY"
        case .binary: text = "BINARY"
        case .date: text = "DATE"
        case .time(let precision, let withTimeZone):
            text = "TIME" + parameters(precision, nil) + (withTimeZone ? " WITH TIME ZONE" : "")
        case .timestamp(let precision, let withTimeZone):
            text = "TIMESTAMP" + parameters(precision, nil) + (withTimeZone ? " WITH TIME ZONE" : "")
        case .interval(let from, let to):
            text = "INTERVAL" + (from.map { " " + $0.rawValue } ?? "") + (to.map { " TO " + $0.rawValue } ?? "")
        case .array(let element):
            return hive ? "array<" + typeText(element, hive: true) + ">" : "ARRAY(" + typeText(element, hive: false) + ")"
        case .map(let key, let value):
            return hive
                ? "map<" + typeText(key, hive: true) + "," + typeText(value, hive: true) + ">"
                : "MAP(" + typeText(key, hive: false) + ", " + typeText(value, hive: false) + ")"
        case .row(let fields):
            if hive {
                return "struct<"
                    + fields.map { identifierText($0.name, hive: true) + ":" + typeText($0.type, hive: true) }.joined(separator: ",")
                    + ">"
            }
            return "ROW(" + fields.map { identifierText($0.name) + " " + typeText($0.type, hive: false) }.joined(separator: ", ") + ")"
        }
        return hive ? text.lowercased() : text
    }

    /// A type in an expression (CAST, typed literal): Trino's spelling, or Spark's, which has STRING and
    /// BINARY for VARCHAR and VARBINARY, no timestamp precision, and Hive's nested types.
    func expressionTypeText(_ type: TypeName) -> String {
        guard dialect == .spark else { return typeText(type, hive: false) }
        switch type.kind {
        case .varchar(nil), .string: return "STRING"
        case .varbinary: return "BINARY"
        case .timestamp(_, false): return "TIMESTAMP"
        case .array, .map, .row: return typeText(type, hive: true)
        default: return typeText(type, hive: false)
        }
    }

    private func parameters(_ first: Int?, _ second: Int?) -> String {
        guard let first else { return "" }
        guard let second else { return "(\(first))" }
        return "(\(first),\(second))"
    }
}
