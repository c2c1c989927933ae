// Times each execution workload and prints one JSON object per line: name, rows, and the median of the
// iterations in milliseconds. `compare/operators.py` runs it beside DuckDB.
//
//     ExecutionTimer [rows] [iterations] [name filter]
import ExecutionWorkloads
import Foundation

let arguments = CommandLine.arguments
let rows = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
let iterations = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
let filter = arguments.count > 3 ? arguments[3] : ""

for workload in ExecutionWorkloads.all(rows: rows) where filter.isEmpty || workload.name.contains(filter) {
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
    print("{\"name\": \"\(name)\", \"rows\": \(workload.rows), \"output\": \(produced), \"ms\": \(median)}")
}
