// Hashes of the values of one key column, written into (or folded into) an array of row hashes.

enum ColumnHasher {
    /// Writes the hash of each row of `vector` into `hashes`, or folds it into the hash already there when
    /// `combine` is set (for the second and later key columns).
    static func hash(_ vector: KeyVector, into hashes: UnsafeMutableBufferPointer<UInt64>, combine: Bool) {
        precondition(hashes.count == vector.count, "one hash per row")
        switch vector.layout {
        case .fixed(let width, let values):
            switch width {
            case 0:
                for row in 0..<hashes.count { store(KeyHash.null, row, hashes, combine) }
            case 1: hashFixed(UInt8.self, values, vector, hashes, combine)
            case 2: hashFixed(UInt16.self, values, vector, hashes, combine)
            case 4: hashFixed(UInt32.self, values, vector, hashes, combine)
            case 8: hashFixed(UInt64.self, values, vector, hashes, combine)
            case 16:
                let from = values.assumingMemoryBound(to: UInt128.self)
                for row in 0..<hashes.count {
                    store(vector.isNull(row) ? KeyHash.null : KeyHash.mix(from[row]), row, hashes, combine)
                }
            default: preconditionFailure("no hash for byte width \(width)")
            }
        case .variable(let offsets, let bytes):
            for row in 0..<hashes.count {
                let hash: UInt64
                if vector.isNull(row) {
                    hash = KeyHash.null
                } else {
                    let start = Int(offsets[row])
                    hash = KeyHash.bytes(bytes + start, Int(offsets[row + 1]) - start)
                }
                store(hash, row, hashes, combine)
            }
        }
    }

    @inline(__always)
    private static func store(_ hash: UInt64, _ row: Int, _ hashes: UnsafeMutableBufferPointer<UInt64>, _ combine: Bool) {
        hashes[row] = combine ? KeyHash.combine(hashes[row], hash) : hash
    }

    @inline(__always)
    private static func hashFixed<T: FixedWidthInteger>(
        _ type: T.Type, _ values: UnsafeRawPointer, _ vector: KeyVector, _ hashes: UnsafeMutableBufferPointer<UInt64>,
        _ combine: Bool
    ) {
        let from = values.assumingMemoryBound(to: T.self)
        let count = hashes.count
        if vector.validity == nil {
            if combine {
                for row in 0..<count {
                    hashes[row] = KeyHash.combine(hashes[row], KeyHash.mix(UInt64(truncatingIfNeeded: from[row])))
                }
            } else {
                for row in 0..<count { hashes[row] = KeyHash.mix(UInt64(truncatingIfNeeded: from[row])) }
            }
            return
        }
        for row in 0..<count {
            let hash = vector.isNull(row) ? KeyHash.null : KeyHash.mix(UInt64(truncatingIfNeeded: from[row]))
            store(hash, row, hashes, combine)
        }
    }
}
