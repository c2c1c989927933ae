// The distinct values of a column chunk being dictionary-encoded, for fixed-width values: the values in
// insertion order (their dictionary indices) and an open-addressing table from value bits to index.
import StrataCore

final class FixedWidthDictionary<Value: ParquetFixedValue> {
    /// The values, in index order.
    private(set) var values: Buffer
    private(set) var count = 0
    /// Slots of the hash table: an index, or -1 for empty. The capacity is a power of two, at most half full.
    private var slots: UnsafeMutablePointer<Int32>
    private var slotCount: Int
    private var shift: UInt64

    init() {
        // Small at first: a writer per partition may hold many of these.
        values = Buffer(capacity: 64 * MemoryLayout<Value>.stride)
        slotCount = 64
        shift = 64 - 6
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: -1, count: slotCount)
    }

    deinit {
        slots.deallocate()
    }

    /// Bytes held (values and table).
    var memoryBytes: Int { values.capacity + slotCount * 4 }

    var valuePointer: UnsafePointer<Value> { UnsafePointer(values.baseAddress.assumingMemoryBound(to: Value.self)) }

    @inline(__always)
    private func slot(for key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
    }

    /// Maps `input` to dictionary indices in `output`, adding values not seen yet.
    func encode(_ input: UnsafePointer<Value>, count inputCount: Int, into output: UnsafeMutablePointer<UInt32>) {
        // The values' pointer and the mask change only with a new value or a larger table: loaded then,
        // not per value.
        var stored = values.baseAddress.assumingMemoryBound(to: Value.self)
        var mask = slotCount &- 1
        for position in 0..<inputCount {
            if count &* 2 >= slotCount {
                grow()
                mask = slotCount &- 1
            }
            let value = input[position]
            var slot = slot(for: value.hashKey)
            while true {
                let index = slots[slot]
                if index < 0 {
                    slots[slot] = Int32(truncatingIfNeeded: count)
                    values.append(value)
                    stored = values.baseAddress.assumingMemoryBound(to: Value.self)
                    output[position] = UInt32(truncatingIfNeeded: count)
                    count &+= 1
                    break
                }
                if Value.sameBits(stored[Int(index)], value) {
                    output[position] = UInt32(truncatingIfNeeded: index)
                    break
                }
                slot = (slot &+ 1) & mask
            }
        }
    }

    private func grow() {
        slots.deallocate()
        slotCount *= 2
        shift -= 1
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: -1, count: slotCount)
        let stored = values.baseAddress.assumingMemoryBound(to: Value.self)
        let mask = slotCount &- 1
        for index in 0..<count {
            var slot = slot(for: stored[index].hashKey)
            while slots[slot] >= 0 { slot = (slot &+ 1) & mask }
            slots[slot] = Int32(index)
        }
    }
}
