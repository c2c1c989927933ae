// Building output columns from per-group state arrays.
import StrataCore

enum StateColumns {
    /// A column of `type` holding `values[range]`, NULL where `present[group]` is 0.
    static func fixed<T: BitwiseCopyable>(_ type: DataType, _ values: [T], _ range: Range<Int>, present: [UInt8]) -> Column {
        fixed(type, values, range) { present[$0] != 0 }
    }

    /// A column of `type` holding `values[range]`, NULL where `isPresent(group)` is false (when given).
    static func fixed<T: BitwiseCopyable>(
        _ type: DataType, _ values: [T], _ range: Range<Int>, isPresent: ((Int) -> Bool)? = nil
    ) -> Column {
        let buffer = values.withUnsafeBytes { raw in
            Buffer(
                copying: UnsafeRawBufferPointer(
                    rebasing: raw[(range.lowerBound * MemoryLayout<T>.stride)..<(range.upperBound * MemoryLayout<T>.stride)]))
        }
        return Column(type: type, count: range.count, values: buffer, validity: validity(range, isPresent))
    }

    /// A validity bitmap for `range`, or nil when every group is present.
    static func validity(_ range: Range<Int>, _ isPresent: ((Int) -> Bool)?) -> Bitmap? {
        guard let isPresent, !range.allSatisfy(isPresent) else { return nil }
        let bitmap = Bitmap(count: range.count, allSet: true)
        for (index, group) in range.enumerated() where !isPresent(group) { bitmap.clear(index) }
        return bitmap
    }

    /// A column of `type` from values computed per group, NULL where `compute` returns nil.
    static func build<T: BitwiseCopyable>(
        _ type: DataType, _ range: Range<Int>, as: T.Type, _ compute: (Int) throws -> T?
    ) rethrows -> Column {
        let buffer = Buffer(capacity: range.count * MemoryLayout<T>.stride)
        let target = buffer.extend(by: range.count * MemoryLayout<T>.stride).assumingMemoryBound(to: T.self)
        var bitmap: Bitmap?
        for (index, group) in range.enumerated() {
            if let value = try compute(group) {
                target[index] = value
            } else {
                (UnsafeMutableRawPointer(target) + index * MemoryLayout<T>.stride)
                    .initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<T>.stride)
                if bitmap == nil { bitmap = Bitmap(count: range.count, allSet: true) }
                bitmap!.clear(index)
            }
        }
        return Column(type: type, count: range.count, values: buffer, validity: bitmap)
    }

    /// A column of a numeric `type` from doubles computed per group (nil for NULL): integers are rounded
    /// to the nearest, DECIMAL to its scale.
    static func numeric(_ type: DataType, _ range: Range<Int>, _ compute: (Int) -> Double?) throws -> Column {
        switch type {
        case .double: return build(type, range, as: Double.self, compute)
        case .real: return build(type, range, as: Float.self) { compute($0).map(Float.init) }
        case .bigint, .integer, .smallint, .tinyint:
            let bounds: ClosedRange<Double> =
                switch type {
                case .tinyint: -128...127
                case .smallint: -32768...32767
                case .integer: -2_147_483_648...2_147_483_647
                default: -9.223_372_036_854_775_808e18...9.223_372_036_854_774_784e18
                }
            func rounded(_ group: Int) throws -> Int64? {
                guard let value = compute(group) else { return nil }
                let result = value.rounded(.toNearestOrAwayFromZero)
                guard bounds.contains(result) else {
                    throw ExecutionError(.overflow, "\(value) is out of range for \(type)")
                }
                return Int64(result)
            }
            switch type {
            case .tinyint: return try build(type, range, as: Int8.self) { try rounded($0).map { Int8($0) } }
            case .smallint: return try build(type, range, as: Int16.self) { try rounded($0).map { Int16($0) } }
            case .integer: return try build(type, range, as: Int32.self) { try rounded($0).map { Int32($0) } }
            default: return try build(type, range, as: Int64.self, rounded)
            }
        case .decimal(_, let scale):
            let factor = Double(DecimalMath.powerOfTen(scale))
            return try build(type, range, as: Int128.self) { group in
                guard let value = compute(group) else { return nil }
                let scaled = (value * factor).rounded(.toNearestOrAwayFromZero)
                guard scaled.isFinite, abs(scaled) < 1e38 else {
                    throw ExecutionError(.overflow, "\(value) is out of range for \(type)")
                }
                return Int128(scaled)
            }
        default:
            throw ExecutionError(.invalidArgument, "cannot produce a \(type) from a floating-point aggregate")
        }
    }
}
