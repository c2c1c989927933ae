// The interop matrix: files written by pyarrow (every type × codec × encoding × page version, with and
// without nulls, dictionary fallback, several row groups and pages, empty and all-null columns, long and
// non-ASCII strings), DuckDB and polars; every value Strata reads is compared with what pyarrow reads.
import Foundation
import StrataCore
import StrataTestSupport
import Testing
@testable import StrataFormats

@Suite struct InteropMatrixTests {
    @Test func everyValueMatchesPyarrow() throws {
        let folder = try TemporaryDirectory("parquet-matrix")
        try Python.run(try ParquetFixtures.script("interop_matrix.py"), arguments: [folder.path, "300"])
        let data = try Data(contentsOf: URL(fileURLWithPath: folder.file("expected.json")))
        let expected = try #require(JSONSerialization.jsonObject(with: data) as? [String: [String: [Any]]])
        #expect(expected.count > 150)
        var failures: [String] = []
        for (index, name) in expected.keys.sorted().enumerated() {
            let columns = expected[name]!
            // Vary the batch size so batches end inside pages, at page ends and across row groups.
            let batchSize = [65_536, 97, 7, 1000][index % 4]
            do {
                // pyarrow's SNAPPY files carry page checksums: verify them everywhere.
                var options = ParquetReadOptions()
                options.verifyChecksums = true
                let file = try ParquetFile.open(path: folder.file(name), options: options)
                let actual = try ParquetFixtures.readAll(file, batchSize: batchSize)
                if Set(actual.keys) != Set(columns.keys) {
                    failures.append("\(name): columns \(actual.keys.sorted()) where pyarrow has \(columns.keys.sorted())")
                    continue
                }
                for (column, values) in columns {
                    let mine = actual[column]!.map(canonicalText)
                    let theirs = values.map { $0 as? String }
                    guard mine != theirs else { continue }
                    let row = (0..<Swift.min(mine.count, theirs.count)).first { mine[$0] != theirs[$0] } ?? Swift.min(mine.count, theirs.count)
                    let got = row < mine.count ? String(describing: mine[row]).prefix(80) : "nothing"
                    let want = row < theirs.count ? String(describing: theirs[row]).prefix(80) : "nothing"
                    failures.append("\(name) \(column) (batch \(batchSize)): row \(row) is \(got), pyarrow reads \(want); \(mine.count) vs \(theirs.count) rows")
                }
            } catch {
                failures.append("\(name): \(error)")
            }
        }
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) mismatches:\n" + failures.prefix(40).joined(separator: "\n")))
    }
}
