// Comparing and searching UTF-8 text (or bytes) held in column buffers. Byte order of UTF-8 is code point
// order, which is how Trino orders VARCHAR.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

enum ByteString {
    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        if a.count == 0 { return true }
        return memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
    }

    /// Negative, zero or positive as `a` sorts before, with or after `b`.
    @inline(__always)
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }

    /// The first byte offset of `needle` in `haystack` at or after `start`, or nil.
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        let n = needle.count
        let h = haystack.count
        if n == 0 { return start <= h ? start : nil }
        if n > h - start { return nil }
        let first = needle[0]
        let base = haystack.baseAddress!
        var position = start
        let last = h - n
        while position <= last {
            guard let hit = memchr(base + position, Int32(first), last - position + 1) else { return nil }
            let offset = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            if n == 1 || memcmp(base + offset + 1, needle.baseAddress! + 1, n - 1) == 0 { return offset }
            position = offset + 1
        }
        return nil
    }

    @inline(__always)
    static func hasPrefix(_ text: UnsafeBufferPointer<UInt8>, _ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count >= prefix.count else { return false }
        if prefix.count == 0 { return true }
        return memcmp(text.baseAddress!, prefix.baseAddress!, prefix.count) == 0
    }

    @inline(__always)
    static func hasSuffix(_ text: UnsafeBufferPointer<UInt8>, _ suffix: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count >= suffix.count else { return false }
        if suffix.count == 0 { return true }
        return memcmp(text.baseAddress! + (text.count - suffix.count), suffix.baseAddress!, suffix.count) == 0
    }
}
