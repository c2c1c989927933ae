// The CSV reader (sniffing, the tokenizer, type inference, conversion, gzip and zstd input): byte 0 and
// byte 1 choose the options, the rest is the file. A failure is a TextFormatError naming the file.
import StrataCore
@testable import StrataFormats

enum CSVFuzzer: FuzzTarget {
    static let name = "csv"

    static func run(_ input: UnsafeRawBufferPointer) {
        guard input.count >= 2 else { return }
        let flags = input[0]
        let more = input[1]
        var options = CSVOptions()
        options.delim = [nil, ",", "|", "\t"][Int(flags & 3)]
        options.header = [nil, true, false, nil][Int(flags >> 2 & 3)]
        if flags & 0x10 != 0 { options.quote = nil }
        if flags & 0x20 != 0 { options.escape = "\\" }
        options.onError = [.fail, .null, .skip, .fail][Int(flags >> 6)]
        options.nullPadding = flags >> 6 == 3
        options.allVarchar = more & 1 != 0
        if more & 2 != 0 { options.sampleSize = 2 }
        if more & 4 != 0 { options.lineNumberColumn = "line" }
        if more & 8 != 0 {
            options.decimalSeparator = ","
            if options.delim == "," { options.delim = ";" }
        }
        if more & 0x10 != 0 { options.dateformat = try? TemporalFormat("%d/%m/%Y") }
        if more & 0x20 != 0 { options.maxLineSize = 64 }
        // Small windows cut records at every place the streaming path can meet them.
        if more & 0x40 != 0 { options.chunkSize = 1 + Int(more >> 7) * 6 }
        options.batchSize = more & 0x80 != 0 ? 3 : 8192
        let name = "fuzz.csv"
        do {
            let reader = try CSVReader(bytes: Array(input[2...]), name: name, options: options)
            // Every column, the line number column too (which a reader leaves out until asked).
            try reader.select(columns: Array(reader.schema.fields.indices))
            try TextErrorCheck.readRectangular(columns: reader.schema.fields.count, next: reader.nextBatch)
        } catch {
            TextErrorCheck.check(error, file: name)
        }
    }
}

/// What every text reader error must carry: a message, and the file unless it is about the options.
enum TextErrorCheck {
    /// Reads every batch `next` gives; each must have `columns` columns of the batch's row count.
    static func readRectangular<Failure: Error>(columns: Int, next: () throws(Failure) -> Batch?) throws(Failure) {
        while let batch = try next() {
            precondition(batch.columns.count == columns, "a batch of \(batch.columns.count) columns for \(columns)")
            for column in batch.columns { precondition(column.count == batch.count, "a column of \(column.count) in a batch of \(batch.count)") }
        }
    }

    static func check(_ error: TextFormatError, file: String) {
        precondition(!error.message.isEmpty, "a TextFormatError without a message")
        precondition(error.code == .invalidOption || error.file == file, "a TextFormatError that does not name the file: \(error)")
        precondition((error.line ?? 1) >= 1 && (error.column ?? 1) >= 1, "a TextFormatError at a position before the start: \(error)")
    }
}
