// Writing Parquet from engine batches into memory (no storage in the way): 500 000 rows of integers,
// doubles, timestamps, low- and high-cardinality strings and a nullable column, per codec and for the
// PLAIN-only and DELTA encodings, so regressions in encoding, statistics or compression show.
import Benchmark
import Foundation
import StrataCore
import StrataFormats
import StrataStorage

/// An object writer that counts bytes and keeps none.
final class DiscardingWriter: ObjectWriter {
    private(set) var bytes = 0
    func write(_ bytes: UnsafeRawBufferPointer) throws(StorageError) { self.bytes += bytes.count }
    func finish() throws(StorageError) {}
    func abort() {}
}

let rows = 500_000
let schema = Schema([
    Field("id", .bigint), Field("amount", .double), Field("event_time", .timestamp), Field("city", .varchar),
    Field("session", .varchar), Field("quantity", .integer),
])

/// The benchmark's batches, 50 000 rows each.
let batches: [Batch] = {
    var generator = SystemRandomNumberGenerator()
    var result: [Batch] = []
    for start in stride(from: 0, to: rows, by: 50_000) {
        var id = ColumnBuilder(type: .bigint, capacity: 50_000)
        var amount = ColumnBuilder(type: .double, capacity: 50_000)
        var time = ColumnBuilder(type: .timestamp, capacity: 50_000)
        var city = ColumnBuilder(type: .varchar, capacity: 50_000)
        var session = ColumnBuilder(type: .varchar, capacity: 50_000)
        var quantity = ColumnBuilder(type: .integer, capacity: 50_000)
        for row in start..<(start + 50_000) {
            id.append(.integer(Int64(row)))
            amount.append(.double(Double.random(in: 0..<1000, using: &generator)))
            time.append(.timestamp(1_700_000_000_000_000 + Int64(row) * 997))
            city.append(.varchar("city-\(Int.random(in: 0..<2000, using: &generator))"))
            session.append(.varchar("s-\(row)-\(Int.random(in: 0..<1_000_000, using: &generator))"))
            quantity.append(row % 10 == 0 ? .null : .integer(Int64.random(in: 0..<500, using: &generator)))
        }
        result.append(Batch(
            columns: [id.finish(), amount.finish(), time.finish(), city.finish(), session.finish(), quantity.finish()], count: 50_000))
    }
    return result
}()

func write(_ options: ParquetWriterOptions) throws -> Int {
    let output = DiscardingWriter()
    let writer = try ParquetWriter(output: output, schema: schema, options: options)
    for batch in batches { try writer.write(batch) }
    try writer.close()
    return output.bytes
}

let benchmarks: @Sendable () -> Void = {
    var variants: [(String, ParquetWriterOptions)] = []
    for codec in [CompressionCodec.uncompressed, .snappy, .zstd] {
        variants.append(("write \(codec.name)", ParquetWriterOptions(compression: codec)))
    }
    var plain = ParquetWriterOptions()
    plain.dictionary = .never
    variants.append(("write SNAPPY plain", plain))
    var delta = ParquetWriterOptions()
    delta.columnEncodings = ["id": .deltaBinaryPacked, "event_time": .deltaBinaryPacked, "session": .deltaByteArray, "amount": .byteStreamSplit]
    variants.append(("write SNAPPY delta", delta))
    for (name, options) in variants {
        Benchmark(name, configuration: .init(metrics: [.wallClock, .throughput, .mallocCountTotal], maxIterations: 20)) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try write(options)) }
        }
    }
}
