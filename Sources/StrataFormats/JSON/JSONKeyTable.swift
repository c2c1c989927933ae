// Finds the column of a JSON key from its bytes. Records of one file nearly always list their keys in the
// same order, so the column the previous record had at the same place is tried first: one comparison of
// bytes per member, no hashing, no String.
import StrataCore

final class JSONKeyTable {
    /// The keys, by column.
    private(set) var keys: [[UInt8]] = []
    private var columnsByKey: [[UInt8]: Int] = [:]
    /// The keys again, end to end in one allocation, for comparisons without touching the arrays above.
    private var arena = Buffer(capacity: 256)
    private var arenaStarts: [Int] = []
    /// The column of the n-th member of the previous record (per member, one thread: unchecked).
    @exclusivity(unchecked) private var previousOrder: [Int] = []
    /// Room to decode an escaped key into.
    private var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
    private var scratchCapacity = 64

    deinit {
        scratch.deallocate()
    }

    var count: Int { keys.count }

    /// The column of the `index`-th member's key, or nil if the key is not known.
    @inline(__always)
    func column(of member: JSONMember, index: Int, bytes: UnsafePointer<UInt8>) -> Int? {
        let key = keyBytes(member, bytes: bytes)
        if index < previousOrder.count {
            let guess = previousOrder[index]
            if guess >= 0 && storedKey(guess, equals: key) { return guess }
        }
        let found = lookup(key)
        remember(found ?? -1, at: index)
        return found
    }

    /// The column of the member's key, adding the key as a new column if it is not known.
    func columnAdding(_ member: JSONMember, index: Int, bytes: UnsafePointer<UInt8>) -> (column: Int, isNew: Bool) {
        if let found = column(of: member, index: index, bytes: bytes) { return (found, false) }
        append(Array(keyBytes(member, bytes: bytes)))
        remember(keys.count - 1, at: index)
        return (keys.count - 1, true)
    }

    /// Adds a key given by name (explicit `columns`).
    func add(_ name: String) {
        let key = Array(name.utf8)
        guard columnsByKey[key] == nil else { return }
        append(key)
    }

    private func append(_ key: [UInt8]) {
        keys.append(key)
        columnsByKey[key] = keys.count - 1
        arenaStarts.append(arena.count)
        key.withUnsafeBytes { arena.append(contentsOf: $0) }
    }

    /// The member's key as bytes, with escapes decoded (into scratch space, valid until the next call).
    func keyBytes(_ member: JSONMember, bytes: UnsafePointer<UInt8>) -> UnsafeRawBufferPointer {
        let raw = UnsafeRawBufferPointer(start: bytes + member.keyStart, count: member.keyEnd - member.keyStart)
        guard member.keyEscaped else { return raw }
        if scratchCapacity < raw.count {
            scratch.deallocate()
            scratchCapacity = raw.count * 2
            scratch = .allocate(capacity: scratchCapacity)
        }
        let length = FieldUnescaping.unescapeJSON(raw, into: scratch)
        return UnsafeRawBufferPointer(start: scratch, count: length)
    }

    private func lookup(_ key: UnsafeRawBufferPointer) -> Int? {
        if keys.count <= 16 {
            for column in 0..<keys.count where storedKey(column, equals: key) { return column }
            return nil
        }
        return columnsByKey[Array(key)]
    }

    private func remember(_ column: Int, at index: Int) {
        if index < previousOrder.count {
            previousOrder[index] = column
        } else if index == previousOrder.count {
            previousOrder.append(column)
        }
    }

    @inline(__always)
    private func storedKey(_ column: Int, equals key: UnsafeRawBufferPointer) -> Bool {
        let start = arenaStarts[column]
        let end = column + 1 < arenaStarts.count ? arenaStarts[column + 1] : arena.count
        let length = key.count
        guard end - start == length else { return false }
        guard let right = key.baseAddress, length > 0 else { return true }
        let left = UnsafeRawPointer(arena.baseAddress + start)
        // Keys are short: compare eight bytes at a time in place rather than calling memcmp.
        var offset = 0
        while offset &+ 8 <= length {
            if left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != right.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            {
                return false
            }
            offset &+= 8
        }
        while offset < length {
            if left.load(fromByteOffset: offset, as: UInt8.self) != right.load(fromByteOffset: offset, as: UInt8.self) {
                return false
            }
            offset &+= 1
        }
        return true
    }
}
