// The values of a fixed-width column (BOOLEAN, INT32, INT64, FLOAT, DOUBLE, decimal FIXED_LEN_BYTE_ARRAY)
// for the page being written: gathered densely into their physical form, bounded (NaN left out), then
// either mapped to dictionary indices or kept as plain values until the page is encoded. The chunk writer
// reaches it through `ColumnValueEncoder`, where generic code is not specialized by itself: the per-slice
// entry points carry a specialization for each physical value, so the loops inside run on concrete types.
import StrataCore

final class FixedWidthValueEncoder<Value: ParquetFixedValue>: ColumnValueEncoder {
    private let typeLength: Int
    private let plan: ValueEncodingPlan
    private let gather: FixedValueGather<Value>
    private let bloom: BloomFilterCollector?

    private var dictionary: FixedWidthDictionary<Value>?
    private var usesDictionary: Bool
    /// Whether no page with values has been finished in this chunk yet.
    private var isFirstPage = true
    /// Dictionary indices (UInt32) or plain values of the page.
    private var pageIndices = Buffer()
    private var pageValues = Buffer()
    private var pageCount = 0
    private var scratch = Buffer()

    private var pageMin: Value?
    private var pageMax: Value?
    private var chunkMin: Value?
    private var chunkMax: Value?

    init(column: ParquetColumnType, plan: ValueEncodingPlan, bloomFilter: Bool) {
        typeLength = column.typeLength
        self.plan = plan
        gather = FixedValueGathering.make(for: column.field.type, as: Value.self, column: column.name)
        bloom = bloomFilter ? BloomFilterCollector() : nil
        usesDictionary = plan.startsWithDictionary
        if usesDictionary { dictionary = FixedWidthDictionary() }
    }

    private var plainWidth: Int { Value.plainSize(count: 8, typeLength: typeLength) / 8 }

    func rowsFitting(_ column: Column, from start: Int, maxRows: Int, budget: Int) -> Int {
        let rows: Int
        if usesDictionary {
            let bits = ValueEncodingPlan.indexBitWidth((dictionary?.count ?? 0) + 1)
            rows = Swift.min(ValueEncodingPlan.dictionarySliceRows, budget * 8 / bits)
        } else if Value.self == UInt8.self {
            rows = budget * 8
        } else {
            rows = budget / Swift.max(1, plainWidth)
        }
        return Swift.max(1, Swift.min(maxRows, rows))
    }

    @_specialize(where Value == UInt8)
    @_specialize(where Value == Int32)
    @_specialize(where Value == Int64)
    @_specialize(where Value == Float)
    @_specialize(where Value == Double)
    @_specialize(where Value == Int128)
    func append(_ column: Column, rows: Range<Int>) throws(ParquetError) {
        scratch.reserve(rows.count * MemoryLayout<Value>.stride)
        let dense = scratch.baseAddress.assumingMemoryBound(to: Value.self)
        let count = try gather(column, rows, dense)
        guard count > 0 else { return }
        updateBounds(dense, count)
        if usesDictionary, let dictionary {
            let target = pageIndices.extend(by: count * 4).assumingMemoryBound(to: UInt32.self)
            dictionary.encode(dense, count: count, into: target)
        } else {
            pageValues.append(contentsOf: UnsafeRawBufferPointer(start: dense, count: count * MemoryLayout<Value>.stride))
            if let bloom {
                for index in 0..<count { bloom.add(dense[index].bloomHash(typeLength: typeLength)) }
            }
        }
        pageCount += count
    }

    private func updateBounds(_ values: UnsafePointer<Value>, _ count: Int) {
        var index = 0
        // The first ordered value seeds the bounds.
        if pageMin == nil {
            while index < count && !values[index].isOrdered { index += 1 }
            guard index < count else { return }
            pageMin = values[index]
            pageMax = values[index]
        }
        var low = pageMin!
        var high = pageMax!
        while index < count {
            let value = values[index]
            if value.isOrdered {
                if Value.isLess(value, low) { low = value }
                if Value.isLess(high, value) { high = value }
            }
            index &+= 1
        }
        pageMin = low
        pageMax = high
    }

    var estimatedPageBytes: Int {
        if usesDictionary {
            return (pageCount * ValueEncodingPlan.indexBitWidth(dictionary?.count ?? 0) + 7) / 8
        }
        return Value.plainSize(count: pageCount, typeLength: typeLength)
    }

    var dictionaryIsFull: Bool {
        guard usesDictionary, let dictionary else { return false }
        return dictionary.count * plainWidth >= plan.dictionaryLimit
    }

    @_specialize(where Value == UInt8)
    @_specialize(where Value == Int32)
    @_specialize(where Value == Int64)
    @_specialize(where Value == Float)
    @_specialize(where Value == Double)
    @_specialize(where Value == Int128)
    func finishPage(into bytes: inout [UInt8]) throws(ParquetError) -> EncodedPageValues {
        defer {
            pageIndices.count = 0
            pageValues.count = 0
            pageCount = 0
            pageMin = nil
            pageMax = nil
        }
        guard pageCount > 0 else { return EncodedPageValues(encoding: .plain, valueCount: 0, bounds: nil) }
        if usesDictionary && isFirstPage && plan.dictionaryMustPay && !dictionaryPays { dropDictionary() }
        isFirstPage = false
        let encoding: Encoding
        if usesDictionary, let dictionary {
            ValueEncodingPlan.appendDictionaryIndices(pageIndices, count: pageCount, dictionaryCount: dictionary.count, into: &bytes)
            encoding = .rleDictionary
        } else {
            try encodePlainPage(into: &bytes)
            encoding = plan.fallbackEncoding
        }
        var bounds: (min: [UInt8], max: [UInt8])?
        if let pageMin, let pageMax {
            bounds = (pageMin.asMinimum.statisticBytes(typeLength: typeLength), pageMax.asMaximum.statisticBytes(typeLength: typeLength))
            if chunkMin == nil || Value.isLess(pageMin, chunkMin!) { chunkMin = pageMin }
            if chunkMax == nil || Value.isLess(chunkMax!, pageMax) { chunkMax = pageMax }
        }
        return EncodedPageValues(encoding: encoding, valueCount: pageCount, bounds: bounds)
    }

    /// Whether the dictionary and indices of the first page are smaller than its plain values.
    private var dictionaryPays: Bool {
        guard let dictionary else { return false }
        let encoded = dictionary.count * plainWidth + (pageCount * ValueEncodingPlan.indexBitWidth(dictionary.count) + 7) / 8
        return encoded < Value.plainSize(count: pageCount, typeLength: typeLength)
    }

    /// Turns the first page's indices back into values and forgets the dictionary for this chunk.
    private func dropDictionary() {
        guard let dictionary else { return }
        let values = dictionary.valuePointer
        let indices = pageIndices.baseAddress.assumingMemoryBound(to: UInt32.self)
        let target = pageValues.extend(by: pageCount * MemoryLayout<Value>.stride).assumingMemoryBound(to: Value.self)
        for index in 0..<pageCount { target[index] = values[Int(indices[index])] }
        if let bloom {
            for index in 0..<pageCount { bloom.add(target[index].bloomHash(typeLength: typeLength)) }
        }
        self.dictionary = nil
        usesDictionary = false
    }

    private func encodePlainPage(into bytes: inout [UInt8]) throws(ParquetError) {
        let values = UnsafeBufferPointer(start: pageValues.baseAddress.assumingMemoryBound(to: Value.self), count: pageCount)
        switch plan.fallbackEncoding {
        case .deltaBinaryPacked where Value.self == Int32.self:
            DeltaBinaryPackedEncoder.encode(
                UnsafeBufferPointer(start: UnsafeRawPointer(values.baseAddress!).assumingMemoryBound(to: Int32.self), count: pageCount),
                into: &bytes)
        case .deltaBinaryPacked where Value.self == Int64.self:
            DeltaBinaryPackedEncoder.encode(
                UnsafeBufferPointer(start: UnsafeRawPointer(values.baseAddress!).assumingMemoryBound(to: Int64.self), count: pageCount),
                into: &bytes)
        case .byteStreamSplit:
            var plain: [UInt8] = []
            Value.appendPlain(values, typeLength: typeLength, into: &plain)
            plain.withUnsafeBytes { ByteStreamSplitEncoder.encode($0, width: plainWidth, into: &bytes) }
        case .deltaByteArray where Value.self == Int128.self:
            var plain: [UInt8] = []
            Value.appendPlain(values, typeLength: typeLength, into: &plain)
            let offsets = (0...pageCount).map { Int64($0 * typeLength) }
            offsets.withUnsafeBufferPointer { offsets in
                plain.withUnsafeBytes { raw in
                    DeltaByteArrayEncoder.encode(offsets: offsets.baseAddress!, bytes: raw.baseAddress!, count: pageCount, into: &bytes)
                }
            }
        case .plain:
            Value.appendPlain(values, typeLength: typeLength, into: &bytes)
        default:
            throw ParquetError(.unsupported, "encoding \(plan.fallbackEncoding.name) cannot be written for these values")
        }
    }

    func stopDictionary() {
        guard usesDictionary else { return }
        usesDictionary = false
        if let bloom, let dictionary {
            for index in 0..<dictionary.count { bloom.add(dictionary.valuePointer[index].bloomHash(typeLength: typeLength)) }
        }
    }

    func dictionaryPage(into bytes: inout [UInt8]) -> Int? {
        guard let dictionary, dictionary.count > 0 else { return nil }
        Value.appendPlain(UnsafeBufferPointer(start: dictionary.valuePointer, count: dictionary.count), typeLength: typeLength, into: &bytes)
        return dictionary.count
    }

    var chunkBounds: (min: [UInt8], max: [UInt8])? {
        guard let chunkMin, let chunkMax else { return nil }
        return (chunkMin.asMinimum.statisticBytes(typeLength: typeLength), chunkMax.asMaximum.statisticBytes(typeLength: typeLength))
    }

    func isLess(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        Value.isLess(decode(lhs), decode(rhs))
    }

    /// A value from its statistics bytes.
    private func decode(_ bytes: [UInt8]) -> Value {
        if Value.self == Int128.self {
            var value: Int128 = bytes.first.map { $0 & 0x80 != 0 ? -1 : 0 } ?? 0
            for byte in bytes { value = (value &<< 8) | Int128(byte) }
            return unsafeBitCast(value, to: Value.self)
        }
        return bytes.withUnsafeBytes { $0.loadUnaligned(as: Value.self) }
    }

    func bloomFilter(falsePositiveRate: Double, maximumBytes: Int) -> SplitBlockBloomFilter? {
        guard let bloom else { return nil }
        if usesDictionary, let dictionary {
            for index in 0..<dictionary.count { bloom.add(dictionary.valuePointer[index].bloomHash(typeLength: typeLength)) }
        }
        return bloom.build(falsePositiveRate: falsePositiveRate, maximumBytes: maximumBytes)
    }

    func resetChunk() {
        usesDictionary = plan.startsWithDictionary
        dictionary = usesDictionary ? FixedWidthDictionary() : nil
        isFirstPage = true
        chunkMin = nil
        chunkMax = nil
        bloom?.reset()
        // Page buffers are released too: an idle writer should hold little.
        pageIndices = Buffer()
        pageValues = Buffer()
        scratch = Buffer()
    }

    var bufferedBytes: Int {
        pageIndices.count + pageValues.count + (dictionary?.memoryBytes ?? 0) + (bloom?.memoryBytes ?? 0)
    }

    var encodedBytes: Int {
        let entries = dictionary?.count ?? 0
        return packedIndexBytes(count: pageIndices.count / 4, entries: entries) + pageValues.count + entries * plainWidth
    }
}
