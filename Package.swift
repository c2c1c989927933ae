// swift-tools-version: 6.1
// Strata: a SQL engine for Hive-partitioned Parquet data lakes.
//
// One target per layer; data flows one way and each layer knows only the ones before it:
//   StrataCore (types, columnar vectors) → StrataStorage (local, S3) → StrataFormats (Parquet, CSV, JSON)
//   StrataSQL (lexer, parser, AST) → StrataPlanner (binder, logical plan, optimizer)
//   → StrataExecution (vectorized operators) → StrataLake (discovery, ingestion, materialization)
//   → StrataCLI (commands, REPL) → strata (the executable)
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "Strata",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "strata", targets: ["strata"]),
        .library(name: "StrataCore", targets: ["StrataCore"]),
        .library(name: "StrataStorage", targets: ["StrataStorage"]),
        .library(name: "StrataFormats", targets: ["StrataFormats"]),
        .library(name: "StrataSQL", targets: ["StrataSQL"]),
        .library(name: "StrataPlanner", targets: ["StrataPlanner"]),
        .library(name: "StrataExecution", targets: ["StrataExecution"]),
        .library(name: "StrataLake", targets: ["StrataLake"]),
        .library(name: "StrataCLI", targets: ["StrataCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // C libraries from Debian, each behind a small module map.
        .systemLibrary(name: "CZstd", path: "Sources/CZstd"),
        .systemLibrary(name: "CSnappy", path: "Sources/CSnappy"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CLZ4", path: "Sources/CLZ4"),
        .systemLibrary(name: "CBrotli", path: "Sources/CBrotli"),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl"),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),

        // The layers.
        .target(name: "StrataCore", swiftSettings: strictSwift),
        .target(
            name: "StrataStorage",
            dependencies: [
                "StrataCore", "CCurl",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSwift),
        .target(
            name: "StrataFormats",
            dependencies: ["StrataCore", "StrataStorage", "CZstd", "CSnappy", "CZlib", "CLZ4", "CBrotli"],
            swiftSettings: strictSwift),
        .target(name: "StrataSQL", dependencies: ["StrataCore"], swiftSettings: strictSwift),
        .target(
            name: "StrataPlanner",
            dependencies: ["StrataCore", "StrataStorage", "StrataFormats", "StrataSQL"],
            swiftSettings: strictSwift),
        .target(
            name: "StrataExecution",
            dependencies: ["StrataCore", "StrataStorage", "StrataFormats", "StrataSQL", "StrataPlanner"],
            swiftSettings: strictSwift),
        .target(
            name: "StrataLake",
            dependencies: [
                "StrataCore", "StrataStorage", "StrataFormats", "StrataSQL", "StrataPlanner", "StrataExecution",
            ],
            swiftSettings: strictSwift),
        .target(
            name: "StrataCLI",
            dependencies: [
                "StrataCore", "StrataStorage", "StrataFormats", "StrataSQL", "StrataPlanner", "StrataExecution",
                "StrataLake", "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSwift),
        .executableTarget(name: "strata", dependencies: ["StrataCLI"], swiftSettings: strictSwift),

        // Tests mirror the sources: one test target per layer.
        .target(name: "StrataTestSupport", dependencies: ["StrataCore", "StrataStorage"], path: "Tests/StrataTestSupport"),
        .testTarget(name: "StrataCoreTests", dependencies: ["StrataCore", "StrataTestSupport"]),
        .testTarget(name: "StrataStorageTests", dependencies: ["StrataStorage", "StrataTestSupport"]),
        .testTarget(
            name: "StrataFormatsTests", dependencies: ["StrataFormats", "StrataTestSupport"],
            exclude: ["Parquet/Fixtures"]),
        .testTarget(name: "StrataSQLTests", dependencies: ["StrataSQL", "StrataTestSupport"]),
        .testTarget(name: "StrataPlannerTests", dependencies: ["StrataPlanner", "StrataTestSupport"]),
        .testTarget(name: "StrataExecutionTests", dependencies: ["StrataExecution", "StrataTestSupport"]),
        .testTarget(name: "StrataLakeTests", dependencies: ["StrataLake", "StrataTestSupport"]),
        .testTarget(name: "StrataCLITests", dependencies: ["StrataCLI", "StrataTestSupport"], exclude: ["Pipeline/Oracles"]),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer targets (Fuzz/README.md), only when STRATA_FUZZ=1: they have no `main` of their own and
// link only under `--sanitize fuzzer`, so ordinary builds and `swift test` must not see them. One
// executable holds every target so an instrumented build links once; `--target=NAME` picks one.
if Context.environment["STRATA_FUZZ"] == "1" {
    package.products.append(.executable(name: "strata-fuzz", targets: ["StrataFuzz"]))
    package.targets.append(
        .executableTarget(
            name: "StrataFuzz", dependencies: ["StrataCore", "StrataStorage", "StrataFormats", "StrataSQL", "StrataLake"],
            path: "Fuzz/StrataFuzz"))
}
