// The xxHash64 of every value a column chunk's bloom filter must hold, gathered while the chunk is
// written (one per dictionary entry, or per value of plain pages), and turned into a filter sized for
// the distinct hashes when the chunk ends.
import StrataCore

final class BloomFilterCollector {
    private var hashes = Buffer()

    var memoryBytes: Int { hashes.capacity }

    func add(_ hash: UInt64) {
        hashes.append(hash)
    }

    /// A filter holding every hash added since the last reset, sized for their distinct count.
    func build(falsePositiveRate: Double, maximumBytes: Int) -> SplitBlockBloomFilter {
        var values = hashes.values(as: UInt64.self)
        values.sort()
        var distinct = 0
        var previous: UInt64 = 0
        for (index, hash) in values.enumerated() where index == 0 || hash != previous {
            distinct += 1
            previous = hash
        }
        var filter = SplitBlockBloomFilter(
            byteCount: SplitBlockBloomFilter.optimalByteCount(
                distinctValues: distinct, falsePositiveRate: falsePositiveRate, maximumBytes: maximumBytes))
        for hash in values { filter.insert(hash: hash) }
        return filter
    }

    func reset() {
        hashes = Buffer()
    }
}
