// xxHash64 (seed 0 in Parquet): the hash of split-block bloom filters. Values are hashed in their PLAIN
// encoding — fixed-width values as their little-endian bytes, byte arrays without the length prefix — so
// the writer that inserts and the reader that probes agree.

public enum XXHash64 {
    @usableFromInline static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    @usableFromInline static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    @usableFromInline static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    @usableFromInline static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    @usableFromInline static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// The hash of `count` bytes at `base`.
    @inlinable
    public static func hash(_ base: UnsafeRawPointer, count: Int, seed: UInt64 = 0) -> UInt64 {
        var position = 0
        var hash: UInt64
        if count >= 32 {
            var v1 = seed &+ prime1 &+ prime2
            var v2 = seed &+ prime2
            var v3 = seed
            var v4 = seed &- prime1
            while position &+ 32 <= count {
                v1 = round(v1, load64(base, position))
                v2 = round(v2, load64(base, position &+ 8))
                v3 = round(v3, load64(base, position &+ 16))
                v4 = round(v4, load64(base, position &+ 24))
                position &+= 32
            }
            hash = rotate(v1, 1) &+ rotate(v2, 7) &+ rotate(v3, 12) &+ rotate(v4, 18)
            hash = merge(hash, v1)
            hash = merge(hash, v2)
            hash = merge(hash, v3)
            hash = merge(hash, v4)
        } else {
            hash = seed &+ prime5
        }
        hash &+= UInt64(count)
        while position &+ 8 <= count {
            hash ^= round(0, load64(base, position))
            hash = rotate(hash, 27) &* prime1 &+ prime4
            position &+= 8
        }
        if position &+ 4 <= count {
            hash ^= UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt32.self))) &* prime1
            hash = rotate(hash, 23) &* prime2 &+ prime3
            position &+= 4
        }
        while position < count {
            hash ^= UInt64(base.load(fromByteOffset: position, as: UInt8.self)) &* prime5
            hash = rotate(hash, 11) &* prime1
            position &+= 1
        }
        return avalanche(hash)
    }

    /// The hash of a byte buffer.
    @inlinable
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        hash(bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!, count: bytes.count, seed: seed)
    }

    /// The hash of a byte array.
    public static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }

    /// The hash of an INT32 or FLOAT value (its 4 little-endian bytes).
    @inlinable
    public static func hash(_ value: UInt32) -> UInt64 {
        var hash = prime5 &+ 4
        hash ^= UInt64(value) &* prime1
        hash = rotate(hash, 23) &* prime2 &+ prime3
        return avalanche(hash)
    }

    /// The hash of an INT64 or DOUBLE value (its 8 little-endian bytes).
    @inlinable
    public static func hash(_ value: UInt64) -> UInt64 {
        var hash = prime5 &+ 8
        hash ^= round(0, value)
        hash = rotate(hash, 27) &* prime1 &+ prime4
        return avalanche(hash)
    }

    @inlinable
    static func load64(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inlinable
    static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 {
        (value &<< bits) | (value &>> (64 &- bits))
    }

    @inlinable
    static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        rotate(accumulator &+ input &* prime2, 31) &* prime1
    }

    @inlinable
    static func merge(_ accumulator: UInt64, _ value: UInt64) -> UInt64 {
        (accumulator ^ round(0, value)) &* prime1 &+ prime4
    }

    @inlinable
    static func avalanche(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash &>> 33
        hash = hash &* prime2
        hash ^= hash &>> 29
        hash = hash &* prime3
        hash ^= hash &>> 32
        return hash
    }
}
