// The medallion lake end to end, as `make demo` runs it: the generated bronze data of each domain, ingested
// into silver with `strata ingest` and built into gold with `strata materialize`, whose figures must equal
// the same figures computed independently by DuckDB straight from the bronze files (the domain's oracle,
// `Oracles/<domain>_oracle.py`, which implements the silver rules on its own). Then a re-run changes nothing.
import Foundation
import StrataTestSupport
import Testing

@Suite(.serialized) struct PipelineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let oracles = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Oracles").path

    @Test(arguments: ["algae", "ecommerce", "healthcare"])
    func goldFiguresEqualDuckDBsFromBronze(domain: String) throws {
        let folder = try TemporaryDirectory("strata-pipeline-\(domain)")
        try Subprocess.run(
            "/usr/bin/env",
            ["python3", Self.root + "/datasets/generate.py", "--lake", folder.path, "--domain", domain, "--scale", "0.3", "--seed", "7", "--quiet"])
        let lake = folder.file(domain)
        // The oracle reads bronze as generated, before ingestion moves the files it rejects.
        let oracle = try Subprocess.run("/usr/bin/env", ["python3", Self.oracles + "/\(domain)_oracle.py", "--lake", lake])

        let ingest = try Subprocess.capture(StrataExecutable.path, ["ingest", "--lake", lake, "--models", Self.root + "/datasets/\(domain)/silver"])
        #expect(ingest.status == 0, "\(ingest.standardError)")
        let materialize = try Subprocess.capture(
            StrataExecutable.path, ["materialize", "--lake", lake, "--models", Self.root + "/datasets/\(domain)/gold"])
        #expect(materialize.status == 0, "\(materialize.standardError)")
        #expect(materialize.standardOutput.contains(" 0 failed,"), "\(materialize.standardOutput)")

        let comparison = try Subprocess.capture(
            "/usr/bin/env", ["python3", Self.oracles + "/compare_oracle.py", StrataExecutable.path, lake], input: oracle)
        #expect(comparison.status == 0, "\(comparison.standardOutput)\(comparison.standardError)")

        // Again on the same bronze: everything up to date, nothing written but the run's metrics.
        let again = try Subprocess.capture(StrataExecutable.path, ["ingest", "--lake", lake, "--models", Self.root + "/datasets/\(domain)/silver"])
        #expect(again.standardOutput.contains(" 0 built,"), "\(again.standardOutput)")
        let rematerialize = try Subprocess.capture(
            StrataExecutable.path, ["materialize", "--lake", lake, "--models", Self.root + "/datasets/\(domain)/gold"])
        #expect(rematerialize.standardOutput.contains(" 0 built,"), "\(rematerialize.standardOutput)")
    }
}
