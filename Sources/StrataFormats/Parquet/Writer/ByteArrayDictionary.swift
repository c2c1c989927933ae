// The distinct values of a BYTE_ARRAY column chunk being dictionary-encoded: their bytes back to back
// with Int64 offsets (index order), a hash per value, and an open-addressing table from hash to index.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StrataCore

final class ByteArrayDictionary {
    private(set) var offsets: Buffer
    private(set) var bytes: Buffer
    private var hashes: Buffer
    private(set) var count = 0
    private var slots: UnsafeMutablePointer<Int32>
    private var slotCount: Int
    private var shift: UInt64

    init() {
        // Small at first: a writer per partition may hold many of these.
        offsets = Buffer(capacity: 65 * 8)
        offsets.append(Int64(0))
        bytes = Buffer(capacity: 1024)
        hashes = Buffer(capacity: 64 * 8)
        slotCount = 64
        shift = 64 - 6
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: -1, count: slotCount)
    }

    deinit {
        slots.deallocate()
    }

    /// Bytes of the values PLAIN-encoded (each with its 4-byte length): the dictionary page's size.
    var plainSize: Int { bytes.count + 4 * count }
    var memoryBytes: Int { offsets.capacity + bytes.capacity + hashes.capacity + slotCount * 4 }

    var offsetPointer: UnsafePointer<Int64> { UnsafePointer(offsets.baseAddress.assumingMemoryBound(to: Int64.self)) }
    var bytePointer: UnsafeRawPointer { UnsafeRawPointer(bytes.baseAddress) }

    /// The dictionary index of the `length` bytes at `value`, adding them if new.
    @inline(__always)
    func index(of value: UnsafeRawPointer, length: Int) -> UInt32 {
        if count &* 2 >= slotCount { grow() }
        let hash = Self.hash(value, length)
        let mask = slotCount &- 1
        var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) &>> shift)
        let storedHashes = hashes.baseAddress.assumingMemoryBound(to: UInt64.self)
        let storedOffsets = offsets.baseAddress.assumingMemoryBound(to: Int64.self)
        while true {
            let index = Int(slots[slot])
            if index < 0 { break }
            if storedHashes[index] == hash {
                let start = Int(storedOffsets[index])
                if Int(storedOffsets[index &+ 1]) &- start == length
                    && (length == 0 || memcmp(bytes.baseAddress + start, value, length) == 0)
                {
                    return UInt32(truncatingIfNeeded: index)
                }
            }
            slot = (slot &+ 1) & mask
        }
        slots[slot] = Int32(truncatingIfNeeded: count)
        bytes.append(contentsOf: UnsafeRawBufferPointer(start: value, count: length))
        offsets.append(Int64(bytes.count))
        hashes.append(hash)
        count &+= 1
        return UInt32(truncatingIfNeeded: count &- 1)
    }

    /// The bytes of entry `index`.
    @inline(__always)
    func value(_ index: Int) -> UnsafeRawBufferPointer {
        let storedOffsets = offsets.baseAddress.assumingMemoryBound(to: Int64.self)
        let start = Int(storedOffsets[index])
        return UnsafeRawBufferPointer(start: bytes.baseAddress + start, count: Int(storedOffsets[index &+ 1]) &- start)
    }

    private func grow() {
        slots.deallocate()
        slotCount *= 2
        shift -= 1
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: -1, count: slotCount)
        let storedHashes = hashes.baseAddress.assumingMemoryBound(to: UInt64.self)
        let mask = slotCount &- 1
        for index in 0..<count {
            var slot = Int(truncatingIfNeeded: (storedHashes[index] &* 0x9E37_79B9_7F4A_7C15) &>> shift)
            while slots[slot] >= 0 { slot = (slot &+ 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    /// A fast hash of short strings: 8-byte words folded by multiplication (not the bloom filter's hash).
    @inline(__always)
    static func hash(_ base: UnsafeRawPointer, _ length: Int) -> UInt64 {
        var hash = UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15
        var position = 0
        while position &+ 8 <= length {
            let word = base.loadUnaligned(fromByteOffset: position, as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash &>> 32
            position &+= 8
        }
        if position < length {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while position < length {
                word |= UInt64(base.load(fromByteOffset: position, as: UInt8.self)) &<< shift
                shift &+= 8
                position &+= 1
            }
            hash = (hash ^ word) &* 0xC4CE_B9FE_1A85_EC53
        }
        return hash ^ (hash &>> 29)
    }
}
