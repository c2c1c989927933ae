// UTF-8 helpers for the string functions: code point counting and stepping (text is assumed valid UTF-8,
// which VARCHAR columns are; stray continuation bytes are stepped over one at a time, never past the end).

enum UTF8Text {
    /// Whether every byte is ASCII (then bytes are characters and the fast paths apply).
    @inline(__always)
    static func isASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = text.count
        // Eight bytes at a time.
        if let base = text.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= count {
                if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                index += 8
            }
        }
        while index < count {
            if text[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// Number of code points.
    @inline(__always)
    static func count(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var characters = 0
        for byte in text where byte & 0xC0 != 0x80 { characters &+= 1 }
        return characters
    }

    /// Length in bytes of the sequence starting with `lead`.
    @inline(__always)
    static func sequenceLength(_ lead: UInt8) -> Int {
        if lead < 0x80 { return 1 }
        if lead < 0xE0 { return lead < 0xC0 ? 1 : 2 }
        if lead < 0xF0 { return 3 }
        return 4
    }

    /// Byte offset just after `characters` code points from `start` (clamped to the end).
    @inline(__always)
    static func advance(_ text: UnsafeBufferPointer<UInt8>, from start: Int, by characters: Int) -> Int {
        var offset = start
        var remaining = characters
        while remaining > 0 && offset < text.count {
            offset = min(text.count, offset + sequenceLength(text[offset]))
            remaining -= 1
        }
        return offset
    }

    /// Byte offsets of the start of every code point.
    static func boundaries(_ text: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts: [Int] = []
        starts.reserveCapacity(text.count)
        var offset = 0
        while offset < text.count {
            starts.append(offset)
            offset = min(text.count, offset + sequenceLength(text[offset]))
        }
        return starts
    }

    /// Decodes the code point at `offset`; returns it and the offset after it.
    @inline(__always)
    static func decode(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> (scalar: UInt32, next: Int) {
        let lead = text[offset]
        if lead < 0x80 { return (UInt32(lead), offset + 1) }
        let length = sequenceLength(lead)
        guard offset + length <= text.count, length > 1 else { return (UInt32(lead), offset + 1) }
        var scalar = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for index in 1..<length { scalar = scalar << 6 | UInt32(text[offset + index] & 0x3F) }
        return (scalar, offset + length)
    }

    /// Appends the UTF-8 encoding of `scalar` to `output`.
    @inline(__always)
    static func encode(_ scalar: UInt32, into output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Whether `bytes` are well-formed UTF-8.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if isASCII(bytes) { return true }
        var iterator = bytes.makeIterator()
        var decoder = Unicode.UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
