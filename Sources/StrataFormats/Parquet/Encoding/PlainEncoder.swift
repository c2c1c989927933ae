// Writes PLAIN values: the inverse of `PlainDecoder`.

struct PlainEncoder {
    private(set) var bytes: [UInt8] = []
    private var bitCount = 0

    init() {}

    mutating func append<T: BitwiseCopyable>(_ values: UnsafeBufferPointer<T>) {
        bytes.append(contentsOf: UnsafeRawBufferPointer(values))
    }

    mutating func append(fixed values: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: values)
    }

    /// Booleans, bit-packed LSB first; a later call continues in the same byte.
    mutating func append(booleans values: UnsafeBufferPointer<UInt8>) {
        for value in values {
            if bitCount % 8 == 0 { bytes.append(0) }
            if value != 0 { bytes[bytes.count - 1] |= UInt8(1) << UInt8(bitCount % 8) }
            bitCount += 1
        }
    }

    mutating func append(byteArray value: UnsafeRawBufferPointer) {
        withUnsafeBytes(of: UInt32(value.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: value)
    }

    /// Appends `count` booleans (one byte each, zero or not) bit-packed LSB first, 8 to a byte.
    static func packBooleans(_ values: UnsafePointer<UInt8>, count: Int, into bytes: inout [UInt8]) {
        let byteCount = (count + 7) / 8
        let start = bytes.count
        bytes.appendZeros(byteCount)
        bytes.withUnsafeMutableBufferPointer { output in
            let target = output.baseAddress! + start
            for byte in 0..<byteCount {
                var packed: UInt8 = 0
                let first = byte &* 8
                let end = Swift.min(first &+ 8, count)
                for index in first..<end where values[index] != 0 { packed |= 1 << UInt8(index &- first) }
                target[byte] = packed
            }
        }
    }
}
