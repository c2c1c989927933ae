// Throughput of the CSV and NDJSON readers on in-memory files of mixed types (integers, doubles, quoted
// strings, booleans, dates, timestamps): sniffing, tokenizing and converting every column.
import Benchmark
import StrataCore
import StrataFormats

/// A file of `rows` rows in the layout `compare/text.py` uses.
func makeCSV(rows: Int) -> [UInt8] {
    var text = "id,amount,ratio,name,flag,day,ts\n"
    for row in 0..<rows {
        let name = row % 10 == 0 ? "\"user_\(row % 5000), \"\"vip\"\"\"" : "user_\(row % 5000)"
        text += "\(row),\((row * 7919) % 1_000_003 - 500_000),\(Double(row % 9973) / 7),\(name),\(row % 3 == 0),"
        text += "2024-\(month(row))-\(day(row)),2024-\(month(row))-\(day(row)) \(row % 24):\(row % 60 < 10 ? "0" : "")\(row % 60):07.25\n"
    }
    return Array(text.utf8)
}

func makeNDJSON(rows: Int) -> [UInt8] {
    var text = ""
    for row in 0..<rows {
        text += "{\"id\":\(row),\"amount\":\((row * 7919) % 1_000_003 - 500_000),\"ratio\":\(Double(row % 9973) / 7),"
        text += "\"name\":\"user_\(row % 5000)\\\"x\",\"flag\":\(row % 3 == 0),\"day\":\"2024-\(month(row))-\(day(row))\"}\n"
    }
    return Array(text.utf8)
}

func month(_ row: Int) -> String { row % 12 < 9 ? "0\(row % 12 + 1)" : "\(row % 12 + 1)" }
func day(_ row: Int) -> String { row % 28 < 9 ? "0\(row % 28 + 1)" : "\(row % 28 + 1)" }

let benchmarks: @Sendable () -> Void = {
    let rows = 200_000
    let csv = makeCSV(rows: rows)
    let json = makeNDJSON(rows: rows)
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal], scalingFactor: .one, maxDuration: .seconds(5), maxIterations: 20)

    Benchmark("CSVReader, \(csv.count / 1_000_000) MB, 7 typed columns", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            let reader = try CSVReader(bytes: csv, name: "bench.csv")
            var count = 0
            while let batch = try reader.nextBatch() { count += batch.count }
            blackHole(count)
        }
    }

    Benchmark("NDJSONReader, \(json.count / 1_000_000) MB, 6 typed columns", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            let reader = try NDJSONReader(bytes: json, name: "bench.ndjson")
            var count = 0
            while let batch = try reader.nextBatch() { count += batch.count }
            blackHole(count)
        }
    }
}
