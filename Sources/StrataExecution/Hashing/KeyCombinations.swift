// The distinct key combinations of one batch, found without hashing when every key column arrives
// numbered already: a constant (one value), dictionary-encoded (its indices), or integers spanning a
// small range (their offset from the smallest). A hash table then looks up each combination once instead
// of every row — partition columns are constants and low-cardinality strings come dictionary-encoded, so
// a batch of 8192 rows often holds a handful of combinations.
import StrataCore

struct KeyCombinations {
    /// The first row of each combination, in row order.
    let firstRows: [Int32]
    /// For each row, the position of its combination in `firstRows`.
    let combinationOfRow: [Int32]

    /// Numbers the combinations of `columns` (`count` rows each); nil when a column is not numbered
    /// already, or the combinations could be too many for a direct lookup table to pay off.
    init?(_ columns: [Column], count: Int) {
        guard count > 1 else { return nil }
        // A direct table a few times the batch's size costs no more than hashing the batch once.
        let limit = max(count * 4, 1024)
        var codings: [KeyCoding] = []
        var space = 1
        for column in columns {
            guard let coding = KeyCoding(column, limit: limit) else { return nil }
            let (product, overflow) = space.multipliedReportingOverflow(by: coding.cardinality)
            guard !overflow, product <= limit else { return nil }
            space = product
            codings.append(coding)
        }
        var codes = [Int](repeating: 0, count: count)
        var stride = 1
        codes.withUnsafeMutableBufferPointer { codes in
            for coding in codings {
                coding.add(into: codes, times: stride)
                stride &*= coding.cardinality
            }
        }
        var combinationOfCode = [Int32](repeating: -1, count: space)
        var firstRows: [Int32] = []
        let combinationOfRow = [Int32](unsafeUninitializedCapacity: count) { target, initialized in
            combinationOfCode.withUnsafeMutableBufferPointer { combinationOfCode in
                for row in 0..<count {
                    let code = codes[row]
                    var combination = combinationOfCode[code]
                    if combination < 0 {
                        combination = Int32(truncatingIfNeeded: firstRows.count)
                        combinationOfCode[code] = combination
                        firstRows.append(Int32(truncatingIfNeeded: row))
                    }
                    target[row] = combination
                }
            }
            initialized = count
        }
        self.firstRows = firstRows
        self.combinationOfRow = combinationOfRow
    }

    /// Each row's entry of `perCombination` (one value per combination).
    func spread(_ perCombination: [Int32]) -> [Int32] {
        perCombination.withUnsafeBufferPointer { perCombination in
            combinationOfRow.map { perCombination[Int($0)] }
        }
    }
}

/// How one key column's rows are numbered `0..<cardinality`, equal values (and NULLs) alike, though two
/// numbers may still stand for one value (a dictionary holding a value twice): the hash table has the
/// last word on equality.
private struct KeyCoding {
    enum Source {
        /// Every row is number 0.
        case constant
        /// Dictionary indices; NULL rows are number `cardinality - 1`.
        case dictionary(indices: UnsafePointer<Int32>, validity: Bitmap?)
        /// Integer values minus `minimum`; NULL rows are number `cardinality - 1`.
        case integers(values: UnsafeRawPointer, width: Int, minimum: Int64, validity: Bitmap?)
    }

    let source: Source
    let cardinality: Int
    /// Keeps the buffers the pointers point into alive.
    private let owner: Column

    init?(_ column: Column, limit: Int) {
        owner = column
        switch column.storage {
        case .constant:
            source = .constant
            cardinality = 1
        case .dictionary(let indices, let dictionary):
            source = .dictionary(
                indices: UnsafePointer(indices.baseAddress.assumingMemoryBound(to: Int32.self)), validity: column.validity)
            cardinality = dictionary.count + 1
        case .fixedWidth(let buffer):
            let width: Int
            switch column.type {
            case .boolean, .tinyint: width = 1
            case .smallint: width = 2
            case .integer, .date: width = 4
            case .bigint: width = 8
            default: return nil
            }
            let values = UnsafeRawPointer(buffer.baseAddress)
            guard let (minimum, maximum) = KeyCoding.range(values, width: width, count: column.count, validity: column.validity)
            else {
                // Every row is NULL.
                source = .constant
                cardinality = 1
                return
            }
            let (span, overflow) = maximum.subtractingReportingOverflow(minimum)
            guard !overflow, span < Int64(limit) else { return nil }
            source = .integers(values: values, width: width, minimum: minimum, validity: column.validity)
            cardinality = Int(span) + 2
        case .variableWidth:
            return nil
        }
    }

    /// Adds each row's number times `stride` to `codes`.
    func add(into codes: UnsafeMutableBufferPointer<Int>, times stride: Int) {
        let nullCode = (cardinality - 1) &* stride
        switch source {
        case .constant:
            break
        case .dictionary(let indices, let validity):
            guard let validity else {
                for row in 0..<codes.count { codes[row] &+= Int(indices[row]) &* stride }
                return
            }
            for row in 0..<codes.count {
                codes[row] &+= validity.isSet(row) ? Int(indices[row]) &* stride : nullCode
            }
        case .integers(let values, let width, let minimum, let validity):
            switch width {
            case 1: KeyCoding.add(values, Int8.self, minimum, validity, nullCode, stride, codes)
            case 2: KeyCoding.add(values, Int16.self, minimum, validity, nullCode, stride, codes)
            case 4: KeyCoding.add(values, Int32.self, minimum, validity, nullCode, stride, codes)
            default: KeyCoding.add(values, Int64.self, minimum, validity, nullCode, stride, codes)
            }
        }
    }

    @inline(__always)
    private static func add<T: FixedWidthInteger>(
        _ values: UnsafeRawPointer, _ type: T.Type, _ minimum: Int64, _ validity: Bitmap?, _ nullCode: Int, _ stride: Int,
        _ codes: UnsafeMutableBufferPointer<Int>
    ) {
        let from = values.assumingMemoryBound(to: T.self)
        guard let validity else {
            for row in 0..<codes.count { codes[row] &+= Int(Int64(truncatingIfNeeded: from[row]) &- minimum) &* stride }
            return
        }
        for row in 0..<codes.count {
            codes[row] &+= validity.isSet(row) ? Int(Int64(truncatingIfNeeded: from[row]) &- minimum) &* stride : nullCode
        }
    }

    /// The smallest and largest non-null value; nil when every row is NULL. Booleans read as 0 and 1.
    private static func range(_ values: UnsafeRawPointer, width: Int, count: Int, validity: Bitmap?) -> (Int64, Int64)? {
        switch width {
        case 1: range(values, Int8.self, count, validity)
        case 2: range(values, Int16.self, count, validity)
        case 4: range(values, Int32.self, count, validity)
        default: range(values, Int64.self, count, validity)
        }
    }

    private static func range<T: FixedWidthInteger>(
        _ values: UnsafeRawPointer, _ type: T.Type, _ count: Int, _ validity: Bitmap?
    ) -> (Int64, Int64)? {
        let from = values.assumingMemoryBound(to: T.self)
        var minimum = T.max
        var maximum = T.min
        var any = false
        if let validity {
            for row in 0..<count where validity.isSet(row) {
                minimum = min(minimum, from[row])
                maximum = max(maximum, from[row])
                any = true
            }
        } else {
            for row in 0..<count {
                minimum = min(minimum, from[row])
                maximum = max(maximum, from[row])
            }
            any = count > 0
        }
        return any ? (Int64(minimum), Int64(maximum)) : nil
    }
}
