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
    formatBenchmarks()
}

/// The pieces under the decoders: Thrift footer decoding, and each codec's decompression on its own.
let formatBenchmarks: @Sendable () -> Void = {
    let folder = ProcessInfo.processInfo.environment["STRATA_BENCH_PARQUET_DIR"] ?? "/tmp/strata-parquet-bench"
    if let name = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter({ $0.hasSuffix(".parquet") }).sorted().first,
        let file = try? ParquetFile.open(path: folder + "/" + name)
    {
        let footer = file.metadata.encoded()
        Benchmark("Thrift footer decode (\(footer.count) bytes, \(file.rowGroups.count) row groups)", configuration: .init(metrics: [.wallClock, .mallocCountTotal])) {
            benchmark in
            for _ in benchmark.scaledIterations { blackHole(try FileMetaData.decode(footer)) }
        }
    }
    // 4 MiB of moderately compressible bytes: repeated words with varying numbers.
    var input: [UInt8] = []
    var state: UInt64 = 42
    while input.count < 4 << 20 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        input += Array("reactor-\(state >> 58) density \(state >> 40 & 0xFFF) ".utf8)
    }
    for codec in [CompressionCodec.snappy, .gzip, .zstd, .lz4Raw, .lz4, .brotli] {
        guard let implementation = try? codec.makeCodec(), let compressed = try? input.withUnsafeBytes({ try implementation.compress($0) }) else {
            continue
        }
        Benchmark("\(codec.name) decompress 4 MiB", configuration: .init(metrics: [.wallClock, .throughput])) { benchmark in
            var output = [UInt8](repeating: 0, count: input.count)
            for _ in benchmark.scaledIterations {
                try compressed.withUnsafeBytes { source in
                    try output.withUnsafeMutableBytes { try implementation.decompress(source, into: $0) }
                }
                blackHole(output)
            }
        }
    }
}
