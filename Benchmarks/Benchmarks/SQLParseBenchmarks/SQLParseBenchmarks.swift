// Parse time of the 22 TPC-H queries (grammar/examples/tpch): lexing alone, lexing and parsing, and
// parsing followed by printing, per run of all 22.
import Benchmark
import Foundation
import StrataSQL

/// The query texts, read from the repository's example corpus.
let tpchQueries: [String] = {
    let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // SQLParseBenchmarks
        .deletingLastPathComponent()  // Benchmarks (targets)
        .deletingLastPathComponent()  // Benchmarks (package)
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("grammar/examples/tpch")
    let queries = (1...22).map { number in
        let path = directory.appendingPathComponent(String(format: "q%02d.sql", number)).path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { fatalError("cannot read \(path)") }
        return text
    }
    for text in queries { precondition((try? SQLParser.parse(text))?.count == 1, "a TPC-H query does not parse") }
    return queries
}()

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput], maxDuration: .seconds(3), maxIterations: 100_000)

    Benchmark("Lex the 22 TPC-H queries", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            for query in tpchQueries { blackHole(SQLLexer.tokenize(query)) }
        }
    }

    Benchmark("Parse the 22 TPC-H queries", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            for query in tpchQueries { blackHole(try SQLParser.parse(query)) }
        }
    }

    Benchmark("Parse and print the 22 TPC-H queries", configuration: configuration) { benchmark in
        let printer = SQLPrinter()
        for _ in benchmark.scaledIterations {
            for query in tpchQueries { blackHole(printer.print(try SQLParser.parse(query))) }
        }
    }
}
