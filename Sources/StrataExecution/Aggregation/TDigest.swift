// A merging t-digest (Dunning & Ertl) of the values of one group, for approx_percentile: centroids
// (mean, weight) sorted by mean, kept small with the k1 scale function so that the tails stay precise,
// plus a buffer of new points merged in when it fills. Mergeable, so partial aggregates combine.
import StrataCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct TDigest {
    static let compression = 100.0
    private static let bufferLimit = 500

    private(set) var means: [Double] = []
    private(set) var weights: [Double] = []
    private var pendingMeans: [Double] = []
    private var pendingWeights: [Double] = []
    private(set) var minimum = Double.infinity
    private(set) var maximum = -Double.infinity

    init() {}

    var isEmpty: Bool { means.isEmpty && pendingMeans.isEmpty }

    /// Bytes of the centroids and the values waiting to be merged into them.
    var byteCount: Int { (means.capacity + weights.capacity + pendingMeans.capacity + pendingWeights.capacity) * 8 }

    mutating func add(_ value: Double, weight: Double = 1) {
        guard !value.isNaN else { return }
        pendingMeans.append(value)
        pendingWeights.append(weight)
        minimum = min(minimum, value)
        maximum = max(maximum, value)
        if pendingMeans.count >= TDigest.bufferLimit { compress() }
    }

    mutating func merge(_ other: TDigest) {
        guard !other.isEmpty else { return }
        var other = other
        other.compress()
        pendingMeans.append(contentsOf: other.means)
        pendingWeights.append(contentsOf: other.weights)
        minimum = min(minimum, other.minimum)
        maximum = max(maximum, other.maximum)
        if pendingMeans.count >= TDigest.bufferLimit { compress() }
    }

    /// Folds the pending points into the centroids.
    mutating func compress() {
        guard !pendingMeans.isEmpty else { return }
        let allMeans = means + pendingMeans
        let allWeights = weights + pendingWeights
        pendingMeans.removeAll(keepingCapacity: true)
        pendingWeights.removeAll(keepingCapacity: true)
        let order = allMeans.indices.sorted { allMeans[$0] < allMeans[$1] }
        let total = allWeights.reduce(0, +)
        var newMeans: [Double] = []
        var newWeights: [Double] = []
        var mean = allMeans[order[0]]
        var weight = allWeights[order[0]]
        var weightBefore = 0.0
        var limit = total * TDigest.nextQuantile(0)
        for index in order.dropFirst() {
            let pointWeight = allWeights[index]
            if weightBefore + weight + pointWeight <= limit {
                weight += pointWeight
                mean += (allMeans[index] - mean) * pointWeight / weight
            } else {
                newMeans.append(mean)
                newWeights.append(weight)
                weightBefore += weight
                limit = total * TDigest.nextQuantile(weightBefore / total)
                mean = allMeans[index]
                weight = pointWeight
            }
        }
        newMeans.append(mean)
        newWeights.append(weight)
        means = newMeans
        weights = newWeights
    }

    /// The estimated value at quantile `q` in [0, 1], interpolating between centroid centers.
    mutating func quantile(_ q: Double) -> Double? {
        compress()
        guard !means.isEmpty else { return nil }
        let count = means.count
        if count == 1 { return means[0] }
        let total = weights.reduce(0, +)
        let index = q * total
        if index < weights[0] / 2 {
            let span = weights[0] / 2
            return minimum + (means[0] - minimum) * (span > 0 ? index / span : 0)
        }
        if index > total - weights[count - 1] / 2 {
            let span = weights[count - 1] / 2
            return maximum - (maximum - means[count - 1]) * (span > 0 ? (total - index) / span : 0)
        }
        var before = weights[0] / 2
        for position in 0..<(count - 1) {
            let step = (weights[position] + weights[position + 1]) / 2
            if before + step >= index {
                let fraction = step > 0 ? (index - before) / step : 0
                return means[position] + (means[position + 1] - means[position]) * fraction
            }
            before += step
        }
        return maximum
    }

    /// The k1 scale function's limit: the quantile a centroid starting at `q` may reach.
    private static func nextQuantile(_ q: Double) -> Double {
        let k = compression / (2 * Double.pi) * asin(2 * min(max(q, 0), 1) - 1)
        let next = (k + 1) * 2 * Double.pi / compression
        return next >= Double.pi / 2 ? 1 : (sin(next) + 1) / 2
    }

    /// Bytes of the partial state: minimum, maximum, centroid count, then the means and the weights.
    mutating func serialized(into buffer: Buffer) {
        compress()
        buffer.append(minimum.bitPattern.littleEndian)
        buffer.append(maximum.bitPattern.littleEndian)
        buffer.append(UInt32(means.count).littleEndian)
        for mean in means { buffer.append(mean.bitPattern.littleEndian) }
        for weight in weights { buffer.append(weight.bitPattern.littleEndian) }
    }

    init(serialized bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count >= 20 else { throw ExecutionError(.invalidArgument, "malformed approx_percentile partial state") }
        func double(_ offset: Int) -> Double {
            Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
        }
        minimum = double(0)
        maximum = double(8)
        let count = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self)))
        guard bytes.count == 20 + count * 16 else {
            throw ExecutionError(.invalidArgument, "malformed approx_percentile partial state")
        }
        means = (0..<count).map { double(20 + $0 * 8) }
        weights = (0..<count).map { double(20 + count * 8 + $0 * 8) }
    }
}
