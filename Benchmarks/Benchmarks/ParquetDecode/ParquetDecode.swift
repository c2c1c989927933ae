// Decoding Parquet files into engine columns: one benchmark per file of the folder in
// STRATA_BENCH_PARQUET_DIR (write it with `python3 compare/parquet_decode.py --write-only DIR`).
import Benchmark
import Foundation
import StrataFormats

let benchmarks: @Sendable () -> Void = {
    let folder = ProcessInfo.processInfo.environment["STRATA_BENCH_PARQUET_DIR"] ?? "/tmp/strata-parquet-bench"
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".parquet") }.sorted()
    for name in names {
        let path = folder + "/" + name
        Benchmark("decode \(name)", configuration: .init(metrics: [.wallClock, .throughput, .mallocCountTotal], maxIterations: 20)) {
            benchmark in
            for _ in benchmark.scaledIterations {
                let file = try ParquetFile.open(path: path)
                let reader = file.makeBatchReader(columns: file.schema.readableColumnIndices)
                while let batch = try reader.next() { blackHole(batch) }
            }
        }
    }
}
