import StrataCore
import StrataPlanner
import Testing
@testable import StrataExecution

/// `selectRows` (with its fast path for `column op constant`) must pick exactly the rows where `evaluate`
/// gives TRUE, for every type, storage, operator, side of the constant and narrowing by AND.
@Suite struct SelectionTests {
    @Test func selectionMatchesEvaluation() throws {
        let samples: [(DataType, [Value], Value)] = [
            (.bigint, [.i(5), .i(-1), .null, .i(7), .i(5), .i(0)], .i(5)),
            (.integer, [.i(1), .null, .i(3), .i(2), .i(3), .i(9)], .i(3)),
            (.double, [.d(1.5), .d(-2), .null, .d(1.5), .d(8), .d(0)], .d(1.5)),
            (.varchar, [.v("b"), .v("a"), .null, .v("bb"), .v("b"), .v("")], .v("b")),
            (.date, [.date(3), .date(1), .null, .date(2), .date(3), .date(0)], .date(2)),
            (.decimal(precision: 10, scale: 2), [.decimal(100), .null, .decimal(-5), .decimal(100), .decimal(7), .decimal(3)], .decimal(7)),
            (.boolean, [.b(true), .b(false), .null, .b(true), .b(false), .b(true)], .b(true)),
        ]
        let operators: [ComparisonOperator] = [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual]
        let evaluator = ExpressionEvaluator(context: Harness.context)
        let flags = Harness.column(.boolean, [.b(true), .b(false), .b(true), .b(true), .null, .b(true)])
        for (type, values, constant) in samples {
            for storage in Storage.allCases {
                let column = Harness.column(type, values, storage)
                let batch = Batch(columns: [column, flags], count: values.count)
                for op in operators {
                    for literalFirst in [false, true] {
                        let comparison = literalFirst
                            ? BoundExpression.comparison(op, .literal(constant, type), .column(0, type))
                            : BoundExpression.comparison(op, .column(0, type), .literal(constant, type))
                        for predicate in [comparison, .and([.column(1, .boolean), comparison])] {
                            let selected = try evaluator.selectRows(where: predicate, in: batch)
                            let expected = LogicKernel.trueRows(try evaluator.evaluate(predicate, on: batch))
                            #expect(selected == expected, "\(type) \(storage) \(op) literalFirst: \(literalFirst) \(predicate)")
                        }
                    }
                }
                let none = BoundExpression.comparison(.equal, .column(0, type), .literal(.null, type))
                #expect(try evaluator.selectRows(where: none, in: batch).isEmpty)
            }
        }
    }
}
