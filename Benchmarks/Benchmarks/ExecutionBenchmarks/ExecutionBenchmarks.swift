// The vectorized operators on 1M generated rows: hash aggregation (bigint and varchar keys), a hash join
// and sorts (radix path for a bigint key, comparison path for a varchar key).
import Benchmark
import ExecutionWorkloads

let benchmarks: @Sendable () -> Void = {
    let rows = 1_000_000
    for workload in ExecutionWorkloads.all(rows: rows) {
        Benchmark(
            workload.name,
            configuration: .init(
                metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident], scalingFactor: .one,
                maxDuration: .seconds(10), maxIterations: 10)
        ) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try workload.run()) }
        }
    }
}
