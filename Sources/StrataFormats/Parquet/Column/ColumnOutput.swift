// The buffers one batch of one column is decoded into, and the loops that work on them in bulk:
// dictionary gathers, and spreading densely decoded values out to their rows around the nulls.
import StrataCore

struct ColumnOutput {
    enum Layout {
        /// `rows` values of `width` bytes.
        case fixed(width: Int)
        /// `rows + 1` `Int64` offsets into `bytes`.
        case variable
        /// `rows` `UInt32` indices into the chunk's dictionary.
        case indices
    }

    let type: DataType
    let rows: Int
    private(set) var layout: Layout
    /// Values (fixed), offsets (variable) or indices.
    private(set) var main: Buffer
    /// The value bytes of a variable layout.
    private(set) var bytes: Buffer?

    init(type: DataType, rows: Int, dictionaryIndices: Bool) {
        self.type = type
        self.rows = rows
        if dictionaryIndices {
            layout = .indices
            main = Buffer(capacity: rows * 4)
        } else if let width = type.byteWidth {
            layout = .fixed(width: width)
            main = Buffer(capacity: rows * width)
        } else {
            layout = .variable
            main = Buffer(capacity: (rows + 1) * 8)
            main.baseAddress.storeBytes(of: Int64(0), as: Int64.self)
            bytes = Buffer()
        }
    }

    var isIndices: Bool {
        if case .indices = layout { return true }
        return false
    }

    /// Where the fixed-width value of `row` goes.
    func fixedTarget(_ row: Int, width: Int) -> UnsafeMutableRawPointer { main.baseAddress + row * width }

    /// The offsets from `row` on (`offsets[0]` is the end of the values before `row`).
    func offsetsTarget(_ row: Int) -> UnsafeMutablePointer<Int64> {
        main.baseAddress.assumingMemoryBound(to: Int64.self) + row
    }

    func indicesTarget(_ row: Int) -> UnsafeMutablePointer<UInt32> {
        main.baseAddress.assumingMemoryBound(to: UInt32.self) + row
    }

    /// Turns the indices decoded so far (for rows `0..<filled`) into the values they point to: for a
    /// page that is not dictionary-encoded arriving in the middle of a batch. Null rows hold index 0,
    /// which an empty dictionary does not have, so they are skipped.
    mutating func materialize(filled: Int, dictionary: Column, validity: Bitmap?) {
        guard case .indices = layout else { return }
        let indices = main.baseAddress.assumingMemoryBound(to: UInt32.self)
        let kept = main
        self = ColumnOutput(type: type, rows: rows, dictionaryIndices: false)
        withExtendedLifetime(kept) {
            guard case .variable = layout,
                case .variableWidth(let dictionaryOffsets, let dictionaryBytes) = dictionary.storage
            else { preconditionFailure("only variable-width columns keep dictionary indices") }
            let ends = dictionaryOffsets.baseAddress.assumingMemoryBound(to: Int64.self)
            let offsets = offsetsTarget(0)
            let bytes = self.bytes!
            for row in 0..<filled {
                if validity?.isSet(row) ?? true {
                    let value = Int(indices[row])
                    let start = Int(ends[value])
                    let length = Int(ends[value + 1]) - start
                    bytes.extend(by: length).copyMemory(from: dictionaryBytes.baseAddress + start, byteCount: length)
                }
                offsets[row + 1] = Int64(bytes.count)
            }
        }
    }

    /// The finished column of `rows` values.
    func finish(validity: Bitmap?, dictionary: Column?) -> Column {
        switch layout {
        case .fixed(let width):
            main.count = rows * width
            return Column(type: type, count: rows, values: main, validity: validity)
        case .variable:
            main.count = (rows + 1) * 8
            return Column(type: type, count: rows, offsets: main, bytes: bytes!, validity: validity)
        case .indices:
            main.count = rows * 4
            return Column(
                type: type, count: rows, validity: validity, storage: .dictionary(indices: main, dictionary: dictionary!))
        }
    }

    // MARK: Gathers

    /// `dictionary` values at `indices` (all checked in range), into fixed-width `target`.
    static func gatherFixed(
        _ indices: UnsafePointer<UInt32>, count: Int, dictionary: Column, width: Int, into target: UnsafeMutableRawPointer
    ) {
        guard case .fixedWidth(let buffer) = dictionary.storage else { preconditionFailure("dictionary is not fixed-width") }
        let source = buffer.baseAddress
        switch width {
        case 1: gather(indices, count, source, target, UInt8.self)
        case 2: gather(indices, count, source, target, UInt16.self)
        case 4: gather(indices, count, source, target, UInt32.self)
        case 8: gather(indices, count, source, target, UInt64.self)
        case 16: gather(indices, count, source, target, UInt128.self)
        default:
            for index in 0..<count {
                (target + index * width).copyMemory(from: source + Int(indices[index]) * width, byteCount: width)
            }
        }
    }

    @inlinable
    static func gather<T: BitwiseCopyable>(
        _ indices: UnsafePointer<UInt32>, _ count: Int, _ source: UnsafeRawPointer, _ target: UnsafeMutableRawPointer,
        _: T.Type
    ) {
        let values = source.assumingMemoryBound(to: T.self)
        let output = target.assumingMemoryBound(to: T.self)
        for index in 0..<count { output[index] = values[Int(indices[index])] }
    }

    /// `dictionary` values at `indices`, appended to `bytes` with end offsets in `offsets[1...count]`.
    static func gatherVariable(
        _ indices: UnsafePointer<UInt32>, count: Int, dictionary: Column, offsets: UnsafeMutablePointer<Int64>,
        bytes: Buffer
    ) {
        guard case .variableWidth(let dictionaryOffsets, let dictionaryBytes) = dictionary.storage else {
            preconditionFailure("dictionary is not variable-width")
        }
        let ends = dictionaryOffsets.baseAddress.assumingMemoryBound(to: Int64.self)
        var total = 0
        for index in 0..<count {
            let value = Int(indices[index])
            total &+= Int(ends[value &+ 1] &- ends[value])
        }
        let start = bytes.count
        let target = bytes.extend(by: total)
        let source = dictionaryBytes.baseAddress
        var written = 0
        for index in 0..<count {
            let value = Int(indices[index])
            let from = Int(ends[value])
            let length = Int(ends[value &+ 1]) &- from
            (target + written).copyMemory(from: source + from, byteCount: length)
            written &+= length
            offsets[index &+ 1] = Int64(start &+ written)
        }
    }

    // MARK: Spreading around nulls

    /// Moves `present` values decoded densely at `row` out to the rows of `row ..< row + slots` whose
    /// validity bit is set; null rows get zeros (or no bytes).
    func spread(row: Int, slots: Int, present: Int, validity: UnsafePointer<UInt8>) {
        switch layout {
        case .fixed(let width):
            let base = main.baseAddress + row * width
            switch width {
            case 1: ColumnOutput.spread(base, UInt8.self, row, slots, present, validity)
            case 2: ColumnOutput.spread(base, UInt16.self, row, slots, present, validity)
            case 4: ColumnOutput.spread(base, UInt32.self, row, slots, present, validity)
            case 8: ColumnOutput.spread(base, UInt64.self, row, slots, present, validity)
            case 16: ColumnOutput.spread(base, UInt128.self, row, slots, present, validity)
            default: preconditionFailure("no engine type is \(width) bytes wide")
            }
        case .indices:
            ColumnOutput.spread(main.baseAddress + row * 4, UInt32.self, row, slots, present, validity)
        case .variable:
            // Offsets: walk back from the last row, each taking the end of the next dense value.
            let offsets = offsetsTarget(row)
            var dense = present
            var slot = slots - 1
            while slot >= 0 {
                offsets[slot + 1] = offsets[dense]
                if ValidityBits.isSet(validity, row + slot) { dense -= 1 }
                slot -= 1
            }
        }
    }

    @inlinable
    static func spread<T: BitwiseCopyable & FixedWidthInteger>(
        _ base: UnsafeMutableRawPointer, _: T.Type, _ row: Int, _ slots: Int, _ present: Int, _ validity: UnsafePointer<UInt8>
    ) {
        let values = base.assumingMemoryBound(to: T.self)
        var dense = present - 1
        var slot = slots - 1
        while slot >= 0 {
            if ValidityBits.isSet(validity, row &+ slot) {
                values[slot] = values[dense]
                dense &-= 1
            } else {
                values[slot] = 0
            }
            slot &-= 1
        }
    }
}
