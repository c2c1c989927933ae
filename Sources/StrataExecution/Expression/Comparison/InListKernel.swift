// `x IN (constant, constant, ...)`: the constants go into a hash set once per call and every row is probed,
// with SQL's NULL rules (no match and a NULL in the list gives NULL).
import StrataCore

enum InListKernel {
    /// `candidates` are already of `value.type`.
    static func contains(_ value: Column, _ candidates: [Value], context: KernelContext) throws -> Column {
        let listHasNull = candidates.contains(where: \.isNull)
        let present = candidates.filter { !$0.isNull }
        let type = value.type
        let listColumn = Column.build(type, present)
        let list = KernelArgument(listColumn)
        return try KernelRunner.run([value], resultType: .boolean, context: context) { arguments, count, validity, _ in
            var result = FixedResult<UInt8>(.boolean, count: count, validity: validity)
            let input = arguments[0]
            switch type {
            case .boolean: probe(input.fixed(UInt8.self), list.fixed(UInt8.self), present.count, result.values, count)
            case .tinyint: probe(input.fixed(Int8.self), list.fixed(Int8.self), present.count, result.values, count)
            case .smallint: probe(input.fixed(Int16.self), list.fixed(Int16.self), present.count, result.values, count)
            case .integer, .date: probe(input.fixed(Int32.self), list.fixed(Int32.self), present.count, result.values, count)
            case .bigint, .time, .timestamp: probe(input.fixed(Int64.self), list.fixed(Int64.self), present.count, result.values, count)
            case .real: probe(input.fixed(Float.self), list.fixed(Float.self), present.count, result.values, count)
            case .double: probe(input.fixed(Double.self), list.fixed(Double.self), present.count, result.values, count)
            case .decimal: probe(input.fixed(Int128.self), list.fixed(Int128.self), present.count, result.values, count)
            case .interval:
                let values = input.fixed(Interval.self)
                let items = list.fixed(Interval.self)
                for row in 0..<count {
                    var found: UInt8 = 0
                    for item in 0..<present.count where Interval.order(values[row], items[item]) == 0 { found = 1 }
                    result[row] = found
                }
            case .varchar, .varbinary:
                probeStrings(input.strings(), list.strings(), present.count, result.values, count)
            case .unknown:
                result.values.initialize(repeating: 0, count: count)
            }
            if listHasNull {
                for row in 0..<count where result[row] == 0 { result.validity.setNull(row) }
            }
            return result.finish()
        }
    }

    private static func probe<T: Hashable & BitwiseCopyable>(
        _ values: FixedInput<T>, _ list: FixedInput<T>, _ listCount: Int, _ output: UnsafeMutablePointer<UInt8>, _ count: Int
    ) {
        if listCount <= 8 {
            let items = (0..<listCount).map { list[$0] }
            for row in 0..<count {
                let value = values[row]
                var found: UInt8 = 0
                for item in items where item == value { found = 1 }
                output[row] = found
            }
            return
        }
        let set = Set((0..<listCount).map { list[$0] })
        for row in 0..<count { output[row] = set.contains(values[row]) ? 1 : 0 }
    }

    private static func probeStrings(
        _ values: StringInput, _ list: StringInput, _ listCount: Int, _ output: UnsafeMutablePointer<UInt8>, _ count: Int
    ) {
        // Buckets by hash of the bytes, so probing a row allocates nothing.
        var buckets: [Int: [Int]] = [:]
        for item in 0..<listCount { buckets[hash(list[item]), default: []].append(item) }
        for row in 0..<count {
            let value = values[row]
            var found: UInt8 = 0
            if let bucket = buckets[hash(value)] {
                for item in bucket where ByteString.equal(list[item], value) { found = 1 }
            }
            output[row] = found
        }
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        return hasher.finalize()
    }
}
