// Builds the result of CASE and COALESCE from pieces that each cover some rows of the scope, writing every
// value straight to its row (one pass, no concatenate-then-gather). A piece's values are either one per
// covered row (it was evaluated on just those rows) or are read at given rows (a column or literal of the
// whole scope, or an operand evaluated on more rows than it ends up covering).
import StrataCore

struct AssemblyPiece {
    /// Positions in the scope this piece covers, ascending.
    let positions: [Int32]
    let values: Column
    /// The row of `values` for each covered position; nil when they are one to one.
    let sourceRows: [Int32]?
}

enum ColumnAssembler {
    static func assemble(_ pieces: [AssemblyPiece], type: DataType, count: Int) -> Column {
        let validity = Bitmap(count: count, allSet: false)
        if let width = type.byteWidth {
            let buffer = Buffer(zeroedCount: count * width)
            for piece in pieces where piece.values.type == type && !piece.values.isConstantNull {
                let source = KernelArgument(piece.values)
                guard case .fixedWidth(let values) = source.column.storage else { continue }
                switch width {
                case 1: scatter(UInt8.self, piece, source, values, buffer, validity)
                case 2: scatter(UInt16.self, piece, source, values, buffer, validity)
                case 4: scatter(UInt32.self, piece, source, values, buffer, validity)
                case 8: scatter(UInt64.self, piece, source, values, buffer, validity)
                case 16: scatter(UInt128.self, piece, source, values, buffer, validity)
                default: break
                }
            }
            return Column(type: type, count: count, values: buffer, validity: finalValidity(validity, count))
        }
        // Variable width: find each row's source first, then append in row order.
        var pieceOf = [Int32](repeating: -1, count: count)
        var rowOf = [Int32](repeating: 0, count: count)
        let sources = pieces.map { KernelArgument($0.values) }
        var total = 0
        for (pieceIndex, piece) in pieces.enumerated() where piece.values.type == type && !piece.values.isConstantNull {
            let source = sources[pieceIndex]
            let strings = source.strings()
            let sourceValidity = source.validity
            for (index, position) in piece.positions.enumerated() {
                let row = Int(piece.sourceRows?[index] ?? Int32(index)) & source.mask
                if let sourceValidity, !sourceValidity.isSet(row) { continue }
                pieceOf[Int(position)] = Int32(pieceIndex)
                rowOf[Int(position)] = Int32(row)
                total += strings[row].count
                validity.set(Int(position))
            }
        }
        var result = StringResult(type, count: count, validity: ResultValidity(nil, count: count), byteCapacity: total)
        let readers = sources.map { $0.column.isVariableWidthStorage ? $0.strings() : nil }
        for row in 0..<count {
            let pieceIndex = Int(pieceOf[row])
            if pieceIndex >= 0, let reader = readers[pieceIndex] {
                result.appendPart(reader[Int(rowOf[row])])
            }
            result.endRow()
        }
        let column = result.finish()
        guard case .variableWidth(let offsets, let bytes) = column.storage else { return column }
        return Column(type: type, count: count, offsets: offsets, bytes: bytes, validity: finalValidity(validity, count))
    }

    /// Copies a piece's values to their positions and marks the present ones valid.
    private static func scatter<T: BitwiseCopyable>(
        _: T.Type, _ piece: AssemblyPiece, _ source: KernelArgument, _ values: Buffer, _ target: Buffer, _ validity: Bitmap
    ) {
        let from = values.baseAddress.assumingMemoryBound(to: T.self)
        let to = target.baseAddress.assumingMemoryBound(to: T.self)
        let mask = source.mask
        let sourceValidity = source.validity
        piece.positions.withUnsafeBufferPointer { positions in
            if let rows = piece.sourceRows {
                rows.withUnsafeBufferPointer { rows in
                    for index in 0..<positions.count {
                        let row = Int(rows[index]) & mask
                        let position = Int(positions[index])
                        to[position] = from[row]
                        if sourceValidity?.isSet(row) ?? true { validity.set(position) }
                    }
                }
            } else {
                for index in 0..<positions.count {
                    let row = index & mask
                    let position = Int(positions[index])
                    to[position] = from[row]
                    if sourceValidity?.isSet(row) ?? true { validity.set(position) }
                }
            }
        }
    }

    private static func finalValidity(_ validity: Bitmap, _ count: Int) -> Bitmap? {
        validity.setCount == count ? nil : validity
    }
}

extension Column {
    var isVariableWidthStorage: Bool {
        if case .variableWidth = storage { return true }
        return false
    }
}
