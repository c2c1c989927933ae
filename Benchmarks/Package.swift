// swift-tools-version: 6.1
// Strata's micro-benchmarks (ordo-one/benchmark), a package of their own that depends on Strata by path.
// Run with `swift package --package-path Benchmarks benchmark`. Comparisons against other engines live in
// `Benchmarks/compare/`.
import PackageDescription

let package = Package(
    name: "StrataBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: []
)
