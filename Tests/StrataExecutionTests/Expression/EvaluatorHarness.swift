// Helpers for expression tests: build batches from values in every storage kind and evaluate.
import StrataCore
import StrataPlanner
@testable import StrataExecution

enum Storage: CaseIterable, CustomStringConvertible {
    case plain, dictionary, constant

    var description: String {
        switch self {
        case .plain: return "plain"
        case .dictionary: return "dictionary"
        case .constant: return "constant"
        }
    }
}

enum Harness {
    static let context = ExecutionContext(statementTimestamp: 1_700_000_000_123_456)

    /// `values` of `type` stored as `storage` (a constant repeats the first value).
    static func column(_ type: DataType, _ values: [Value], _ storage: Storage = .plain) -> Column {
        switch storage {
        case .plain:
            return Column.build(type, values)
        case .constant:
            return Column.constant(values[0], type, count: values.count)
        case .dictionary:
            // Distinct non-null values in the dictionary, in reverse order of appearance, plus an unused entry.
            var entries: [Value] = []
            for value in values.reversed() where !value.isNull && !entries.contains(value) { entries.append(value) }
            let indices = values.map { value -> Int32 in
                value.isNull ? 0 : Int32(entries.firstIndex(of: value)!)
            }
            let validity = Bitmap(count: values.count, allSet: true)
            for (row, value) in values.enumerated() where value.isNull { validity.clear(row) }
            if entries.isEmpty { entries = [values.first { !$0.isNull } ?? .null] }
            let dictionary = Column.build(type, entries.filter { !$0.isNull })
            if dictionary.count == 0 { return Column.build(type, values) }
            return Column(
                type: type, count: values.count, validity: values.contains(where: \.isNull) ? validity : nil,
                storage: .dictionary(indices: Buffer(indices), dictionary: dictionary))
        }
    }

    static func evaluate(_ expression: BoundExpression, _ columns: [Column], count: Int? = nil) throws -> [Value] {
        let batch = Batch(columns: columns, count: count ?? columns.first?.count ?? 1)
        let result = try ExpressionEvaluator(context: context).evaluate(expression, on: batch)
        precondition(result.count == batch.count)
        return result.values
    }

    /// `function(arguments...)` on literal arguments, resolved through the function's signature.
    static func call(_ function: ScalarFunction, _ arguments: [(Value, DataType)]) throws -> Value {
        let signature = try function.resolve(arguments.map(\.1))
        let bound = zip(arguments, signature.parameterTypes).map { argument, parameter -> BoundExpression in
            let literal = BoundExpression.literal(argument.0, argument.1)
            return argument.1 == parameter ? literal : .cast(literal, to: parameter, isTry: false)
        }
        return try evaluate(.call(function, bound, signature.returnType), [], count: 1)[0]
    }

    /// `function` applied to one column of `values` in every storage kind; checks all agree and returns them.
    static func callColumn(
        _ function: ScalarFunction, _ type: DataType, _ values: [Value], extra: [(Value, DataType)] = []
    ) throws -> [Value] {
        let signature = try function.resolve([type] + extra.map(\.1))
        var arguments: [BoundExpression] = [.column(0, type)]
        arguments += extra.map { BoundExpression.literal($0.0, $0.1) }
        let call = BoundExpression.call(function, arguments, signature.returnType)
        let plain = try evaluate(call, [column(type, values, .plain)])
        let dictionary = try evaluate(call, [column(type, values, .dictionary)])
        precondition(plain == dictionary, "dictionary result \(dictionary) differs from plain \(plain)")
        return plain
    }
}

extension Value {
    static func v(_ text: String) -> Value { .varchar(text) }
    static func i(_ value: Int64) -> Value { .integer(value) }
    static func d(_ value: Double) -> Value { .double(value) }
    static func b(_ value: Bool) -> Value { .boolean(value) }
}
