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
