// The libFuzzer entry points of Strata's one fuzzing executable. All targets live in one binary so a CI
// run compiles and links the instrumented modules once; `--target=NAME` (libFuzzer ignores flags that start
// with `--`, so it passes them through) or `STRATA_FUZZ_TARGET=NAME` picks the target. Not `main.swift`:
// libFuzzer brings its own `main`.
#if canImport(Glibc)
import Glibc
#endif

/// One thing to fuzz: bytes in, and a trap (precondition, Swift runtime check, sanitizer report) only when
/// the code under test misbehaves. Errors the readers throw on bad input are the expected outcome.
protocol FuzzTarget {
    /// The name given to `--target=`, also the folder of its seed corpus under `Fuzz/Corpus/`.
    static var name: String { get }
    static func run(_ input: UnsafeRawBufferPointer)
}

enum FuzzTargets {
    static var all: [any FuzzTarget.Type] {
        [
            ThriftFuzzer.self, ParquetFileFuzzer.self, ParquetPageFuzzer.self, SQLFuzzer.self, CSVFuzzer.self,
            NDJSONFuzzer.self, HivePathFuzzer.self,
        ]
    }

    /// Set once by `LLVMFuzzerInitialize`, before any input runs.
    nonisolated(unsafe) static var selected: (any FuzzTarget.Type)?

    static func named(_ name: String) -> (any FuzzTarget.Type)? {
        all.first { $0.name == name }
    }

    static func fail(_ message: String) -> Never {
        let names = all.map { $0.name }.joined(separator: ", ")
        var text = "strata-fuzz: \(message); pass --target=NAME or set STRATA_FUZZ_TARGET (targets: \(names))\n"
        text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
        exit(2)
    }
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>
) -> CInt {
    var name = getenv("STRATA_FUZZ_TARGET").map { String(cString: $0) }
    for index in 0..<Int(argc.pointee) {
        guard let argument = argv.pointee[index].map({ String(cString: $0) }) else { continue }
        if argument.hasPrefix("--target=") { name = String(argument.dropFirst("--target=".count)) }
    }
    guard let name else { FuzzTargets.fail("no target chosen") }
    guard let target = FuzzTargets.named(name) else { FuzzTargets.fail("no target '\(name)'") }
    FuzzTargets.selected = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let target = FuzzTargets.selected else { FuzzTargets.fail("no target chosen") }
    target.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
