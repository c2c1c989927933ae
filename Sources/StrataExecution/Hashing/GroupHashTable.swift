// Maps tuples of key values to dense group numbers 0, 1, 2, ... in first-seen order. The one hash table
// behind GROUP BY, DISTINCT, join builds and set operations.
//
// Open addressing with linear probing over one array of 64-bit slots: the high half of a slot holds the
// top bits of the key's hash (a cheap filter before comparing keys), the low half the group number + 1
// (0 marks an empty slot). A batch is processed column-wise: hash every row, walk the probe sequences
// for all rows together, then compare the candidate keys one key column at a time. When the key columns
// arrive numbered (constants, dictionaries, small integer ranges), only one row per distinct combination
// is looked up (`KeyCombinations`).
import StrataCore

final class GroupHashTable {
    let keyTypes: [DataType]
    private let keys: [GroupKeyColumn]
    /// The hash of each group's key, so the table can grow without rehashing the keys.
    private var groupHashes: [UInt64] = []
    private var slots: UnsafeMutablePointer<UInt64>
    private var capacity: Int

    init(keyTypes: [DataType], expectedGroups: Int = 0) {
        self.keyTypes = keyTypes
        keys = keyTypes.map(GroupKeyColumns.make(for:))
        capacity = GroupHashTable.capacity(for: max(expectedGroups, 512))
        slots = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
    }

    deinit { slots.deallocate() }

    var groupCount: Int { groupHashes.count }

    /// Bytes held by the table and its keys.
    var byteCount: Int {
        capacity * 8 + groupHashes.capacity * 8 + keys.reduce(0) { $0 + $1.byteCount }
    }

    /// The hash of group `group`'s key.
    func groupHash(_ group: Int) -> UInt64 { groupHashes[group] }

    /// The keys of the groups in `range`, one column per key.
    func keyColumns(_ range: Range<Int>) -> [Column] { keys.map { $0.column(range) } }

    /// The group of every row of `columns` (one per key, `count` rows each), creating groups for keys not
    /// seen before. NULL keys form groups of their own.
    func findOrInsert(_ columns: [Column], count: Int) -> [Int32] {
        precondition(columns.count == keys.count, "expected \(keys.count) key columns")
        return lookUp(columns, count: count, insert: true)
    }

    /// The group of every row of `columns`, or -1 where the key is not in the table. Never changes the
    /// table, so any number of threads may call it at once on a table no one inserts into.
    func find(_ columns: [Column], count: Int) -> [Int32] {
        precondition(columns.count == keys.count, "expected \(keys.count) key columns")
        return lookUp(columns, count: count, insert: false)
    }

    /// `find`, or `findOrInsert` when `insert`: one row per distinct combination when the key columns
    /// arrive numbered, every row otherwise.
    private func lookUp(_ columns: [Column], count: Int, insert: Bool) -> [Int32] {
        guard let combinations = KeyCombinations(columns, count: count) else {
            return lookUpRows(columns, count: count, insert: insert)
        }
        let representatives = columns.map { $0.gather(combinations.firstRows) }
        return combinations.spread(lookUpRows(representatives, count: combinations.firstRows.count, insert: insert))
    }

    /// `lookUp`, row by row.
    private func lookUpRows(_ columns: [Column], count: Int, insert: Bool) -> [Int32] {
        let vectors = columns.map(KeyVector.init)
        var groups = [Int32](repeating: -1, count: count)
        if count == 0 || (!insert && groupCount == 0) { return groups }
        let hashes = GroupHashTable.hash(vectors, count: count)
        if insert { reserve(groupCount + count) }
        if probeSingleKey(vectors, hashes: hashes, groups: &groups, insert: insert) { return groups }
        groups.withUnsafeMutableBufferPointer { groups in
            hashes.withUnsafeBufferPointer { hashes in
                probe(vectors, hashes: hashes, groups: groups, insert: insert)
            }
        }
        return groups
    }

    /// The combined hash of every row of the key vectors.
    static func hash(_ vectors: [KeyVector], count: Int) -> [UInt64] {
        var hashes = [UInt64](repeating: 0, count: count)
        hashes.withUnsafeMutableBufferPointer { target in
            for (index, vector) in vectors.enumerated() {
                ColumnHasher.hash(vector, into: target, combine: index > 0)
            }
        }
        return hashes
    }

    /// The common case of one fixed-width key, probed row by row with the key compared in place (no
    /// candidate lists); false when the keys are of another shape.
    private func probeSingleKey(_ vectors: [KeyVector], hashes: [UInt64], groups: inout [Int32], insert: Bool) -> Bool {
        guard vectors.count == 1 else { return false }
        switch keys[0] {
        case let keys as FixedWidthGroupKeys<UInt64>: probeSingle(keys, vectors[0], hashes, &groups, insert)
        case let keys as FixedWidthGroupKeys<UInt32>: probeSingle(keys, vectors[0], hashes, &groups, insert)
        case let keys as FixedWidthGroupKeys<UInt16>: probeSingle(keys, vectors[0], hashes, &groups, insert)
        case let keys as FixedWidthGroupKeys<UInt8>: probeSingle(keys, vectors[0], hashes, &groups, insert)
        case let keys as FixedWidthGroupKeys<UInt128>: probeSingle(keys, vectors[0], hashes, &groups, insert)
        default: return false
        }
        return true
    }

    private func probeSingle<Bits: FixedWidthInteger>(
        _ keys: FixedWidthGroupKeys<Bits>, _ vector: KeyVector, _ hashes: [UInt64], _ groups: inout [Int32], _ insert: Bool
    ) {
        guard case .fixed(_, let source) = vector.layout else { return }
        let input = source.assumingMemoryBound(to: Bits.self)
        let mask = capacity - 1
        let slots = self.slots
        var stored = keys.storedValues
        let hasNulls = vector.validity != nil
        hashes.withUnsafeBufferPointer { hashes in
            groups.withUnsafeMutableBufferPointer { groups in
                for row in 0..<hashes.count {
                    let hash = hashes[row]
                    let tag = hash & 0xFFFF_FFFF_0000_0000
                    let rowIsNull = hasNulls && vector.isNull(row)
                    let value = rowIsNull ? 0 : input[row]
                    var position = Int(truncatingIfNeeded: hash) & mask
                    while true {
                        let slot = slots[position]
                        if slot == 0 {
                            if insert {
                                let group = groupHashes.count
                                groupHashes.append(hash)
                                slots[position] = tag | UInt64(group + 1)
                                keys.appendOne(value, isNull: rowIsNull)
                                stored = keys.storedValues
                                groups[row] = Int32(group)
                            }
                            break
                        }
                        if slot & 0xFFFF_FFFF_0000_0000 == tag {
                            let group = Int(slot & 0xFFFF_FFFF) - 1
                            if stored[group] == value && keys.isNull(group) == rowIsNull {
                                groups[row] = Int32(group)
                                break
                            }
                        }
                        position = (position + 1) & mask
                    }
                }
            }
        }
    }

    private func probe(
        _ vectors: [KeyVector], hashes: UnsafeBufferPointer<UInt64>, groups: UnsafeMutableBufferPointer<Int32>,
        insert: Bool
    ) {
        let count = hashes.count
        let mask = capacity - 1
        let slots = self.slots
        var positions = [Int](repeating: 0, count: count)
        var candidates = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            for row in 0..<count { buffer[row] = Int32(row) }
            initialized = count
        }
        var toCompare = [Int32]()
        toCompare.reserveCapacity(count)
        var newRows = [Int32]()
        var mismatch = [Bool](repeating: false, count: count)
        var compareGroups = [Int32](repeating: 0, count: count)
        for row in 0..<count { positions[row] = Int(truncatingIfNeeded: hashes[row]) & mask }

        while !candidates.isEmpty {
            toCompare.removeAll(keepingCapacity: true)
            newRows.removeAll(keepingCapacity: true)
            for candidate in candidates {
                let row = Int(candidate)
                let tag = hashes[row] & 0xFFFF_FFFF_0000_0000
                var position = positions[row]
                while true {
                    let slot = slots[position]
                    if slot == 0 {
                        if insert {
                            let group = groupHashes.count
                            groupHashes.append(hashes[row])
                            slots[position] = tag | UInt64(group + 1)
                            groups[row] = Int32(group)
                            newRows.append(candidate)
                        }
                        break
                    }
                    if slot & 0xFFFF_FFFF_0000_0000 == tag {
                        groups[row] = Int32(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                        toCompare.append(candidate)
                        break
                    }
                    position = (position + 1) & mask
                }
                positions[row] = position
            }
            if !newRows.isEmpty {
                newRows.withUnsafeBufferPointer { rows in
                    for (column, vector) in zip(keys, vectors) { column.append(vector, rows: rows) }
                }
            }
            if toCompare.isEmpty { break }
            let compared = toCompare.count
            for index in 0..<compared {
                compareGroups[index] = groups[Int(toCompare[index])]
                mismatch[index] = false
            }
            toCompare.withUnsafeBufferPointer { rows in
                compareGroups.withUnsafeBufferPointer { allGroups in
                    let candidateGroups = UnsafeBufferPointer(rebasing: allGroups[0..<compared])
                    mismatch.withUnsafeMutableBufferPointer { flags in
                        for (column, vector) in zip(keys, vectors) {
                            column.markMismatches(vector, rows: rows, groups: candidateGroups, into: flags.baseAddress!)
                        }
                    }
                }
            }
            candidates.removeAll(keepingCapacity: true)
            for index in 0..<compared where mismatch[index] {
                let row = Int(toCompare[index])
                groups[row] = -1
                positions[row] = (positions[row] + 1) & mask
                candidates.append(toCompare[index])
            }
        }
    }

    /// Grows the slot array so that `groups` groups keep the load factor at most one half.
    private func reserve(_ groups: Int) {
        let needed = GroupHashTable.capacity(for: groups)
        guard needed > capacity else { return }
        slots.deallocate()
        capacity = needed
        slots = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        let mask = capacity - 1
        for (group, hash) in groupHashes.enumerated() {
            var position = Int(truncatingIfNeeded: hash) & mask
            while slots[position] != 0 { position = (position + 1) & mask }
            slots[position] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(group + 1)
        }
    }

    private static func capacity(for groups: Int) -> Int {
        var capacity = 1024
        while capacity < groups * 2 { capacity <<= 1 }
        return capacity
    }
}
