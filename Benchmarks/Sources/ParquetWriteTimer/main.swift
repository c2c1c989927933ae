// Times Strata writing Parquet, single-threaded: loads each source file into memory as batches (strings
// copied out, as an engine's results are), then writes them with `ParquetWriter` to a file in `--output`,
// `--iterations` times. Prints one JSON line per source and codec with the best and median times and the
// size written, for `compare/parquet_write.py` to set beside pyarrow's and DuckDB's figures.
//
//     ParquetWriteTimer [--iterations N] [--codec NAME[:LEVEL]]... [--output DIR] [--page-index on|off] FILE...
import Foundation
import StrataCore
import StrataFormats
import StrataStorage

var iterations = 5
var codecs: [(CompressionCodec, Int32?)] = []
var outputFolder = NSTemporaryDirectory()
var pageIndex = true
var files: [String] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--iterations":
        iterations = arguments.popFirst().flatMap(Int.init) ?? iterations
    case "--codec":
        let parts = (arguments.popFirst() ?? "snappy").split(separator: ":")
        let name = parts[0].uppercased()
        guard let codec = CompressionCodec.allCases.first(where: { $0.name == name || ($0 == .uncompressed && name == "NONE") }) else {
            print("{\"error\": \"unknown codec \(parts[0])\"}")
            exit(1)
        }
        codecs.append((codec, parts.count > 1 ? Int32(parts[1]) : nil))
    case "--output":
        outputFolder = arguments.popFirst() ?? outputFolder
    case "--page-index":
        pageIndex = arguments.popFirst() != "off"
    default:
        files.append(argument)
    }
}
if codecs.isEmpty { codecs = [(.snappy, nil)] }

/// Every row of the file, as plain batches.
func load(_ path: String) throws -> (schema: Schema, batches: [Batch]) {
    var options = ParquetReadOptions()
    options.keepDictionaries = false
    let file = try ParquetFile.open(path: path, options: options)
    let reader = file.makeBatchReader(columns: file.schema.readableColumnIndices)
    var batches: [Batch] = []
    while let batch = try reader.next() { batches.append(batch) }
    return (reader.schema, batches)
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

let store = LocalObjectStore(root: outputFolder)
for path in files {
    do {
        let (schema, batches) = try load(path)
        let rows = batches.reduce(0) { $0 + $1.count }
        for (codec, level) in codecs {
            var options = ParquetWriterOptions(compression: codec, level: level)
            options.writePageIndex = pageIndex
            var times: [Double] = []
            var size = 0
            let key = "strata-write-\(getpid()).parquet"
            for _ in 0..<iterations {
                let start = now()
                let writer = try ParquetWriter(store: store, key: key, schema: schema, options: options)
                for batch in batches { try writer.write(batch) }
                size = try writer.close().fileSize
                times.append(Double(now() - start) / 1e6)
                try store.delete([key])
            }
            times.sort()
            print("{\"file\": \"\(path)\", \"codec\": \"\(codec.name)\", \"rows\": \(rows), \"best_ms\": \(times[0]), \"median_ms\": \(times[times.count / 2]), \"bytes\": \(size)}")
        }
    } catch {
        print("{\"file\": \"\(path)\", \"error\": \"\(error)\"}")
    }
}
