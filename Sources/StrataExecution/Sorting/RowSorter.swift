// Stable sorting of row numbers by normalized keys: an LSD radix sort when the keys fit in 16 bytes and
// hold no strings, a comparison sort on the key bytes otherwise (ties broken by row number, so equal
// keys keep their input order).

enum RowSorter {
    /// Row numbers 0..<count in key order, stable.
    static func sortedRows(_ keys: NormalizedSortKeys) -> [Int32] {
        let count = keys.count
        if count <= 1 || keys.rowWidth == 0 { return (0..<Int32(count)).map { $0 } }
        if !keys.hasStrings && keys.rowWidth <= 8 {
            return radixSort(keys, as: UInt64.self)
        }
        if !keys.hasStrings && keys.rowWidth <= 16 {
            return radixSort(keys, as: UInt128.self)
        }
        var rows = (0..<Int32(count)).map { $0 }
        rows.sort { a, b in
            let order = keys.compare(Int(a), Int(b))
            return order != 0 ? order < 0 : a < b
        }
        return rows
    }

    /// Least-significant-byte-first radix sort of packed keys with their row numbers; passes where every
    /// key has the same byte are skipped.
    private static func radixSort<Word: FixedWidthInteger & UnsignedInteger>(
        _ keys: NormalizedSortKeys, as: Word.Type
    ) -> [Int32] {
        let count = keys.count
        var words = [Word](unsafeUninitializedCapacity: count) { buffer, initialized in
            for row in 0..<count { buffer[row] = keys.packed(row, as: Word.self) }
            initialized = count
        }
        var rows = (0..<Int32(count)).map { $0 }
        var scratchWords = words
        var scratchRows = rows
        var histogram = [Int](repeating: 0, count: 256)
        for byte in 0..<keys.rowWidth {
            let shift = Word(byte * 8)
            for index in 0..<256 { histogram[index] = 0 }
            words.withUnsafeBufferPointer { words in
                for word in words { histogram[Int(truncatingIfNeeded: word >> shift) & 0xFF] += 1 }
            }
            if histogram.contains(count) { continue }
            var total = 0
            for index in 0..<256 {
                let bucket = histogram[index]
                histogram[index] = total
                total += bucket
            }
            words.withUnsafeBufferPointer { words in
                rows.withUnsafeBufferPointer { rows in
                    scratchWords.withUnsafeMutableBufferPointer { targetWords in
                        scratchRows.withUnsafeMutableBufferPointer { targetRows in
                            for index in 0..<count {
                                let word = words[index]
                                let bucket = Int(truncatingIfNeeded: word >> shift) & 0xFF
                                let position = histogram[bucket]
                                histogram[bucket] = position + 1
                                targetWords[position] = word
                                targetRows[position] = rows[index]
                            }
                        }
                    }
                }
            }
            swap(&words, &scratchWords)
            swap(&rows, &scratchRows)
        }
        return rows
    }
}
