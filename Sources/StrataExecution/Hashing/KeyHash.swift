// The hash functions behind grouping, joins and set operations: a 64-bit mixer for fixed-width values,
// a word-at-a-time hash for byte strings, and the combiner that folds several key columns into one hash.

@usableFromInline
enum KeyHash {
    /// The hash of a NULL key value; any fixed constant works as long as every column uses the same one.
    @usableFromInline static let null: UInt64 = 0x6A09_E667_F3BC_C909

    /// Murmur3's 64-bit finalizer: every input bit affects every output bit.
    @inlinable @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    @inlinable @inline(__always)
    static func mix(_ value: UInt128) -> UInt64 {
        mix(UInt64(truncatingIfNeeded: value) ^ mix(UInt64(truncatingIfNeeded: value >> 64) &+ 0x9E37_79B9_7F4A_7C15))
    }

    /// Folds the hash of the next key column into the running hash of a row.
    @inlinable @inline(__always)
    static func combine(_ running: UInt64, _ next: UInt64) -> UInt64 {
        (running ^ next) &* 0x9E37_79B9_7F4A_7C15 ^ (running >> 29)
    }

    /// A hash of `count` bytes at `start`, eight bytes at a time.
    @inlinable
    static func bytes(_ start: UnsafeRawPointer, _ count: Int) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(truncatingIfNeeded: count)
        var offset = 0
        while offset &+ 8 <= count {
            let word = start.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ mix(word)) &* 0x0000_0100_0000_01B3
            hash = (hash << 27) | (hash >> 37)
            offset &+= 8
        }
        if offset < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                tail |= UInt64(start.load(fromByteOffset: offset, as: UInt8.self)) << shift
                shift &+= 8
                offset &+= 1
            }
            hash = (hash ^ mix(tail)) &* 0x0000_0100_0000_01B3
        }
        return mix(hash)
    }
}
