// The Thrift compact decoder and every footer and page structure decoded with it. A structure that
// decodes must survive a round trip through the project's own encoder unchanged, and a footer's schema
// must build or fail with a ParquetError.
import StrataFormats

enum ThriftFuzzer: FuzzTarget {
    static let name = "thrift"

    static func run(_ input: UnsafeRawBufferPointer) {
        // Only the fact that a footer or chunk names encryption metadata is kept (to refuse the file), and
        // the writer never writes any: the flags alone do not survive the round trip.
        if let metadata = roundTrip(FileMetaData.self, input, ignoring: copyEncryptionFlags) {
            _ = try? ParquetSchema(elements: metadata.schema)
        }
        _ = roundTrip(PageHeader.self, input)
        _ = roundTrip(ColumnIndex.self, input)
        _ = roundTrip(OffsetIndex.self, input)
        _ = roundTrip(BloomFilterHeader.self, input)
        // Skipping an unknown struct walks every wire type, with the depth limit.
        var reader = ThriftCompactReader(input)
        try? reader.skip(.struct)
        precondition(reader.position <= input.count, "the reader went past its bytes")
    }

    /// The decoded value, after checking that encoding and decoding it again gives it back.
    static func roundTrip<T: ThriftCodable & Equatable>(
        _ type: T.Type, _ input: UnsafeRawBufferPointer, ignoring: (T, inout T) -> Void = { _, _ in }
    ) -> T? {
        guard let (value, length) = try? T.decode(input) else { return nil }
        precondition(length <= input.count, "\(T.self) decoded from \(length) bytes of \(input.count)")
        let encoded = value.encoded()
        var again: T
        do {
            again = try encoded.withUnsafeBytes { (raw) throws(ParquetError) in try T.decode(raw).0 }
        } catch {
            preconditionFailure("\(T.self) re-encoded by ThriftCompactWriter does not decode: \(error)")
        }
        ignoring(value, &again)
        precondition(again == value, "\(T.self) changes in a round trip: \(difference(value, again) ?? "?")")
        return value
    }

    static func copyEncryptionFlags(_ from: FileMetaData, _ to: inout FileMetaData) {
        to.isEncrypted = from.isEncrypted
        for group in to.rowGroups.indices where group < from.rowGroups.count {
            for column in to.rowGroups[group].columns.indices where column < from.rowGroups[group].columns.count {
                to.rowGroups[group].columns[column].isEncrypted = from.rowGroups[group].columns[column].isEncrypted
            }
        }
    }

    /// The first place two values differ, as a path of property names and what each side holds there.
    static func difference(_ a: Any, _ b: Any, path: String = "") -> String? {
        let left = Mirror(reflecting: a)
        let right = Mirror(reflecting: b)
        let leftChildren = Array(left.children)
        let rightChildren = Array(right.children)
        if leftChildren.isEmpty || leftChildren.count != rightChildren.count {
            let (x, y) = ("\(a)", "\(b)")
            return x == y ? nil : "\(path): \(x.prefix(200)) became \(y.prefix(200))"
        }
        for (index, (l, r)) in zip(leftChildren, rightChildren).enumerated() {
            if let found = difference(l.value, r.value, path: path + "." + (l.label ?? String(index))) { return found }
        }
        return nil
    }
}
