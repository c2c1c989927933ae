// The expression evaluator on 1M generated rows: arithmetic, comparisons, LIKE, a regular expression,
// date_trunc, a cast from text, CASE and upper().
import Benchmark
import ExpressionWorkloads

let benchmarks: @Sendable () -> Void = {
    for workload in ExpressionWorkloads.all(rows: 1_000_000) {
        Benchmark(
            workload.name,
            configuration: .init(
                metrics: [.wallClock, .throughput, .mallocCountTotal], scalingFactor: .one,
                maxDuration: .seconds(5), maxIterations: 20)
        ) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try workload.run()) }
        }
    }
}
