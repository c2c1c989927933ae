// The JSON reader (NDJSON, concatenated values, top-level arrays, inference, conversion): byte 0 chooses
// the options, the rest is the file. A failure is a TextFormatError naming the file.
@testable import StrataFormats

enum NDJSONFuzzer: FuzzTarget {
    static let name = "ndjson"

    static func run(_ input: UnsafeRawBufferPointer) {
        guard input.count >= 1 else { return }
        let flags = input[0]
        var options = JSONOptions()
        options.format = [.auto, .newlineDelimited, .array, .unstructured][Int(flags & 3)]
        options.records = [nil, true, false, nil][Int(flags >> 2 & 3)]
        options.onError = [.fail, .null, .skip, .fail][Int(flags >> 4 & 3)]
        options.inferTemporalTypes = flags & 0x40 == 0
        if flags & 0x80 != 0 {
            options.sampleSize = 1
            options.maximumNesting = 4
            options.maximumObjectSize = 256
            options.chunkSize = 5
            options.batchSize = 2
            options.lineNumberColumn = "line"
        }
        let name = "fuzz.json"
        do {
            let reader = try NDJSONReader(bytes: Array(input[1...]), name: name, options: options)
            // Every column, the line number column too (which a reader leaves out until asked).
            try reader.select(columns: Array(reader.schema.fields.indices))
            try TextErrorCheck.readRectangular(columns: reader.schema.fields.count, next: reader.nextBatch)
        } catch {
            TextErrorCheck.check(error, file: name)
        }
    }
}
