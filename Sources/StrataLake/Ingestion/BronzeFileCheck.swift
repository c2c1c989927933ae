// The file-level validation of ingestion: each bronze file is read once, whole, with the options the
// ingestion query will read it with (every column as text, records that do not parse skipped), before
// anything is written. A file that cannot be read at all — a truncated gzip, a broken Parquet footer, or
// so many bad records it is not the format it claims — is rejected whole; the records that do not parse
// are kept with their line for quarantine.
import StrataCore
import StrataFormats
import StrataStorage

struct BronzeFileCheck {
    /// A record of a readable file that does not parse, as the quarantine keeps it.
    struct UnparsedRecord {
        var file: String
        var line: Int?
        var reason: String
        var record: String
    }

    enum Outcome {
        /// Rows read, the file's columns as ingestion reads them (VARCHAR for text), the records that did
        /// not parse.
        case readable(rows: Int, schema: Schema, unparsed: [UnparsedRecord])
        case unreadable(reason: String)
    }

    /// The line number column ingestion adds to every text source.
    static let lineColumn = "_line"
    /// More unparseable records than a reader keeps means the file is not what it claims to be.
    static let unparsedLimit = CSVReader.maximumRejectsKept

    /// How the ingestion query reads a text source: every column VARCHAR, each record's line, bad records
    /// skipped (and reported by this check). `columns` names a JSON source's keys.
    static func rawOptions(_ options: FileReadOptions, columns: [String]) -> FileReadOptions {
        switch options {
        case .parquet:
            return .parquet
        case .csv(var csv):
            csv.allVarchar = true
            csv.onError = .skip
            csv.lineNumberColumn = lineColumn
            return .csv(csv)
        case .json(var json):
            json.columns = columns.map { Field($0, .varchar) }
            json.onError = .skip
            json.lineNumberColumn = lineColumn
            return .json(json)
        }
    }

    /// Reads `file` whole as ingestion will.
    static func check(_ file: DataFile, store: any ObjectStore, options: FileReadOptions) -> Outcome {
        let location = store.location(of: file.key)
        do {
            switch options {
            case .parquet:
                let parquet = try ParquetFile.open(store: store, key: file.key, size: file.size)
                return .readable(rows: parquet.rowCount, schema: parquet.schema.engineSchema, unparsed: [])
            case .csv:
                let reader = try CSVReader(store: store, key: file.key, options: rawCSV(options))
                var rows = 0
                while let batch = try reader.nextBatch() { rows += batch.count }
                return outcome(
                    file, rows: rows, columns: reader.schema.fields.map(\.name).filter { $0 != lineColumn }, rejects: reader.rejects,
                    skipped: reader.skippedRowCount)
            case .json(let json):
                // The keys first (over the whole file), then the records read as text under those keys.
                var inference = json
                inference.sampleSize = -1
                inference.onError = .skip
                let keys = try NDJSONReader(store: store, key: file.key, options: inference).schema.fields.map(\.name)
                guard case .json(let raw) = rawOptions(options, columns: keys) else { preconditionFailure("JSON stays JSON") }
                let reader = try NDJSONReader(store: store, key: file.key, options: raw)
                var rows = 0
                while let batch = try reader.nextBatch() { rows += batch.count }
                return outcome(file, rows: rows, columns: keys, rejects: reader.rejects, skipped: reader.skippedRowCount)
            }
        } catch let error as TextFormatError {
            return .unreadable(reason: error.located(file: location).description)
        } catch let error as ParquetError {
            return .unreadable(reason: "\(location): \(error)")
        } catch {
            return .unreadable(reason: "\(location): \(error)")
        }
    }

    private static func rawCSV(_ options: FileReadOptions) -> CSVOptions {
        guard case .csv(let csv) = rawOptions(options, columns: []) else { preconditionFailure("CSV stays CSV") }
        return csv
    }

    private static func outcome(_ file: DataFile, rows: Int, columns: [String], rejects: [TextReject], skipped: Int) -> Outcome {
        guard skipped < unparsedLimit else {
            return .unreadable(reason: "\(skipped) records do not parse (the first: \(rejects.first?.error.description ?? "?"))")
        }
        let unparsed = rejects.map { reject in
            UnparsedRecord(file: file.key, line: reject.error.line, reason: reject.error.message, record: reject.record)
        }
        return .readable(rows: rows, schema: Schema(columns.map { Field($0, .varchar) }), unparsed: unparsed)
    }
}
