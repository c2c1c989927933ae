// CSV and JSON tables for the other engine: how the files are written (delimiter, quote, escape, header,
// from the sniffer on the table's first file) told to each engine's reader — Spark's CSV and JSON sources,
// Hive's and Athena's SerDes, Trino's CSV format (whose columns can only be VARCHAR, so a view casts them to
// the types Strata reads) and its JSON format.
import StrataCore
import StrataExecution
import StrataFormats
import StrataSQL

extension LakeDDL {
    /// How a CSV table's files are written.
    struct CSVLayout {
        var delimiter: String
        var quote: String?
        var escape: String?
        var header: Bool
        var skip: Int
        var nullText: String
    }

    func csvLayout(_ source: LakeTableSource, options: CSVOptions) throws -> CSVLayout {
        let files = try source.allFiles(evaluator: ExpressionEvaluator(context: session.makeContext())).files
        guard let first = files.first else { throw LakeError("table \(source.name) has no files to read its CSV dialect from") }
        let dialect = try CSVReader(store: source.store, key: first.key, options: options).dialect
        return CSVLayout(
            delimiter: String(Character(dialect.delimiter)), quote: dialect.quote.map { String(Character($0)) },
            escape: dialect.escape.map { String(Character($0)) }, header: dialect.header, skip: dialect.skip,
            nullText: options.nullstr.first ?? "")
    }

    func textTableStatements(_ source: LakeTableSource, data: [Field], keys: [Field], path: String) throws -> String {
        let name = tableName(source.name)
        let keyNames = keys.map { quoted($0.name) }.joined(separator: ", ")
        let isCSV = source.readOptions.format == .csv
        var csv: CSVLayout?
        if case .csv(let options) = source.readOptions { csv = try csvLayout(source, options: options) }
        if let csv, csv.skip > 0 {
            return "-- \(source.name): its CSV files start with \(csv.skip) lines before the \(csv.header ? "header" : "data"), which \(dialect.rawValue) cannot skip; declare it by hand"
        }
        switch dialect {
        case .spark:
            var options: [(String, String)] = []
            if let csv {
                options += [("header", csv.header ? "true" : "false"), ("sep", csv.delimiter), ("quote", csv.quote ?? ""), ("nullValue", csv.nullText)]
                if let escape = csv.escape { options.append(("escape", escape)) }
            }
            options += [("dateFormat", "yyyy-MM-dd"), ("timestampFormat", "yyyy-MM-dd HH:mm:ss[.SSSSSS]")]
            var text = "CREATE TABLE IF NOT EXISTS \(name) (\n" + (data + keys).map { "  \(quoted($0.name)) \(hiveType($0.type))" }.joined(separator: ",\n")
            text += "\n)\nUSING \(isCSV ? "CSV" : "JSON")\nOPTIONS (" + options.map { "\($0.0) \(SQLQuoting.string($0.1))" }.joined(separator: ", ") + ")"
            if !keys.isEmpty { text += "\nPARTITIONED BY (\(keyNames))" }
            text += "\nLOCATION \(SQLQuoting.string(path));"
            if !keys.isEmpty { text += "\nMSCK REPAIR TABLE \(name);" }
            return text
        case .hive, .athena:
            var text = "CREATE EXTERNAL TABLE IF NOT EXISTS \(name) (\n" + data.map { "  \(quoted($0.name)) \(hiveType($0.type))" }.joined(separator: ",\n") + "\n)"
            if !keys.isEmpty { text += "\nPARTITIONED BY (\n" + keys.map { "  \(quoted($0.name)) \(hiveType($0.type))" }.joined(separator: ",\n") + "\n)" }
            var properties: [(String, String)] = []
            if let csv {
                var serde = [("separatorChar", csv.delimiter)]
                if let quote = csv.quote { serde.append(("quoteChar", quote)) }
                if let escape = csv.escape, escape != csv.quote { serde.append(("escapeChar", escape)) }
                text += "\nROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'\nWITH SERDEPROPERTIES ("
                    + serde.map { "\(SQLQuoting.string($0.0)) = \(SQLQuoting.string($0.1))" }.joined(separator: ", ") + ")\nSTORED AS TEXTFILE"
                if csv.header { properties.append(("skip.header.line.count", "1")) }
            } else {
                let serde = dialect == .athena ? "org.openx.data.jsonserde.JsonSerDe" : "org.apache.hive.hcatalog.data.JsonSerDe"
                text += "\nROW FORMAT SERDE \(SQLQuoting.string(serde))\nSTORED AS TEXTFILE"
            }
            text += "\nLOCATION \(SQLQuoting.string(path))"
            if !properties.isEmpty {
                text += "\nTBLPROPERTIES (" + properties.map { "\(SQLQuoting.string($0.0)) = \(SQLQuoting.string($0.1))" }.joined(separator: ", ") + ")"
            }
            text += ";"
            if !keys.isEmpty { text += "\nMSCK REPAIR TABLE \(name);" }
            return text
        case .trino:
            let parts = Self.nameParts(source.name)
            var properties: [String] = []
            if !keys.isEmpty { properties.append("partitioned_by = ARRAY[\(keys.map { SQLQuoting.string($0.name) }.joined(separator: ", "))]") }
            properties.append("external_location = \(SQLQuoting.string(path))")
            guard let csv else {
                let columns = (data + keys).map { "  \(quoted($0.name)) \(trinoType($0.type))" }.joined(separator: ",\n")
                var text = "CREATE TABLE IF NOT EXISTS \(trinoCatalog).\(name) (\n\(columns)\n)\nWITH (\n  format = 'JSON',\n  \(properties.joined(separator: ",\n  "))\n);"
                if !keys.isEmpty { text += "\nCALL \(trinoCatalog).system.sync_partition_metadata(\(SQLQuoting.string(parts.schema)), \(SQLQuoting.string(parts.table)), 'ADD');" }
                return text
            }
            // Trino reads CSV columns only as VARCHAR: the files are declared so, and a view under the
            // table's name casts them to the types Strata reads, an empty field being NULL as in Strata.
            var csvProperties = ["format = 'CSV'", "csv_separator = \(SQLQuoting.string(csv.delimiter))"]
            if let quote = csv.quote { csvProperties.append("csv_quote = \(SQLQuoting.string(quote))") }
            if let escape = csv.escape { csvProperties.append("csv_escape = \(SQLQuoting.string(escape))") }
            if csv.header { csvProperties.append("skip_header_line_count = 1") }
            let textName = (parts.schema.isEmpty ? "" : quoted(parts.schema) + ".") + quoted(parts.table + "__csv")
            let columns = data.map { "  \(quoted($0.name)) varchar" } + keys.map { "  \(quoted($0.name)) \(trinoType($0.type))" }
            var text = "CREATE TABLE IF NOT EXISTS \(trinoCatalog).\(textName) (\n\(columns.joined(separator: ",\n"))\n)\nWITH (\n  "
                + (csvProperties + properties).joined(separator: ",\n  ") + "\n);"
            if !keys.isEmpty {
                text += "\nCALL \(trinoCatalog).system.sync_partition_metadata(\(SQLQuoting.string(parts.schema)), \(SQLQuoting.string(parts.table + "__csv")), 'ADD');"
            }
            let casts = data.map { field -> String in
                let value = "NULLIF(\(quoted(field.name)), \(SQLQuoting.string(csv.nullText)))"
                return "  " + (field.type == .varchar ? value : "CAST(\(value) AS \(trinoType(field.type)))") + " AS \(quoted(field.name))"
            } + keys.map { "  \(quoted($0.name))" }
            text += "\nCREATE OR REPLACE VIEW \(trinoCatalog).\(name) AS\nSELECT\n\(casts.joined(separator: ",\n"))\nFROM \(trinoCatalog).\(textName);"
            return text
        }
    }
}
