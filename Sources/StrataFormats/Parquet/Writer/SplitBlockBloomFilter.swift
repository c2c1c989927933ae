// The split-block bloom filter of the Parquet spec: blocks of 256 bits as 8 words; a hash picks a block
// with its high 32 bits and sets one bit in each word from its low 32 bits times 8 salts. Built by the
// writer for chosen columns, and readable back from a file's bitset for probing.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct SplitBlockBloomFilter: Sendable, Hashable {
    static let salt: [UInt32] = [
        0x47B6_137B, 0x4497_4D91, 0x8824_AD5B, 0xA2B7_289D, 0x7054_95C7, 0x2DF1_424B, 0x9EFC_4947, 0x5C6B_FB31,
    ]
    /// Bytes per block.
    public static let blockBytes = 32
    /// The largest bitset the spec allows.
    public static let maximumBytes = 128 * 1024 * 1024

    /// The bitset as 32-bit words (little-endian on disk).
    public private(set) var words: [UInt32]

    /// An empty filter of `byteCount` bytes, rounded up to a power of two of at least one block.
    public init(byteCount: Int) {
        var bytes = Self.blockBytes
        while bytes < byteCount && bytes < Self.maximumBytes { bytes <<= 1 }
        words = [UInt32](repeating: 0, count: bytes / 4)
    }

    /// The filter whose bitset a file holds.
    public init(bitset: [UInt8]) throws(ParquetError) {
        guard !bitset.isEmpty, bitset.count % Self.blockBytes == 0 else {
            throw ParquetError(.corrupt, "bloom filter bitset of \(bitset.count) bytes is not a whole number of 32-byte blocks")
        }
        words = bitset.withUnsafeBytes { raw in
            (0..<(bitset.count / 4)).map { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)) }
        }
    }

    public var byteCount: Int { words.count * 4 }

    /// The bitset as stored in a file.
    public var bitset: [UInt8] {
        var bytes = [UInt8](repeating: 0, count: byteCount)
        bytes.withUnsafeMutableBytes { raw in
            for (index, word) in words.enumerated() { raw.storeBytes(of: word.littleEndian, toByteOffset: index * 4, as: UInt32.self) }
        }
        return bytes
    }

    /// Adds a value by its xxHash64.
    public mutating func insert(hash: UInt64) {
        let block = blockIndex(hash) &* 8
        let key = UInt32(truncatingIfNeeded: hash)
        words.withUnsafeMutableBufferPointer { words in
            for index in 0..<8 {
                words[block &+ index] |= UInt32(1) &<< ((key &* Self.salt[index]) &>> 27)
            }
        }
    }

    /// False when the value with this xxHash64 is certainly not in the filter.
    public func mightContain(hash: UInt64) -> Bool {
        let block = blockIndex(hash) &* 8
        let key = UInt32(truncatingIfNeeded: hash)
        for index in 0..<8 {
            let mask = UInt32(1) &<< ((key &* Self.salt[index]) &>> 27)
            if words[block &+ index] & mask == 0 { return false }
        }
        return true
    }

    private func blockIndex(_ hash: UInt64) -> Int {
        Int(((hash &>> 32) &* UInt64(words.count / 8)) &>> 32)
    }

    /// The bitset size that keeps the false-positive rate near `falsePositiveRate` for `distinctValues`
    /// values (the spec's formula for 8 bits per block), as a power of two between one block and `maximumBytes`.
    public static func optimalByteCount(distinctValues: Int, falsePositiveRate: Double, maximumBytes: Int = maximumBytes) -> Int {
        let values = Double(Swift.max(distinctValues, 1))
        let bits = -8 * values / log(1 - pow(falsePositiveRate, 1.0 / 8))
        let limit = Swift.min(maximumBytes, Self.maximumBytes)
        var bytes = blockBytes
        while Double(bytes) < bits / 8 && bytes * 2 <= limit { bytes <<= 1 }
        return bytes
    }
}
