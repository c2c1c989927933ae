// Times each expression workload and prints one JSON object per line: name, rows, the DuckDB form of the
// expression and the median and fastest of the iterations in milliseconds (the fastest is the steadier
// figure on a busy machine). `compare/expressions.py` runs it beside
// DuckDB.
//
//     ExpressionTimer [rows] [iterations] [name filter]
import ExpressionWorkloads
import Foundation

let arguments = CommandLine.arguments
let rows = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
let iterations = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
let filter = arguments.count > 3 ? arguments[3] : nil

for workload in ExpressionWorkloads.all(rows: rows) where filter.map(workload.name.contains) ?? true {
    var times: [Double] = []
    var produced = 0
    for _ in 0..<iterations {
        let start = DispatchTime.now().uptimeNanoseconds
        produced = try workload.run()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    times.sort()
    let median = times[times.count / 2]
    let name = workload.name.replacingOccurrences(of: "\"", with: "'")
    let duckdb = workload.duckdb.replacingOccurrences(of: "\"", with: "\\\"")
    print("{\"name\": \"\(name)\", \"duckdb\": \"\(duckdb)\", \"rows\": \(workload.rows), \"output\": \(produced), \"ms\": \(median), \"min_ms\": \(times[0])}")
}
