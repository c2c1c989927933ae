// Decodes one column chunk into engine columns, a batch of rows at a time. Pages are decompressed into a
// buffer the reader keeps; definition levels become the validity bitmap; values are decoded densely in
// bulk (straight into the column when layouts agree, else through a scratch buffer and a conversion
// kernel) and then spread around the nulls. Dictionary-encoded strings can stay dictionary-encoded.
// Rows can be skipped: whole pages are passed over by their headers (or jumped over with the offset
// index, when only some pages were fetched) without being decompressed, so pages with no wanted row
// are never decoded.
import CZlib
import StrataCore

public final class ColumnChunkReader {
    public let column: ColumnDescriptor
    public let type: DataType
    /// Pages read so far (dictionary pages included).
    public private(set) var pagesRead = 0
    /// Data pages decoded so far (skipped pages not included).
    public private(set) var dataPagesDecoded = 0
    /// The row of the chunk the next value read belongs to.
    public private(set) var rowPosition = 0
    /// The chunk's dictionary as engine values, once its dictionary page has been read.
    public private(set) var dictionary: Column?

    private let conversion: ValueConversion
    private let physical: PhysicalType
    /// Bytes per decoded physical value; nil for BYTE_ARRAY.
    private let physicalWidth: Int?
    private let codec: (any Codec)?
    private let verifyChecksums: Bool
    private let keepDictionaries: Bool
    private let file: String
    private let rowGroup: Int
    private var pages: PageReader
    private var page: DataPage?
    /// File offset of the page being decoded, for errors.
    private var pageOffset: Int
    private var sawDataPage = false
    /// From the offset index: each data page's first row and header offset, to jump to any page.
    private let pageFirstRows: [Int]?
    private let pageOffsets: [Int]?
    private var checkedDictionary = false

    // Buffers kept from page to page.
    private let pageBuffer = Buffer()
    private let physicalScratch = Buffer()
    private let indexScratch = Buffer()
    private let decodedIntegers = Buffer()
    private let decodedOffsets = Buffer()
    private let decodedBytes = Buffer()
    private let lengthScratch = Buffer()
    private let suffixOffsets = Buffer()
    private let scratchOffsets = Buffer()
    private let scratchBytes = Buffer()

    /// The largest page Strata decompresses; larger claims are treated as corrupt.
    static let maximumPageSize = 1 << 30

    /// A reader of the chunk at `range` of `bytes` (which starts at file offset `fileOffset - range.lowerBound`).
    init(
        column: ColumnDescriptor, codec: CompressionCodec, pages: PageReader, file: String, rowGroup: Int,
        options: ParquetReadOptions, offsetIndex: OffsetIndex? = nil
    ) throws(ParquetError) {
        guard let type = column.dataType else {
            throw ParquetError(
                .unsupported, column.unsupportedReason ?? "column cannot be read", file: file, rowGroup: rowGroup,
                column: column.name)
        }
        self.column = column
        self.type = type
        conversion = column.conversion
        physical = column.physicalType
        physicalWidth = column.physicalType.decodedWidth(typeLength: column.typeLength)
        do throws(ParquetError) {
            self.codec = try codec.makeCodec()
        } catch {
            throw error.located(file: file, rowGroup: rowGroup, column: column.name)
        }
        verifyChecksums = options.verifyChecksums
        keepDictionaries = options.keepDictionaries
        self.file = file
        self.rowGroup = rowGroup
        self.pages = pages
        pageOffset = pages.chunk.lowerBound
        if let locations = offsetIndex?.pageLocations, !locations.isEmpty {
            pageFirstRows = locations.map { Int($0.firstRowIndex) }
            pageOffsets = locations.map { Int($0.offset) }
        } else {
            pageFirstRows = nil
            pageOffsets = nil
        }
    }

    // MARK: Reading rows

    /// The next `rows` values of the column.
    public func read(rows: Int) throws(ParquetError) -> Column {
        do throws(ParquetError) {
            return try readRows(rows)
        } catch {
            throw error.located(file: file, rowGroup: rowGroup, column: column.name, offset: pageOffset)
        }
    }

    private func readRows(_ rows: Int) throws(ParquetError) -> Column {
        if conversion == .nulls {
            rowPosition += rows
            return Column.nulls(.unknown, count: rows)
        }
        if rows == 0 {
            var empty = ColumnBuilder(type: type, capacity: 0)
            return empty.finish()
        }
        var current: DataPage
        if let existing = page, existing.remaining > 0 {
            current = existing
        } else {
            current = try nextDataPage()
        }
        let validity: Bitmap? = column.maxDefinitionLevel > 0 ? Bitmap(count: rows, allSet: false) : nil
        let useIndices = keepDictionaries && type.isVariableWidth && dictionary != nil && current.values.isDictionary
        var output = ColumnOutput(type: type, rows: rows, dictionaryIndices: useIndices)
        var filled = 0
        var presentTotal = 0
        while filled < rows {
            if current.remaining == 0 { current = try nextDataPage() }
            let slots = Swift.min(rows - filled, current.remaining)
            let present: Int
            if let validity {
                do throws(ParquetError) {
                    present = try decodeValidity(&current.levels, into: validity, at: filled, count: slots)
                } catch {
                    throw ParquetError(error.code, "definition levels: " + error.message)
                }
            } else {
                present = slots
            }
            if case .dictionary(var decoder) = current.values {
                try decodeDictionaryIndices(&decoder, count: present, into: &output, at: filled)
                current.values = .dictionary(decoder)
            } else {
                if output.isIndices { output.materialize(filled: filled, dictionary: dictionary!, validity: validity) }
                try decodeValues(&current.values, count: present, into: output, at: filled)
            }
            if present < slots, let validity {
                output.spread(
                    row: filled, slots: slots, present: present,
                    validity: UnsafePointer(validity.buffer.baseAddress.assumingMemoryBound(to: UInt8.self)))
            }
            current.remaining -= slots
            if current.remaining == 0 { try Self.checkFullyDecoded(current.values) }
            filled += slots
            presentTotal += present
        }
        page = current
        rowPosition += rows
        if output.isIndices && (dictionary?.count ?? 0) == 0 {
            output.materialize(filled: rows, dictionary: dictionary!, validity: validity)
        }
        return output.finish(validity: presentTotal == rows ? nil : validity, dictionary: dictionary)
    }

    /// Passes over `rows` values. Whole pages are skipped undecoded; within a page the values are
    /// decoded and dropped.
    public func skip(rows: Int) throws(ParquetError) {
        do throws(ParquetError) {
            try skipRows(rows)
        } catch {
            throw error.located(file: file, rowGroup: rowGroup, column: column.name, offset: pageOffset)
        }
    }

    private func skipRows(_ rows: Int) throws(ParquetError) {
        if conversion == .nulls {
            rowPosition += rows
            return
        }
        var left = rows
        while left > 0 {
            if let current = page, current.remaining > 0 {
                if left < current.remaining {
                    _ = try readRows(left)
                    return
                }
                left -= current.remaining
                rowPosition += current.remaining
                page = nil
                continue
            }
            if let firstRows = pageFirstRows, let offsets = pageOffsets {
                let target = rowPosition + left
                // The last page starting at or before the target row.
                var low = 0
                var high = firstRows.count
                while low < high {
                    let middle = (low + high) / 2
                    if firstRows[middle] <= target { low = middle + 1 } else { high = middle }
                }
                let index = low - 1
                if index >= 0 && firstRows[index] > rowPosition {
                    try loadDictionaryIfAny()
                    pages.seek(to: offsets[index])
                    rowPosition = firstRows[index]
                    left = target - rowPosition
                    if left == 0 { return }
                }
                page = try nextDataPage()
                continue
            }
            guard let info = try pages.next() else {
                throw ParquetError(.corrupt, "the column chunk ends before the row group's last row")
            }
            pageOffset = info.offset
            switch info.header.type {
            case .dictionaryPage:
                pagesRead += 1
                guard dictionary == nil, !sawDataPage else {
                    throw ParquetError(.corrupt, "a dictionary page after the chunk's first page")
                }
                try loadDictionary(info)
            case .dataPage, .dataPageV2:
                sawDataPage = true
                if let count = info.rowCount, count >= 0, count <= left {
                    // A whole page of skipped rows: never decompressed.
                    left -= count
                    rowPosition += count
                } else {
                    pagesRead += 1
                    dataPagesDecoded += 1
                    page = try loadDataPage(info)
                }
            case .indexPage:
                continue
            }
        }
    }

    /// Reads the dictionary page before jumping into the middle of a chunk: with the offset index,
    /// bytes before the first data page are the dictionary page.
    private func loadDictionaryIfAny() throws(ParquetError) {
        guard !checkedDictionary else { return }
        checkedDictionary = true
        guard dictionary == nil, !sawDataPage, let first = pageOffsets?.first, pages.chunk.lowerBound < first else { return }
        pages.seek(to: pages.chunk.lowerBound)
        guard let info = try pages.next() else { return }
        pageOffset = info.offset
        if info.header.type == .dictionaryPage {
            pagesRead += 1
            try loadDictionary(info)
        }
    }

    /// The values of the given rows (ascending, none before `rowPosition`), skipping the rows between
    /// them: runs of nearby rows are decoded together and the wanted ones picked out, far-apart runs
    /// are reached by skipping (whole pages undecoded).
    public func read(selected rows: UnsafeBufferPointer<Int32>) throws(ParquetError) -> Column {
        guard !rows.isEmpty else { return try read(rows: 0) }
        var pieces: [Column] = []
        var index = 0
        while index < rows.count {
            let start = Int(rows[index])
            var end = index + 1
            while end < rows.count && Int(rows[end]) - Int(rows[end - 1]) <= Self.runGap { end += 1 }
            let last = Int(rows[end - 1])
            guard start >= rowPosition, last >= start else {
                throw ParquetError(.corrupt, "rows asked for out of order (row \(start) after row \(rowPosition))")
            }
            try skip(rows: start - rowPosition)
            let span = try read(rows: last - start + 1)
            if end - index == last - start + 1 {
                pieces.append(span)
            } else {
                var picked = [Int32](repeating: 0, count: end - index)
                for position in index..<end { picked[position - index] = rows[position] - Int32(start) }
                pieces.append(span.gather(picked))
            }
            index = end
        }
        return pieces.count == 1 ? pieces[0] : Column.concatenate(pieces, type: pieces[0].type)
    }

    /// The chunk's dictionary (as engine values), reading its dictionary page if the chunk starts with
    /// one; nil when it has none. Only the dictionary page need have been fetched.
    public func readDictionaryPage() throws(ParquetError) -> Column? {
        if let dictionary { return dictionary }
        // A column of the NULL logical type is NULL whatever its pages hold: nothing in them is read.
        guard !sawDataPage, conversion != .nulls else { return nil }
        do throws(ParquetError) {
            pages.seek(to: pages.chunk.lowerBound)
            guard let info = try pages.next(), info.header.type == .dictionaryPage else {
                pages.seek(to: pages.chunk.lowerBound)
                return nil
            }
            pageOffset = info.offset
            pagesRead += 1
            try loadDictionary(info)
            return dictionary
        } catch {
            throw error.located(file: file, rowGroup: rowGroup, column: column.name, offset: pageOffset)
        }
    }

    /// Data pages in the chunk, counted from its page headers when it was fetched whole; nil when only
    /// some of its pages were.
    public func countDataPages() -> Int? {
        let whole = pages.segments.contains {
            $0.fileRange.lowerBound <= pages.chunk.lowerBound && $0.fileRange.upperBound >= pages.chunk.upperBound
        }
        guard whole else { return nil }
        var walker = PageReader(segments: pages.segments, chunk: pages.chunk)
        var count = 0
        while let info = try? walker.next() {
            if info.header.type == .dataPage || info.header.type == .dataPageV2 { count += 1 }
        }
        return count
    }

    /// Wanted rows at most this far apart are decoded as one run.
    static let runGap = 2048

    private func decodeValidity(_ levels: inout LevelSource, into validity: Bitmap, at row: Int, count: Int) throws(ParquetError) -> Int {
        let bits = validity.buffer.baseAddress.assumingMemoryBound(to: UInt8.self)
        let maxLevel = UInt32(column.maxDefinitionLevel)
        switch levels {
        case .allPresent:
            ValidityBits.setRange(bits, from: row, count: count)
            return count
        case .rle(var decoder):
            let present = try decoder.decodeValidity(into: bits, bitOffset: row, count: count, maxLevel: maxLevel)
            levels = .rle(decoder)
            return present
        case .bitPacked(var decoder):
            let present = try decoder.decodeValidity(into: bits, bitOffset: row, count: count, maxLevel: maxLevel)
            levels = .bitPacked(decoder)
            return present
        }
    }

    // MARK: Values

    /// Decodes `count` dictionary indices, checks them, and writes them (indices layout) or the values
    /// they point to at `row`.
    private func decodeDictionaryIndices(
        _ decoder: inout RLEBitPackedDecoder, count: Int, into output: inout ColumnOutput, at row: Int
    ) throws(ParquetError) {
        guard count > 0 else { return }
        let dictionary = self.dictionary!
        let indices: UnsafeMutablePointer<UInt32>
        if output.isIndices {
            indices = output.indicesTarget(row)
        } else {
            indexScratch.count = 0
            indexScratch.reserve(count * 4)
            indices = indexScratch.baseAddress.assumingMemoryBound(to: UInt32.self)
        }
        try decoder.decode(into: indices, count: count)
        var largest: UInt32 = 0
        for index in 0..<count { largest = Swift.max(largest, indices[index]) }
        guard Int(largest) < dictionary.count else {
            throw ParquetError(
                .corrupt, "dictionary index \(largest) is out of range (the dictionary has \(dictionary.count) values)")
        }
        switch output.layout {
        case .indices:
            break
        case .fixed(let width):
            ColumnOutput.gatherFixed(indices, count: count, dictionary: dictionary, width: width, into: output.fixedTarget(row, width: width))
        case .variable:
            ColumnOutput.gatherVariable(indices, count: count, dictionary: dictionary, offsets: output.offsetsTarget(row), bytes: output.bytes!)
        }
    }

    /// Decodes `count` non-dictionary values densely at `row` of `output`, converting them to the engine type.
    private func decodeValues(_ source: inout ValueSource, count: Int, into output: ColumnOutput, at row: Int) throws(ParquetError) {
        guard count > 0 else { return }
        // The values come from one page, so they cannot take more bytes than a page may: check before
        // the scratch buffers are sized from a width the schema claims.
        if let physicalWidth {
            let (size, overflow) = count.multipliedReportingOverflow(by: physicalWidth)
            guard !overflow, size <= Self.maximumPageSize else {
                throw ParquetError(.corrupt, "\(count) values of \(physicalWidth) bytes are more than a page holds")
            }
        }
        switch (physicalWidth, output.layout) {
        case (let physicalWidth?, .fixed(let width)):
            let target = output.fixedTarget(row, width: width)
            if conversion.decodesInPlace {
                try decodePhysicalFixed(&source, count: count, into: target)
                ValueKernels.adjustInPlace(conversion, target, count: count)
            } else {
                physicalScratch.count = 0
                physicalScratch.reserve(count * physicalWidth)
                try decodePhysicalFixed(&source, count: count, into: physicalScratch.baseAddress)
                try ValueKernels.convertFixed(
                    conversion, source: physicalScratch.baseAddress, count: count, width: physicalWidth, into: target)
            }
        case (let physicalWidth?, .variable):
            physicalScratch.count = 0
            physicalScratch.reserve(count * physicalWidth)
            try decodePhysicalFixed(&source, count: count, into: physicalScratch.baseAddress)
            ValueKernels.convertToVariable(
                conversion, source: physicalScratch.baseAddress, count: count, width: physicalWidth,
                offsets: output.offsetsTarget(row), bytes: output.bytes!)
        case (nil, .variable):
            try decodePhysicalByteArrays(&source, count: count, offsets: output.offsetsTarget(row), bytes: output.bytes!)
        case (nil, .fixed(let width)):
            scratchOffsets.count = 0
            scratchOffsets.reserve((count + 1) * 8)
            scratchOffsets.baseAddress.storeBytes(of: Int64(0), as: Int64.self)
            scratchBytes.count = 0
            let offsets = scratchOffsets.baseAddress.assumingMemoryBound(to: Int64.self)
            try decodePhysicalByteArrays(&source, count: count, offsets: offsets, bytes: scratchBytes)
            try ValueKernels.convertByteArraysToDecimal(
                offsets: offsets, bytes: scratchBytes.baseAddress, count: count, into: output.fixedTarget(row, width: width))
        case (_, .indices):
            preconditionFailure("plain values into a dictionary-indices column")
        }
    }

    /// A PLAIN page's values must use all its bytes. Bytes left over mean its sizes, its value count or
    /// its levels lie: a REQUIRED column's v1 page that carries definition levels (ARROW-GH-47662) would
    /// otherwise read the levels as values.
    private static func checkFullyDecoded(_ values: ValueSource) throws(ParquetError) {
        if case .plain(let decoder) = values, decoder.unusedBytes > 0 {
            throw ParquetError(.corrupt, "PLAIN page has \(decoder.unusedBytes) bytes left after its values")
        }
    }

    /// At the row group's last row: the chunk must hold no more values, in this page or a later one. A
    /// chunk longer than its row group (ARROW-GH-41317) is corrupt, not a few rows to drop without a word.
    func checkEnd(rowCount: Int) throws(ParquetError) {
        guard conversion != .nulls else { return }
        do throws(ParquetError) {
            let more = ParquetError(.corrupt, "the column chunk holds more values than the row group's \(rowCount) rows")
            if let page, page.remaining > 0 { throw more }
            while let info = try pages.next() {
                pageOffset = info.offset
                if let count = info.rowCount, count != 0 { throw more }
            }
        } catch {
            throw error.located(file: file, rowGroup: rowGroup, column: column.name, offset: pageOffset)
        }
    }

    private func tooFewValues(_ count: Int, left: Int) -> ParquetError {
        ParquetError(.corrupt, "page holds \(left) values where its levels need \(count) more")
    }

    /// Decodes `count` fixed-width physical values (booleans as one byte each) to `target`.
    private func decodePhysicalFixed(_ source: inout ValueSource, count: Int, into target: UnsafeMutableRawPointer) throws(ParquetError) {
        let width = physicalWidth!
        switch source {
        case .plain(var decoder):
            if physical == .boolean {
                try decoder.decodeBooleans(count: count, into: target.assumingMemoryBound(to: UInt8.self))
            } else {
                try decoder.decodeFixed(count: count, width: width, into: target)
            }
            source = .plain(decoder)
        case .rleBooleans(var decoder):
            indexScratch.count = 0
            indexScratch.reserve(count * 4)
            let bits = indexScratch.baseAddress.assumingMemoryBound(to: UInt32.self)
            try decoder.decode(into: bits, count: count)
            let output = target.assumingMemoryBound(to: UInt8.self)
            for index in 0..<count { output[index] = UInt8(truncatingIfNeeded: bits[index]) }
            source = .rleBooleans(decoder)
        case .integers(let next, let total):
            guard count <= total - next else { throw tooFewValues(count, left: total - next) }
            let values = decodedIntegers.baseAddress.assumingMemoryBound(to: Int64.self) + next
            if physical == .int64 {
                target.copyMemory(from: values, byteCount: count * 8)
            } else {
                let output = target.assumingMemoryBound(to: Int32.self)
                for index in 0..<count { output[index] = Int32(truncatingIfNeeded: values[index]) }
            }
            source = .integers(next: next + count, count: total)
        case .byteArrays(let next, let total, let base):
            // FIXED_LEN_BYTE_ARRAY from DELTA_BYTE_ARRAY: every value was checked to be `width` bytes.
            guard count <= total - next else { throw tooFewValues(count, left: total - next) }
            let offsets = decodedOffsets.baseAddress.assumingMemoryBound(to: Int64.self)
            target.copyMemory(from: base + Int(offsets[next]), byteCount: count * width)
            source = .byteArrays(next: next + count, count: total, base: base)
        case .byteStreamSplit(var decoder):
            try decoder.decode(count: count, into: target)
            source = .byteStreamSplit(decoder)
        case .dictionary:
            preconditionFailure("dictionary indices decoded as values")
        }
    }

    /// Decodes `count` BYTE_ARRAY values, appending to `bytes` with end offsets in `offsets[1...count]`.
    private func decodePhysicalByteArrays(
        _ source: inout ValueSource, count: Int, offsets: UnsafeMutablePointer<Int64>, bytes: Buffer
    ) throws(ParquetError) {
        switch source {
        case .plain(var decoder):
            try decoder.decodeByteArrays(count: count, offsets: offsets, bytes: bytes)
            source = .plain(decoder)
        case .byteArrays(let next, let total, let base):
            guard count <= total - next else { throw tooFewValues(count, left: total - next) }
            let ends = decodedOffsets.baseAddress.assumingMemoryBound(to: Int64.self) + next
            let start = Int(ends[0])
            let length = Int(ends[count]) - start
            let written = Int64(bytes.count)
            bytes.extend(by: length).copyMemory(from: base + start, byteCount: length)
            let shift = written - Int64(start)
            for index in 0..<count { offsets[index + 1] = ends[index + 1] &+ shift }
            source = .byteArrays(next: next + count, count: total, base: base)
        default:
            throw ParquetError(.corrupt, "byte array column with a page of fixed-width values")
        }
    }

    // MARK: Pages

    /// The next data page, reading the dictionary page on the way.
    private func nextDataPage() throws(ParquetError) -> DataPage {
        while let info = try pages.next() {
            pageOffset = info.offset
            pagesRead += 1
            switch info.header.type {
            case .dictionaryPage:
                guard dictionary == nil, !sawDataPage else {
                    throw ParquetError(.corrupt, "a dictionary page after the chunk's first page")
                }
                try loadDictionary(info)
            case .dataPage, .dataPageV2:
                sawDataPage = true
                dataPagesDecoded += 1
                let page = try loadDataPage(info)
                if page.valueCount > 0 { return page }
            case .indexPage:
                continue
            }
        }
        throw ParquetError(.corrupt, "the column chunk ends before the row group's last row")
    }

    /// Decompresses (or copies) the stored bytes of `info` into the page buffer, which ends up holding
    /// `size` bytes; the first `rawPrefix` stored bytes (v2 levels) are copied as they are.
    private func loadPayload(_ info: PageInfo, size: Int, rawPrefix: Int = 0, compressed: Bool = true) throws(ParquetError) -> UnsafeRawBufferPointer {
        guard size <= Self.maximumPageSize else {
            throw ParquetError(.corrupt, "page claims \(size) uncompressed bytes, more than the \(Self.maximumPageSize) Strata reads")
        }
        let stored = info.compressedSize
        guard rawPrefix <= stored, rawPrefix <= size else {
            throw ParquetError(.corrupt, "page levels (\(rawPrefix) bytes) are longer than the page (\(stored) stored, \(size) uncompressed)")
        }
        pageBuffer.count = 0
        pageBuffer.reserve(size + 16)
        let target = UnsafeMutableRawBufferPointer(start: pageBuffer.baseAddress, count: size)
        let codec = compressed ? self.codec : nil
        let verify = verifyChecksums
        try UnsafeBytes.with(info.bytes) { (raw) throws(ParquetError) in
            let input = UnsafeRawBufferPointer(rebasing: raw[info.dataStart..<(info.dataStart + stored)])
            if verify, let expected = info.header.crc {
                let actual = crc32(0, input.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(input.count))
                guard UInt32(truncatingIfNeeded: actual) == UInt32(bitPattern: expected) else {
                    throw ParquetError(
                        .corrupt, "page checksum mismatch: stored CRC \(String(UInt32(bitPattern: expected), radix: 16)), computed \(String(actual, radix: 16))")
                }
            }
            if rawPrefix > 0 {
                target.baseAddress!.copyMemory(from: input.baseAddress!, byteCount: rawPrefix)
            }
            let body = UnsafeRawBufferPointer(rebasing: input[rawPrefix...])
            let bodyTarget = UnsafeMutableRawBufferPointer(rebasing: target[rawPrefix...])
            if let codec {
                try codec.decompress(body, into: bodyTarget)
            } else {
                guard body.count == bodyTarget.count else {
                    throw ParquetError(.corrupt, "uncompressed page stores \(stored) bytes but its header says \(size)")
                }
                if body.count > 0 { bodyTarget.baseAddress!.copyMemory(from: body.baseAddress!, byteCount: body.count) }
            }
        }
        pageBuffer.count = size
        return UnsafeRawBufferPointer(start: pageBuffer.baseAddress, count: size)
    }

    private func loadDictionary(_ info: PageInfo) throws(ParquetError) {
        guard let header = info.header.dictionaryPageHeader else {
            throw ParquetError(.corrupt, "dictionary page without a dictionary page header")
        }
        guard header.encoding == .plain || header.encoding == .plainDictionary else {
            throw ParquetError(.unsupported, "dictionary page encoded \(header.encoding.name)")
        }
        let count = Int(header.numValues)
        let payload = try loadPayload(info, size: Int(info.header.uncompressedPageSize))
        // PLAIN values take at least a bit (booleans), their width, or a 4-byte length each: check the
        // claimed count before allocating for it.
        let bitsPerValue = physical == .boolean ? 1 : (physicalWidth.map { $0 * 8 } ?? 32)
        guard count >= 0, count <= payload.count * 8 / Swift.max(bitsPerValue, 1) || bitsPerValue == 0 else {
            throw ParquetError(.corrupt, "dictionary page claims \(count) values in \(payload.count) bytes")
        }
        var source = ValueSource.plain(PlainDecoder(payload))
        let output = ColumnOutput(type: type, rows: count, dictionaryIndices: false)
        try decodeValues(&source, count: count, into: output, at: 0)
        // Every byte is a value: FIXED_LEN_BYTE_ARRAY values written with BYTE_ARRAY lengths
        // (ARROW-RS-GH-11261) would otherwise read as a dictionary of garbage.
        if case .plain(let decoder) = source, decoder.unusedBytes > 0 || (count == 0 && payload.count > 0) {
            throw ParquetError(
                .corrupt, "dictionary page of \(count) values holds \(payload.count) bytes; the values take \(payload.count - (count == 0 ? payload.count : decoder.unusedBytes))")
        }
        dictionary = output.finish(validity: nil, dictionary: nil)
    }

    private func loadDataPage(_ info: PageInfo) throws(ParquetError) -> DataPage {
        let header = info.header
        let size = Int(header.uncompressedPageSize)
        let valueCount: Int
        let encoding: Encoding
        var levels = LevelSource.allPresent
        let values: UnsafeRawBufferPointer
        let levelWidth = BitPacking.width(UInt32(column.maxDefinitionLevel))
        if header.type == .dataPageV2 {
            guard let v2 = header.dataPageHeaderV2 else { throw ParquetError(.corrupt, "v2 data page without its header") }
            valueCount = Int(v2.numValues)
            encoding = v2.encoding
            let repetitionLength = Int(v2.repetitionLevelsByteLength)
            let definitionLength = Int(v2.definitionLevelsByteLength)
            guard valueCount >= 0, v2.numNulls >= 0, v2.numNulls <= v2.numValues, repetitionLength >= 0, definitionLength >= 0 else {
                throw ParquetError(.corrupt, "v2 data page header has negative counts")
            }
            guard column.maxRepetitionLevel > 0 || repetitionLength == 0 else {
                throw ParquetError(.corrupt, "v2 data page has \(repetitionLength) bytes of repetition levels in a flat column")
            }
            let levelBytes = repetitionLength + definitionLength
            let payload = try loadPayload(info, size: size, rawPrefix: levelBytes, compressed: v2.isCompressed)
            if column.maxDefinitionLevel > 0 {
                if v2.numNulls > 0 {
                    let region = UnsafeRawBufferPointer(rebasing: payload[repetitionLength..<levelBytes])
                    levels = .rle(try RLEBitPackedDecoder(region, bitWidth: levelWidth))
                }
            } else if v2.numNulls > 0 {
                throw ParquetError(.corrupt, "v2 data page of a required column claims \(v2.numNulls) nulls")
            }
            values = UnsafeRawBufferPointer(rebasing: payload[levelBytes...])
        } else {
            guard let v1 = header.dataPageHeader else { throw ParquetError(.corrupt, "data page without a data page header") }
            valueCount = Int(v1.numValues)
            encoding = v1.encoding
            guard valueCount >= 0 else { throw ParquetError(.corrupt, "data page claims \(valueCount) values") }
            let payload = try loadPayload(info, size: size)
            var cursor = 0
            if column.maxDefinitionLevel > 0 {
                switch v1.definitionLevelEncoding {
                case .rle:
                    guard payload.count >= 4 else { throw ParquetError(.corrupt, "data page too short for its definition levels") }
                    let length = Int(UInt32(littleEndian: payload.loadUnaligned(as: UInt32.self)))
                    guard length <= payload.count - 4 else {
                        throw ParquetError(.corrupt, "definition levels of \(length) bytes run past the \(payload.count)-byte page")
                    }
                    levels = .rle(try RLEBitPackedDecoder(UnsafeRawBufferPointer(rebasing: payload[4..<(4 + length)]), bitWidth: levelWidth))
                    cursor = 4 + length
                case .bitPacked:
                    let length = BitPackedLevelDecoder.byteCount(levels: valueCount, bitWidth: levelWidth)
                    guard length <= payload.count else {
                        throw ParquetError(.corrupt, "BIT_PACKED definition levels run past the end of the page")
                    }
                    levels = .bitPacked(BitPackedLevelDecoder(UnsafeRawBufferPointer(rebasing: payload[0..<length]), bitWidth: levelWidth))
                    cursor = length
                default:
                    throw ParquetError(.unsupported, "definition levels encoded \(v1.definitionLevelEncoding.name)")
                }
            }
            values = UnsafeRawBufferPointer(rebasing: payload[cursor...])
        }
        let source = try makeValueSource(encoding, values, valueCount: valueCount)
        return DataPage(
            offset: info.offset, encoding: encoding, valueCount: valueCount, remaining: valueCount, levels: levels,
            values: source)
    }

    private func makeValueSource(_ encoding: Encoding, _ bytes: UnsafeRawBufferPointer, valueCount: Int) throws(ParquetError) -> ValueSource {
        func unsupported() -> ParquetError {
            ParquetError(.unsupported, "\(encoding.name) encoding of a \(physical.name) column")
        }
        switch encoding {
        case .plain:
            return .plain(PlainDecoder(bytes))
        case .plainDictionary, .rleDictionary:
            guard dictionary != nil else {
                throw ParquetError(.corrupt, "dictionary-encoded page in a column chunk without a dictionary page")
            }
            guard let bitWidth = bytes.first else {
                // No bit width byte: a page of nulls only.
                return .dictionary(try RLEBitPackedDecoder(bytes, bitWidth: 0))
            }
            guard bitWidth <= 32 else { throw ParquetError(.corrupt, "dictionary index bit width \(bitWidth) exceeds 32") }
            return .dictionary(try RLEBitPackedDecoder(UnsafeRawBufferPointer(rebasing: bytes[1...]), bitWidth: Int(bitWidth)))
        case .rle:
            guard physical == .boolean else { throw unsupported() }
            guard bytes.count >= 4 else { throw ParquetError(.corrupt, "RLE boolean page too short for its length prefix") }
            let length = Int(UInt32(littleEndian: bytes.loadUnaligned(as: UInt32.self)))
            guard length <= bytes.count - 4 else { throw ParquetError(.corrupt, "RLE booleans of \(length) bytes run past the page") }
            return .rleBooleans(try RLEBitPackedDecoder(UnsafeRawBufferPointer(rebasing: bytes[4..<(4 + length)]), bitWidth: 1))
        case .deltaBinaryPacked:
            guard physical == .int32 || physical == .int64 else { throw unsupported() }
            _ = try DeltaBinaryPackedDecoder.decode(bytes, maximumCount: valueCount, into: decodedIntegers)
            return .integers(next: 0, count: decodedIntegers.count / 8)
        case .deltaLengthByteArray:
            guard physical == .byteArray else { throw unsupported() }
            let (dataStart, _) = try DeltaLengthByteArrayDecoder.decode(
                bytes, maximumCount: valueCount, offsets: decodedOffsets, lengths: lengthScratch)
            return .byteArrays(next: 0, count: decodedOffsets.count / 8 - 1, base: bytes.nonNullBase + dataStart)
        case .deltaByteArray:
            guard physical == .byteArray || physical == .fixedLenByteArray else { throw unsupported() }
            let count = try DeltaByteArrayDecoder.decode(
                bytes, maximumCount: valueCount, offsets: decodedOffsets, values: decodedBytes, scratch: lengthScratch,
                suffixOffsets: suffixOffsets)
            if physical == .fixedLenByteArray {
                let offsets = decodedOffsets.baseAddress.assumingMemoryBound(to: Int64.self)
                for index in 0..<count where Int(offsets[index + 1] - offsets[index]) != column.typeLength {
                    throw ParquetError(
                        .corrupt, "DELTA_BYTE_ARRAY value of \(offsets[index + 1] - offsets[index]) bytes in a \(column.typeLength)-byte column")
                }
            }
            return .byteArrays(next: 0, count: count, base: UnsafeRawPointer(decodedBytes.baseAddress))
        case .byteStreamSplit:
            guard let width = physicalWidth, physical != .boolean, physical != .int96 else { throw unsupported() }
            return .byteStreamSplit(try ByteStreamSplitDecoder(bytes, width: width))
        case .bitPacked:
            throw unsupported()
        }
    }
}
