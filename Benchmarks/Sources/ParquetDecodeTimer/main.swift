// Times Strata decoding whole Parquet files, single-threaded: open (footer), fetch and decode every
// readable column of every row group. Prints one JSON line per file with the best and median of
// `--iterations` runs, for `compare/parquet_decode.py` to set beside pyarrow's figures.
//
//     ParquetDecodeTimer [--iterations N] [--materialize] FILE...
//
// `--materialize` copies dictionary-encoded strings out (as pyarrow does) instead of keeping them as
// dictionary + indices.
import Foundation
import StrataCore
import StrataFormats

var iterations = 5
var options = ParquetReadOptions()
var files: [String] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--iterations", let value = arguments.popFirst().flatMap(Int.init) {
        iterations = value
    } else if argument == "--materialize" {
        options.keepDictionaries = false
    } else {
        files.append(argument)
    }
}

/// Decodes the whole file; returns the rows read and a checksum that keeps the work observable.
func decode(_ path: String, options: ParquetReadOptions) throws -> (rows: Int, checksum: Int) {
    let file = try ParquetFile.open(path: path, options: options)
    let reader = file.makeBatchReader(columns: file.schema.readableColumnIndices)
    var rows = 0
    var checksum = 0
    while let batch = try reader.next() {
        rows += batch.count
        for column in batch.columns { checksum &+= column.nullCount &+ column.count }
    }
    return (rows, checksum)
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

for path in files {
    do {
        var times: [Double] = []
        var rows = 0
        var checksum = 0
        for _ in 0..<iterations {
            let start = now()
            (rows, checksum) = try decode(path, options: options)
            times.append(Double(now() - start) / 1e6)
        }
        times.sort()
        let best = times[0]
        let median = times[times.count / 2]
        print("{\"file\": \"\(path)\", \"rows\": \(rows), \"best_ms\": \(best), \"median_ms\": \(median), \"checksum\": \(checksum)}")
    } catch {
        print("{\"file\": \"\(path)\", \"error\": \"\(error)\"}")
    }
}
