// Window functions: holds the input, and for each distinct (PARTITION BY, ORDER BY) specification sorts
// the rows once into window order, finds partition and peer boundaries, and computes every call with that
// specification over sorted positions (ranking and navigation directly, aggregates over frames through
// the aggregate accumulators). Output: the input columns, in input order, then one column per call.
import StrataCore
import StrataPlanner

public final class WindowOperator: PhysicalOperator {
    public let outputTypes: [DataType]
    private let child: PhysicalOperator
    private let calls: [BoundWindowCall]
    private let context: ExecutionContext
    private let memory: MemoryReservation
    private let evaluator: ExpressionEvaluator
    private var output: Batch?
    private var position = 0

    public init(child: PhysicalOperator, calls: [BoundWindowCall], context: ExecutionContext) throws {
        for call in calls where call.isDistinct {
            throw ExecutionError(.notSupported, "DISTINCT in a window function is not supported")
        }
        self.child = child
        self.calls = calls
        self.context = context
        memory = context.reserveMemory(for: "the window function")
        evaluator = ExpressionEvaluator(context: context)
        outputTypes = child.outputTypes + calls.map(\.type)
    }

    public func next() throws -> Batch? {
        if output == nil { output = try compute() }
        guard let output, position < output.count else { return nil }
        try context.checkCancelled()
        let end = min(position + context.batchSize, output.count)
        defer { position = end }
        return output.slice(position..<end)
    }

    public func close() {
        child.close()
        output = nil
        memory.release()
    }

    private func compute() throws -> Batch {
        let batches = try memory.drain(
            child, context: context, advice: "window functions hold every row of their input; filter the rows first")
        let input = Batch.concatenate(batches, types: child.outputTypes)
        var results = [Column?](repeating: nil, count: calls.count)
        // Calls sharing a specification share one sort.
        var specifications: [[Int]] = []
        for (index, call) in calls.enumerated() {
            if let group = specifications.firstIndex(where: {
                calls[$0[0]].partitionBy == call.partitionBy && calls[$0[0]].orderBy == call.orderBy
            }) {
                specifications[group].append(index)
            } else {
                specifications.append([index])
            }
        }
        for group in specifications {
            let first = calls[group[0]]
            let partitionKeys = try first.partitionBy.map { try evaluator.evaluate($0, on: input) }
            let orderKeys = try first.orderBy.map { try evaluator.evaluate($0.expression, on: input) }
            let layout = WindowLayout(
                count: input.count, partitionKeys: partitionKeys, orderKeys: orderKeys,
                orderDirections: first.orderBy.map { SortDirection(ascending: $0.ascending, nullsFirst: $0.nullsFirst) })
            for index in group {
                try context.checkCancelled()
                let sorted = try evaluate(calls[index], input: input, layout: layout, orderKeys: orderKeys)
                guard sorted.type == calls[index].type else {
                    throw ExecutionError(.internal, "window function computes \(sorted.type), the plan expects \(calls[index].type)")
                }
                results[index] = layout.scatter(sorted)
            }
        }
        return Batch(columns: input.columns + results.map { $0! }, count: input.count)
    }

    /// The values of `call` for every sorted position.
    private func evaluate(_ call: BoundWindowCall, input: Batch, layout: WindowLayout, orderKeys: [Column]) throws -> Column {
        let arguments = try call.arguments.map { try evaluator.evaluate($0, on: input) }
        func frames() throws -> WindowFrameBounds {
            try WindowFrameBounds(
                frame: call.frame, layout: layout, orderKey: orderKeys.count == 1 ? orderKeys[0] : nil,
                orderAscending: call.orderBy.first?.ascending ?? true)
        }
        func argument(_ index: Int) throws -> Column {
            guard index < arguments.count else {
                throw ExecutionError(.internal, "window function is missing argument \(index + 1)")
            }
            return arguments[index]
        }
        switch call.function {
        case .rowNumber: return WindowFunctionKernels.rowNumber(layout)
        case .rank: return WindowFunctionKernels.rank(layout)
        case .denseRank: return WindowFunctionKernels.denseRank(layout)
        case .percentRank: return WindowFunctionKernels.percentRank(layout)
        case .cumeDist: return WindowFunctionKernels.cumeDist(layout)
        case .ntile: return try WindowFunctionKernels.ntile(layout, buckets: argument(0))
        case .lag, .lead:
            let values = try argument(0)
            let fallback = arguments.count > 2 ? arguments[2] : nil
            if let fallback, fallback.type != values.type {
                throw ExecutionError(.internal, "\(call.function) default is \(fallback.type), the value \(values.type)")
            }
            return try WindowFunctionKernels.shift(
                layout, values: values, offsets: arguments.count > 1 ? arguments[1] : nil, fallback: fallback,
                direction: call.function == .lag ? -1 : 1)
        case .firstValue:
            return WindowFunctionKernels.frameValue(try argument(0), frames: try frames(), layout: layout) { start, end, _ in
                start < end ? start : nil
            }
        case .lastValue:
            return WindowFunctionKernels.frameValue(try argument(0), frames: try frames(), layout: layout) { start, end, _ in
                start < end ? end - 1 : nil
            }
        case .nthValue:
            let nth = ColumnView(try argument(1))
            let values = try nth.integers()
            return try WindowFunctionKernels.frameValue(try argument(0), frames: try frames(), layout: layout) { start, _, row in
                if nth.isNull(row) { return nil }
                guard values[row] > 0 else {
                    throw ExecutionError(.invalidArgument, "nth_value: the position must be positive, got \(values[row])")
                }
                return start + Int(values[row]) - 1
            }
        case .aggregate(let function):
            let sortedArguments = arguments.map { $0.gather(layout.order) }
            let aggregate = BoundAggregate(function, call.arguments, type: call.type)
            return try WindowAggregation.evaluate(aggregate, arguments: sortedArguments, frames: try frames(), layout: layout)
        }
    }
}
