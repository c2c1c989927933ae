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
    ]
)
