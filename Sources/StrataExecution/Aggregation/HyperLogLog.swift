// A HyperLogLog sketch of the distinct values of one group, for approx_distinct. Small sets are kept
// exactly as a sorted list of 64-bit hashes; past a threshold the sketch turns into 2^p registers and
// estimates with Ertl's improved estimator ("New cardinality estimation algorithms for HyperLogLog
// sketches", 2017), which needs no bias tables and is accurate across the whole range. With the default
// p = 11 (2048 registers) the standard error is 1.04 / sqrt(2048) ≈ 2.3%, Trino's default.
import StrataCore

struct HyperLogLog {
    let precision: Int
    /// Distinct hashes, sorted, while the sketch is small; empty once dense.
    private(set) var sparse: [UInt64] = []
    /// 2^precision registers once dense; empty while sparse.
    private(set) var registers: [UInt8] = []

    init(precision: Int) { self.precision = precision }

    /// The precision whose standard error is at most `error`, as `approx_distinct(x, e)` asks for.
    static func precision(forStandardError error: Double) throws -> Int {
        guard error >= 0.0040625 && error <= 0.26 else {
            throw ExecutionError(
                .invalidArgument, "approx_distinct: the maximum standard error must be in [0.0040625, 0.26], got \(error)")
        }
        var precision = 4
        while precision < 16 && 1.04 / Double(1 << precision).squareRoot() > error { precision += 1 }
        return precision
    }

    private var sparseLimit: Int { (1 << precision) / 8 }
    var isDense: Bool { !registers.isEmpty }

    /// Bytes of the hashes or registers held.
    var byteCount: Int { sparse.capacity * 8 + registers.capacity }

    mutating func add(_ hash: UInt64) {
        if isDense {
            addToRegisters(hash)
            return
        }
        var low = 0
        var high = sparse.count
        while low < high {
            let middle = (low + high) / 2
            if sparse[middle] < hash { low = middle + 1 } else { high = middle }
        }
        if low < sparse.count && sparse[low] == hash { return }
        sparse.insert(hash, at: low)
        if sparse.count > sparseLimit { densify() }
    }

    mutating func merge(_ other: HyperLogLog) {
        if other.isDense {
            if !isDense { densify() }
            for index in 0..<registers.count where other.registers[index] > registers[index] {
                registers[index] = other.registers[index]
            }
        } else {
            for hash in other.sparse { add(hash) }
        }
    }

    /// The estimated number of distinct values (exact while sparse).
    func estimate() -> Double {
        if !isDense { return Double(sparse.count) }
        let q = 64 - precision
        let m = Double(registers.count)
        var histogram = [Int](repeating: 0, count: q + 2)
        for register in registers { histogram[Int(register)] += 1 }
        var z = m * HyperLogLog.tau(1 - Double(histogram[q + 1]) / m)
        for k in stride(from: q, through: 1, by: -1) { z = 0.5 * (z + Double(histogram[k])) }
        z += m * HyperLogLog.sigma(Double(histogram[0]) / m)
        let alphaInfinity = 0.5 / 0.693_147_180_559_945_3
        return alphaInfinity * m * m / z
    }

    /// Bytes of the partial state: kind (0 sparse, 1 dense), precision, then the hashes or registers.
    func serialized(into buffer: Buffer) {
        buffer.append(UInt8(isDense ? 1 : 0))
        buffer.append(UInt8(precision))
        if isDense {
            registers.withUnsafeBytes { buffer.append(contentsOf: $0) }
        } else {
            for hash in sparse { buffer.append(hash.littleEndian) }
        }
    }

    init(serialized bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count >= 2, bytes[0] <= 1, (4...16).contains(Int(bytes[1])) else {
            throw ExecutionError(.invalidArgument, "malformed approx_distinct partial state")
        }
        precision = Int(bytes[1])
        if bytes[0] == 1 {
            guard bytes.count == 2 + (1 << precision) else {
                throw ExecutionError(.invalidArgument, "malformed approx_distinct partial state")
            }
            registers = Array(UnsafeRawBufferPointer(rebasing: bytes[2...]))
        } else {
            guard (bytes.count - 2) % 8 == 0 else {
                throw ExecutionError(.invalidArgument, "malformed approx_distinct partial state")
            }
            sparse = (0..<(bytes.count - 2) / 8).map {
                UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 2 + $0 * 8, as: UInt64.self))
            }
        }
    }

    private mutating func densify() {
        registers = [UInt8](repeating: 0, count: 1 << precision)
        for hash in sparse { addToRegisters(hash) }
        sparse = []
    }

    @inline(__always)
    private mutating func addToRegisters(_ hash: UInt64) {
        let index = Int(hash >> UInt64(64 - precision))
        let rest = hash << UInt64(precision)
        let rank = UInt8(min(rest.leadingZeroBitCount, 64 - precision) + 1)
        if rank > registers[index] { registers[index] = rank }
    }

    private static func sigma(_ value: Double) -> Double {
        if value == 1 { return .infinity }
        var x = value
        var y = 1.0
        var z = value
        while true {
            x *= x
            let previous = z
            z += x * y
            y += y
            if z == previous { return z }
        }
    }

    private static func tau(_ value: Double) -> Double {
        if value == 0 || value == 1 { return 0 }
        var x = value
        var y = 1.0
        var z = 1 - value
        while true {
            x = x.squareRoot()
            let previous = z
            y *= 0.5
            z -= (1 - x) * (1 - x) * y
            if z == previous { return z / 3 }
        }
    }
}
