// swift-tools-version: 6.1
// Strata's micro-benchmarks (ordo-one/benchmark), a package of their own that depends on Strata by path.
// Run with `swift package --package-path Benchmarks benchmark`. Comparisons against other engines live in
// `Benchmarks/compare/`.
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, which differs between clones (`main`, a worktree,
// CI's checkout): take it from where this manifest is.
let strata = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "StrataBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Parquet decoding of the files `compare/parquet_decode.py` writes (set STRATA_BENCH_PARQUET_DIR).
        .executableTarget(
            name: "ParquetDecode",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "StrataFormats", package: strata),
            ],
            path: "Benchmarks/ParquetDecode",
            swiftSettings: [.unsafeFlags(["-Ounchecked"])],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        // A plain timer the comparison script runs next to pyarrow, in the same run.
        .executableTarget(
            name: "ParquetDecodeTimer",
            dependencies: [.product(name: "StrataFormats", package: strata)],
            path: "Sources/ParquetDecodeTimer",
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]),
        // Parquet writing from in-memory batches, per codec and encoding.
        .executableTarget(
            name: "ParquetWrite",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "StrataFormats", package: strata),
                .product(name: "StrataStorage", package: strata),
                .product(name: "StrataCore", package: strata),
            ],
            path: "Benchmarks/ParquetWrite",
            swiftSettings: [.unsafeFlags(["-Ounchecked"])],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        // A plain timer `compare/parquet_write.py` runs next to pyarrow and DuckDB writing the same data.
        .executableTarget(
            name: "ParquetWriteTimer",
            dependencies: [
                .product(name: "StrataFormats", package: strata),
                .product(name: "StrataStorage", package: strata),
                .product(name: "StrataCore", package: strata),
            ],
            path: "Sources/ParquetWriteTimer",
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]),
        // Expression workloads (arithmetic, comparisons, LIKE, regexp, date_trunc, casts, CASE), shared by the
        // benchmark and the timer that `compare/expressions.py` runs beside DuckDB.
        .target(
            name: "ExpressionWorkloads",
            dependencies: [
                .product(name: "StrataCore", package: strata),
                .product(name: "StrataPlanner", package: strata),
                .product(name: "StrataExecution", package: strata),
            ],
            path: "Sources/ExpressionWorkloads",
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]),
        .executableTarget(
            name: "ExpressionBenchmarks",
            dependencies: [.product(name: "Benchmark", package: "benchmark"), "ExpressionWorkloads"],
            path: "Benchmarks/ExpressionBenchmarks",
            swiftSettings: [.unsafeFlags(["-Ounchecked"])],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "ExpressionTimer",
            dependencies: ["ExpressionWorkloads"],
            path: "Sources/ExpressionTimer",
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]),
        // The operator workloads (hash aggregate, hash join, sort), shared by the benchmark and the timer.
        .target(
            name: "ExecutionWorkloads",
            dependencies: [
                .product(name: "StrataCore", package: strata),
                .product(name: "StrataPlanner", package: strata),
                .product(name: "StrataExecution", package: strata),
            ],
            path: "Sources/ExecutionWorkloads",
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]),
        .executableTarget(
            name: "ExecutionBenchmarks",
            dependencies: [.product(name: "Benchmark", package: "benchmark"), "ExecutionWorkloads"],
            path: "Benchmarks/ExecutionBenchmarks",
            swiftSettings: [.unsafeFlags(["-Ounchecked"])],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        // A plain timer `compare/operators.py` runs next to DuckDB, on the same data.
        .executableTarget(
            name: "ExecutionTimer",
            dependencies: ["ExecutionWorkloads"],
            path: "Sources/ExecutionTimer",
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]),
        // beside DuckDB's read_csv/read_json.
        .executableTarget(
            name: "TextBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "StrataCore", package: strata),
                .product(name: "StrataFormats", package: strata),
            ],
            path: "Benchmarks/TextBenchmarks",
            swiftSettings: [.unsafeFlags(["-Ounchecked"])],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "TextTimer",
            dependencies: [
                .product(name: "StrataCore", package: strata),
                .product(name: "StrataFormats", package: strata),
                .product(name: "StrataStorage", package: strata),
            ],
            path: "Sources/TextTimer",
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]),
        // Lexing and parsing the 22 TPC-H queries of grammar/examples/tpch.
        .executableTarget(
            name: "SQLParseBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "StrataSQL", package: strata),
            ],
            path: "Benchmarks/SQLParseBenchmarks",
            swiftSettings: [.unsafeFlags(["-Ounchecked"])],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)
