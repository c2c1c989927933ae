// Edit distances between strings, counted in characters: levenshtein_distance and hamming_distance.
import StrataCore
import StrataPlanner

extension StringFunctions {
    /// Inputs longer than this make levenshtein_distance an error rather than a quadratic stall (Trino
    /// limits the product of the lengths to 1,000,000).
    static let maximumLevenshteinCells = 1_000_000

    static func callDistance(_ function: ScalarFunction, _ arguments: [Column], resultType: DataType, context: KernelContext) throws -> Column {
        try KernelRunner.run(arguments, resultType: resultType, context: context) { a, count, validity, context in
            let left = a[0].strings()
            let right = a[1].strings()
            var result = FixedResult<Int64>(.bigint, count: count, validity: validity)
            var previous: [Int] = []
            var current: [Int] = []
            for row in 0..<count {
                result[row] = 0
                guard result.validity.isValid(row) else { continue }
                let x = scalars(left[row])
                let y = scalars(right[row])
                if function == .hammingDistance {
                    guard x.count == y.count else {
                        try context.fail(row, ExecutionError(.invalidArgument, "The input strings to hamming_distance function must have the same length"))
                        result.validity.setNull(row)
                        continue
                    }
                    result[row] = Int64(zip(x, y).filter { $0 != $1 }.count)
                    continue
                }
                guard x.count * y.count <= maximumLevenshteinCells else {
                    try context.fail(row, ExecutionError(.invalidArgument, "The combined inputs for Levenshtein distance are too large"))
                    result.validity.setNull(row)
                    continue
                }
                if x.isEmpty || y.isEmpty {
                    result[row] = Int64(max(x.count, y.count))
                    continue
                }
                previous = Array(0...y.count)
                current = Array(repeating: 0, count: y.count + 1)
                for i in 1...x.count {
                    current[0] = i
                    for j in 1...y.count {
                        let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                        current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                    }
                    swap(&previous, &current)
                }
                result[row] = Int64(previous[y.count])
            }
            return result.finish()
        }
    }
}
