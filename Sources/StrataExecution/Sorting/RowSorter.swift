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

    /// Least-significant-byte-first radix sort of packed keys with their row numbers. The histograms of
    /// every byte come from one pass over the keys; passes where every key has the same byte are skipped.
    private static func radixSort<Word: FixedWidthInteger & UnsignedInteger>(
        _ keys: NormalizedSortKeys, as: Word.Type
    ) -> [Int32] {
        let count = keys.count
        let width = keys.rowWidth
        var words = [Word](unsafeUninitializedCapacity: count) { buffer, initialized in
            for row in 0..<count { buffer[row] = keys.packed(row, as: Word.self) }
            initialized = count
        }
        var rows = (0..<Int32(count)).map { $0 }
        var scratchWords = words
        var scratchRows = rows
        // Byte b of a key (counting from the least significant) sits at memory offset b: little-endian.
        var histograms = [Int](repeating: 0, count: width * 256)
        words.withUnsafeBytes { raw in
            histograms.withUnsafeMutableBufferPointer { histograms in
                let stride = MemoryLayout<Word>.stride
                for index in 0..<count {
                    let base = index &* stride
                    for byte in 0..<width {
                        histograms[byte &* 256 &+ Int(raw[base &+ byte])] &+= 1
                    }
                }
            }
        }
        var offsets = [Int](repeating: 0, count: 256)
        for byte in 0..<width {
            let histogram = histograms[(byte * 256)..<(byte * 256 + 256)]
            if histogram.contains(count) { continue }
            var total = 0
            for (bucket, size) in histogram.enumerated() {
                offsets[bucket] = total
                total += size
            }
            words.withUnsafeBytes { sourceBytes in
                words.withUnsafeBufferPointer { source in
                    rows.withUnsafeBufferPointer { sourceRows in
                        scratchWords.withUnsafeMutableBufferPointer { targetWords in
                            scratchRows.withUnsafeMutableBufferPointer { targetRows in
                                offsets.withUnsafeMutableBufferPointer { offsets in
                                    let stride = MemoryLayout<Word>.stride
                                    for index in 0..<count {
                                        let bucket = Int(sourceBytes[index &* stride &+ byte])
                                        let position = offsets[bucket]
                                        offsets[bucket] = position &+ 1
                                        targetWords[position] = source[index]
                                        targetRows[position] = sourceRows[index]
                                    }
                                }
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
