// Times Strata's CSV and JSON readers on one file, for `compare/text.py` to set beside DuckDB:
// `TextTimer csv|json FILE [ITERATIONS]` prints one JSON line with the best wall and CPU times and the
// throughput by CPU time (on a shared machine, wall time mostly measures the neighbours).
import Foundation
import StrataCore
import StrataFormats
import StrataStorage

let arguments = CommandLine.arguments
guard arguments.count >= 3, ["csv", "json"].contains(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: TextTimer csv|json FILE [ITERATIONS]\n".utf8))
    exit(2)
}
let path = URL(fileURLWithPath: arguments[2]).standardizedFileURL
let store = LocalObjectStore(root: path.deletingLastPathComponent().path)
let key = path.lastPathComponent
let iterations = arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3
let fileSize = try store.head(key).size

func cpuSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

var best = Double.infinity
var bestCPU = Double.infinity
var rows = 0
for _ in 0..<iterations {
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = cpuSeconds()
    rows = 0
    if arguments[1] == "csv" {
        let reader = try CSVReader(store: store, key: key)
        while let batch = try reader.nextBatch() { rows += batch.count }
    } else {
        let reader = try NDJSONReader(store: store, key: key)
        while let batch = try reader.nextBatch() { rows += batch.count }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    best = min(best, seconds)
    bestCPU = min(bestCPU, cpuSeconds() - cpuStart)
}
let megabytes = Double(fileSize) / 1_000_000
print(
    "{\"file\": \"\(key)\", \"bytes\": \(fileSize), \"rows\": \(rows), \"seconds\": \(best), \"cpu_seconds\": \(bestCPU), \"mb_per_cpu_s\": \(megabytes / bestCPU)}")
