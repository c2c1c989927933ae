// The values of a BYTE_ARRAY column (VARCHAR, VARBINARY) for the page being written. Dictionary mode maps
// each value to its chunk dictionary index (an input column that is itself dictionary-encoded maps each
// of its entries once, not each row) and bounds the page by the entries it uses; plain mode copies the
// bytes in as few moves as the input allows. Bounds compare bytes unsigned, as the spec orders them.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StrataCore

final class ByteArrayValueEncoder: ColumnValueEncoder {
    private let name: String
    private let plan: ValueEncodingPlan
    private let bloom: BloomFilterCollector?

    private var dictionary: ByteArrayDictionary?
    private var usesDictionary: Bool
    private var isFirstPage = true
    private var pageCount = 0
    /// Dictionary mode: the page's indices (UInt32), and per dictionary entry the last page that used it.
    private var pageIndices = Buffer()
    private var entryPages = Buffer()
    private var pageNumber: UInt32 = 1
    /// Plain mode: the page's values as Int64 offsets (`pageCount + 1`) into its bytes.
    private var pageOffsets = Buffer()
    private var pageBytes = Buffer()
    /// The page's bounds: dictionary entries in dictionary mode, page values in plain mode.
    private var pageMin = -1
    private var pageMax = -1
    private var chunkMin: [UInt8]?
    private var chunkMax: [UInt8]?

    /// The input dictionary whose entries `mapping` translates to chunk dictionary indices (-1: not yet);
    /// held so its buffers cannot be freed and their addresses reused while the mapping is kept.
    private var mappedDictionary: Column?
    private var mapping = Buffer()
    /// A dictionary-storage input flattened for plain mode, and the indices buffer it came from.
    private var flattened: (source: Buffer, column: Column)?

    init(column: ParquetColumnType, plan: ValueEncodingPlan, bloomFilter: Bool) {
        name = column.name
        self.plan = plan
        bloom = bloomFilter ? BloomFilterCollector() : nil
        usesDictionary = plan.startsWithDictionary
        if usesDictionary { dictionary = ByteArrayDictionary() }
        pageOffsets.append(Int64(0))
    }

    // MARK: Appending

    func rowsFitting(_ column: Column, from start: Int, maxRows: Int, budget: Int) -> Int {
        if usesDictionary {
            let bits = ValueEncodingPlan.indexBitWidth((dictionary?.count ?? 0) + 1)
            return Swift.max(1, Swift.min(maxRows, ValueEncodingPlan.dictionarySliceRows, budget * 8 / bits))
        }
        guard let plain = try? plainColumn(column), case .variableWidth(let offsetBuffer, _) = plain.storage else {
            return Swift.max(1, maxRows)
        }
        let offsets = offsetBuffer.baseAddress.assumingMemoryBound(to: Int64.self)
        let validity = plain.validity
        var used = 0
        var rows = 0
        while rows < maxRows {
            let row = start + rows
            if validity?.isSet(row) ?? true {
                used += Int(offsets[row + 1] - offsets[row]) + 4
                if used > budget && rows > 0 { break }
            }
            rows += 1
        }
        return Swift.max(1, rows)
    }

    func append(_ column: Column, rows: Range<Int>) throws(ParquetError) {
        if usesDictionary, let dictionary {
            if case .dictionary(let indices, let inputDictionary) = column.storage {
                try appendMapped(column, indices: indices, inputDictionary: inputDictionary, rows: rows, into: dictionary)
            } else {
                try appendHashed(column, rows: rows, into: dictionary)
            }
        } else {
            try appendPlain(try plainColumn(column), rows: rows)
        }
    }

    /// Dictionary mode, plain input: each value hashed into the chunk dictionary.
    private func appendHashed(_ column: Column, rows: Range<Int>, into dictionary: ByteArrayDictionary) throws(ParquetError) {
        guard case .variableWidth(let offsetBuffer, let byteBuffer) = column.storage else {
            throw ParquetError(.corrupt, "column '\(name)' of type \(column.type) is not stored as byte arrays", column: name)
        }
        let offsets = offsetBuffer.baseAddress.assumingMemoryBound(to: Int64.self)
        let bytes = UnsafeRawPointer(byteBuffer.baseAddress)
        let validity = column.validity
        let indices = pageIndices
        let target = indices.extend(by: rows.count * 4).assumingMemoryBound(to: UInt32.self)
        var bounds = PageBounds(self)
        var count = 0
        for row in rows where validity?.isSet(row) ?? true {
            let start = Int(offsets[row])
            let index = dictionary.index(of: bytes + start, length: Int(offsets[row + 1]) - start)
            target[count] = index
            count &+= 1
            bounds.note(Int(index), dictionary)
        }
        bounds.store(into: self)
        indices.count -= (rows.count - count) * 4
        pageCount += count
    }

    /// Dictionary mode, dictionary input: each input entry hashed once per chunk, rows translated.
    private func appendMapped(
        _ column: Column, indices: Buffer, inputDictionary: Column, rows: Range<Int>, into dictionary: ByteArrayDictionary
    ) throws(ParquetError) {
        if mappedDictionary.map({ !Self.sameStorage($0, inputDictionary) }) ?? true {
            mappedDictionary = inputDictionary
            mapping = Buffer(capacity: inputDictionary.count * 4)
            mapping.extend(by: inputDictionary.count * 4).initializeMemory(as: Int32.self, repeating: -1, count: inputDictionary.count)
        }
        let source = inputDictionary.flattened()
        guard case .variableWidth(let offsetBuffer, let byteBuffer) = source.storage else {
            throw ParquetError(.corrupt, "dictionary of column '\(name)' is not stored as byte arrays", column: name)
        }
        let entryOffsets = offsetBuffer.baseAddress.assumingMemoryBound(to: Int64.self)
        let entryBytes = UnsafeRawPointer(byteBuffer.baseAddress)
        let entries = source.count
        let map = mapping.baseAddress.assumingMemoryBound(to: Int32.self)
        let positions = indices.baseAddress.assumingMemoryBound(to: Int32.self)
        let validity = column.validity
        let pageIndexBuffer = pageIndices
        let target = pageIndexBuffer.extend(by: rows.count * 4).assumingMemoryBound(to: UInt32.self)
        var bounds = PageBounds(self)
        var count = 0
        defer {
            bounds.store(into: self)
            pageIndexBuffer.count -= (rows.count - count) * 4
            pageCount += count
        }
        for row in rows where validity?.isSet(row) ?? true {
            let entry = Int(positions[row])
            guard entry >= 0 && entry < entries else {
                throw ParquetError(.corrupt, "row \(row) of column '\(name)' points at dictionary entry \(entry) of \(entries)", column: name)
            }
            var index = map[entry]
            if index < 0 {
                let start = Int(entryOffsets[entry])
                index = Int32(dictionary.index(of: entryBytes + start, length: Int(entryOffsets[entry + 1]) - start))
                map[entry] = index
            }
            target[count] = UInt32(index)
            count &+= 1
            bounds.note(Int(index), dictionary)
        }
    }

    /// The page's bounds while a slice is added in dictionary mode, in locals: each dictionary entry is
    /// compared the first time the page uses it (marked with the page number per entry).
    private struct PageBounds {
        let stamps: Buffer
        let page: UInt32
        var minimum: Int
        var maximum: Int

        init(_ encoder: ByteArrayValueEncoder) {
            stamps = encoder.entryPages
            page = encoder.pageNumber
            minimum = encoder.pageMin
            maximum = encoder.pageMax
        }

        @inline(__always)
        mutating func note(_ index: Int, _ dictionary: ByteArrayDictionary) {
            // Entries are added one at a time, so a new one is always the next.
            if index &* 4 >= stamps.count { stamps.append(UInt32(0)) }
            let marks = stamps.baseAddress.assumingMemoryBound(to: UInt32.self)
            guard marks[index] != page else { return }
            marks[index] = page
            if minimum < 0 {
                minimum = index
                maximum = index
                return
            }
            let value = dictionary.value(index)
            if ByteArrayValueEncoder.compare(value, dictionary.value(minimum)) < 0 { minimum = index }
            if ByteArrayValueEncoder.compare(value, dictionary.value(maximum)) > 0 { maximum = index }
        }

        func store(into encoder: ByteArrayValueEncoder) {
            encoder.pageMin = minimum
            encoder.pageMax = maximum
        }
    }

    /// Plain mode: bytes copied in runs of adjacent values, offsets rebased, each value bounded.
    private func appendPlain(_ column: Column, rows: Range<Int>) throws(ParquetError) {
        guard case .variableWidth(let offsetBuffer, let byteBuffer) = column.storage else {
            throw ParquetError(.corrupt, "column '\(name)' of type \(column.type) is not stored as byte arrays", column: name)
        }
        let offsets = offsetBuffer.baseAddress.assumingMemoryBound(to: Int64.self)
        let source = UnsafeRawPointer(byteBuffer.baseAddress)
        let validity = column.validity
        let pageByteBuffer = pageBytes
        let pageOffsetBuffer = pageOffsets
        // Room for every byte and offset of the slice (nulls usually hold no bytes).
        let span = Int(offsets[rows.upperBound] - offsets[rows.lowerBound])
        pageByteBuffer.reserve(pageByteBuffer.count + span)
        let firstValue = pageCount
        let offsetTarget = pageOffsetBuffer.extend(by: rows.count * 8).assumingMemoryBound(to: Int64.self)
        var runStart = -1
        var runEnd = -1
        var written = pageByteBuffer.count
        var count = 0
        for row in rows where validity?.isSet(row) ?? true {
            let start = Int(offsets[row])
            let end = Int(offsets[row + 1])
            if start != runEnd {
                if runStart >= 0 { pageByteBuffer.append(contentsOf: UnsafeRawBufferPointer(start: source + runStart, count: runEnd - runStart)) }
                runStart = start
            }
            runEnd = end
            written &+= end &- start
            offsetTarget[count] = Int64(written)
            count &+= 1
        }
        if runStart >= 0 { pageByteBuffer.append(contentsOf: UnsafeRawBufferPointer(start: source + runStart, count: runEnd - runStart)) }
        pageOffsetBuffer.count -= (rows.count - count) * 8
        pageCount += count
        guard count > 0 else { return }
        // Bounds and bloom hashes over the values just copied.
        let pageOffsetPointer = pageOffsetBuffer.baseAddress.assumingMemoryBound(to: Int64.self)
        let base = UnsafeRawPointer(pageByteBuffer.baseAddress)
        func value(_ index: Int) -> UnsafeRawBufferPointer {
            let start = Int(pageOffsetPointer[index])
            return UnsafeRawBufferPointer(start: base + start, count: Int(pageOffsetPointer[index &+ 1]) &- start)
        }
        var minimum = pageMin >= 0 ? pageMin : firstValue
        var maximum = pageMax >= 0 ? pageMax : firstValue
        var low = value(minimum)
        var high = value(maximum)
        for index in firstValue..<pageCount {
            let bytes = value(index)
            if let bloom { bloom.add(XXHash64.hash(bytes)) }
            if Self.compare(bytes, low) < 0 {
                minimum = index
                low = bytes
            }
            if Self.compare(bytes, high) > 0 {
                maximum = index
                high = bytes
            }
        }
        pageMin = minimum
        pageMax = maximum
    }

    @inline(__always)
    private func pageValue(_ index: Int, _ offsets: UnsafeMutablePointer<Int64>) -> UnsafeRawBufferPointer {
        let start = Int(offsets[index])
        return UnsafeRawBufferPointer(start: pageBytes.baseAddress + start, count: Int(offsets[index + 1]) - start)
    }

    /// `column` with plain byte-array storage: dictionary input flattened once per input column.
    private func plainColumn(_ column: Column) throws(ParquetError) -> Column {
        guard case .dictionary(let indices, _) = column.storage else { return column }
        if let flattened, flattened.source === indices, flattened.column.count == column.count { return flattened.column }
        let plain = column.flattened()
        flattened = (indices, plain)
        return plain
    }

    private static func sameStorage(_ lhs: Column, _ rhs: Column) -> Bool {
        guard lhs.count == rhs.count else { return false }
        switch (lhs.storage, rhs.storage) {
        case (.variableWidth(let a, let b), .variableWidth(let c, let d)): return a === c && b === d
        default: return false
        }
    }

    /// Unsigned lexicographic order of bytes.
    @inline(__always)
    static func compare(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Int {
        let common = Swift.min(lhs.count, rhs.count)
        if common > 0 {
            let order = memcmp(lhs.baseAddress!, rhs.baseAddress!, common)
            if order != 0 { return Int(order) }
        }
        return lhs.count - rhs.count
    }

    // MARK: Pages

    var estimatedPageBytes: Int {
        if usesDictionary {
            return (pageCount * ValueEncodingPlan.indexBitWidth(dictionary?.count ?? 0) + 7) / 8
        }
        return pageBytes.count + 4 * pageCount
    }

    var dictionaryIsFull: Bool {
        guard usesDictionary, let dictionary else { return false }
        return dictionary.plainSize >= plan.dictionaryLimit
    }

    func finishPage(into bytes: inout [UInt8]) throws(ParquetError) -> EncodedPageValues {
        defer {
            pageIndices.count = 0
            pageOffsets.count = 8
            pageBytes.count = 0
            pageCount = 0
            pageMin = -1
            pageMax = -1
            pageNumber &+= 1
        }
        guard pageCount > 0 else { return EncodedPageValues(encoding: .plain, valueCount: 0, bounds: nil) }
        let bounds = pageBounds()
        if usesDictionary && isFirstPage && plan.dictionaryMustPay && !dictionaryPays { dropDictionary() }
        isFirstPage = false
        let encoding: Encoding
        if usesDictionary, let dictionary {
            ValueEncodingPlan.appendDictionaryIndices(pageIndices, count: pageCount, dictionaryCount: dictionary.count, into: &bytes)
            encoding = .rleDictionary
        } else {
            let offsets = UnsafePointer(pageOffsets.baseAddress.assumingMemoryBound(to: Int64.self))
            let data = UnsafeRawPointer(pageBytes.baseAddress)
            switch plan.fallbackEncoding {
            case .deltaLengthByteArray:
                DeltaLengthByteArrayEncoder.encode(offsets: offsets, bytes: data, count: pageCount, into: &bytes)
            case .deltaByteArray:
                DeltaByteArrayEncoder.encode(offsets: offsets, bytes: data, count: pageCount, into: &bytes)
            case .plain:
                Self.appendPlain(offsets: offsets, bytes: data, count: pageCount, into: &bytes)
            default:
                throw ParquetError(.unsupported, "encoding \(plan.fallbackEncoding.name) cannot be written for column '\(name)'", column: name)
            }
            encoding = plan.fallbackEncoding
        }
        if let bounds {
            if chunkMin.map({ Self.less(bounds.min, $0) }) ?? true { chunkMin = bounds.min }
            if chunkMax.map({ Self.less($0, bounds.max) }) ?? true { chunkMax = bounds.max }
        }
        return EncodedPageValues(encoding: encoding, valueCount: pageCount, bounds: bounds)
    }

    private func pageBounds() -> (min: [UInt8], max: [UInt8])? {
        guard pageMin >= 0 else { return nil }
        if usesDictionary, let dictionary {
            return (Array(dictionary.value(pageMin)), Array(dictionary.value(pageMax)))
        }
        let offsets = pageOffsets.baseAddress.assumingMemoryBound(to: Int64.self)
        return (Array(pageValue(pageMin, offsets)), Array(pageValue(pageMax, offsets)))
    }

    /// PLAIN byte arrays: each value's 4-byte length, then its bytes.
    static func appendPlain(offsets: UnsafePointer<Int64>, bytes data: UnsafeRawPointer, count: Int, into bytes: inout [UInt8]) {
        let first = Int(offsets[0])
        let total = Int(offsets[count]) - first + 4 * count
        let start = bytes.count
        bytes.appendZeros(total)
        bytes.withUnsafeMutableBytes { output in
            var target = output.baseAddress! + start
            for index in 0..<count {
                let from = Int(offsets[index])
                let length = Int(offsets[index + 1]) - from
                target.storeBytes(of: UInt32(truncatingIfNeeded: length).littleEndian, as: UInt32.self)
                if length > 0 { (target + 4).copyMemory(from: data + from, byteCount: length) }
                target += 4 + length
            }
        }
    }

    private var dictionaryPays: Bool {
        guard let dictionary else { return false }
        let indices = pageIndices.baseAddress.assumingMemoryBound(to: UInt32.self)
        var plain = 4 * pageCount
        for index in 0..<pageCount { plain += dictionary.value(Int(indices[index])).count }
        let encoded = dictionary.plainSize + (pageCount * ValueEncodingPlan.indexBitWidth(dictionary.count) + 7) / 8
        return encoded < plain
    }

    /// Turns the first page's indices back into values and forgets the dictionary for this chunk.
    private func dropDictionary() {
        guard let dictionary else { return }
        let indices = pageIndices.baseAddress.assumingMemoryBound(to: UInt32.self)
        pageBytes.count = 0
        pageOffsets.count = 8
        var written = 0
        for index in 0..<pageCount {
            let value = dictionary.value(Int(indices[index]))
            pageBytes.append(contentsOf: value)
            written += value.count
            pageOffsets.append(Int64(written))
            if let bloom { bloom.add(XXHash64.hash(value)) }
        }
        self.dictionary = nil
        usesDictionary = false
        mappedDictionary = nil
    }

    func stopDictionary() {
        guard usesDictionary else { return }
        usesDictionary = false
        mappedDictionary = nil
        if let bloom, let dictionary {
            for index in 0..<dictionary.count { bloom.add(XXHash64.hash(dictionary.value(index))) }
        }
    }

    func dictionaryPage(into bytes: inout [UInt8]) -> Int? {
        guard let dictionary, dictionary.count > 0 else { return nil }
        Self.appendPlain(offsets: dictionary.offsetPointer, bytes: dictionary.bytePointer, count: dictionary.count, into: &bytes)
        return dictionary.count
    }

    var chunkBounds: (min: [UInt8], max: [UInt8])? {
        guard let chunkMin, let chunkMax else { return nil }
        return (chunkMin, chunkMax)
    }

    func isLess(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool { Self.less(lhs, rhs) }

    static func less(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        lhs.withUnsafeBytes { a in rhs.withUnsafeBytes { b in compare(a, b) < 0 } }
    }

    func bloomFilter(falsePositiveRate: Double, maximumBytes: Int) -> SplitBlockBloomFilter? {
        guard let bloom else { return nil }
        if usesDictionary, let dictionary {
            for index in 0..<dictionary.count { bloom.add(XXHash64.hash(dictionary.value(index))) }
        }
        return bloom.build(falsePositiveRate: falsePositiveRate, maximumBytes: maximumBytes)
    }

    func resetChunk() {
        usesDictionary = plan.startsWithDictionary
        dictionary = usesDictionary ? ByteArrayDictionary() : nil
        isFirstPage = true
        chunkMin = nil
        chunkMax = nil
        bloom?.reset()
        mappedDictionary = nil
        mapping = Buffer()
        flattened = nil
        pageIndices = Buffer()
        entryPages = Buffer()
        pageNumber = 1
        pageOffsets = Buffer()
        pageOffsets.append(Int64(0))
        pageBytes = Buffer()
    }

    var bufferedBytes: Int {
        pageIndices.count + pageOffsets.count + pageBytes.count + entryPages.count + mapping.count
            + (dictionary?.memoryBytes ?? 0) + (bloom?.memoryBytes ?? 0)
    }

    var encodedBytes: Int {
        // PLAIN pages hold a 4-byte length per value where `pageOffsets` holds 8 bytes.
        packedIndexBytes(count: pageIndices.count / 4, entries: dictionary?.count ?? 0) + pageBytes.count + pageOffsets.count / 2
            + (dictionary?.plainSize ?? 0)
    }
}
