// `strata query --format parquet --output FILE`: a result streamed into one Parquet file, batch by batch,
// published whole when complete (a failed query leaves no file).
import StrataCore
import StrataFormats
import StrataStorage

extension QueryResult {
    /// Writes every remaining row to the Parquet file at the absolute local `path` (or `s3://` URI);
    /// returns the number of rows.
    public func writeParquet(to path: String, options: ParquetWriterOptions = ParquetWriterOptions()) throws -> Int {
        let (store, key): (any ObjectStore, String)
        switch try StorageLocation(parsing: path, workingDirectory: "/") {
        case .local(let absolute): (store, key) = (LocalObjectStore(root: "/"), String(absolute.dropFirst()))
        case .s3(let bucket, let prefix): (store, key) = (try StorageLocation.s3(bucket: bucket, prefix: "").makeStore(), prefix)
        }
        var seen = Set<String>()
        var fields: [Field] = []
        for field in schema {
            guard seen.insert(field.name).inserted else {
                throw LakeError("column \(field.name) appears twice; a Parquet file needs distinct names (name them apart with AS)")
            }
            guard field.type != .unknown else { throw LakeError("column \(field.name) is NULL without a type; CAST it to the type it should have") }
            fields.append(Field(field.name, field.type))
        }
        let writer = try ParquetWriter(store: store, key: key, schema: Schema(fields), options: options)
        do {
            while let batch = try next() { try writer.write(batch) }
            return try writer.close().rowCount
        } catch {
            writer.abort()
            close()
            throw error
        }
    }
}
