import StrataCore
import StrataPlanner
import Testing
@testable import StrataExecution

@Suite struct ExpressionEvaluatorTests {
    let numbers: [Value] = [.i(1), .i(2), .null, .i(4), .i(2)]

    @Test func columnsAndLiterals() throws {
        for storage in Storage.allCases where storage != .constant {
            let column = Harness.column(.bigint, numbers, storage)
            #expect(try Harness.evaluate(.column(0, .bigint), [column]) == numbers)
        }
        let literal = try ExpressionEvaluator(context: Harness.context)
            .evaluate(.literal(.integer(7), .bigint), on: Batch(count: 3))
        #expect(literal.isConstant)
        #expect(literal.values == [.i(7), .i(7), .i(7)])
    }

    @Test func comparisonsInEveryStorage() throws {
        let expression = BoundExpression.comparison(.greater, .column(0, .bigint), .literal(.integer(1), .bigint))
        for storage in Storage.allCases {
            let expected: [Value] = storage == .constant
                ? Array(repeating: .b(false), count: 5) : [.b(false), .b(true), .null, .b(true), .b(true)]
            #expect(try Harness.evaluate(expression, [Harness.column(.bigint, numbers, storage)]) == expected, "\(storage)")
        }
        let strings = Harness.column(.varchar, [.v("b"), .v("a"), .null, .v("c")])
        let less = BoundExpression.comparison(.less, .column(0, .varchar), .literal(.v("b"), .varchar))
        #expect(try Harness.evaluate(less, [strings]) == [.b(false), .b(true), .null, .b(false)])
        let distinct = BoundExpression.comparison(.isDistinctFrom, .column(0, .varchar), .literal(.null, .varchar))
        #expect(try Harness.evaluate(distinct, [strings]) == [.b(true), .b(true), .b(false), .b(true)])
        let notDistinct = BoundExpression.comparison(.isNotDistinctFrom, .column(0, .bigint), .column(1, .bigint))
        let left = Harness.column(.bigint, [.i(1), .null, .null, .i(3)])
        let right = Harness.column(.bigint, [.i(1), .i(2), .null, .i(4)])
        #expect(try Harness.evaluate(notDistinct, [left, right]) == [.b(true), .b(false), .b(true), .b(false)])
    }

    @Test func threeValuedLogic() throws {
        let a = Harness.column(.boolean, [.b(true), .b(true), .b(true), .b(false), .b(false), .b(false), .null, .null, .null])
        let b = Harness.column(.boolean, [.b(true), .b(false), .null, .b(true), .b(false), .null, .b(true), .b(false), .null])
        let and = try Harness.evaluate(.and([.column(0, .boolean), .column(1, .boolean)]), [a, b])
        #expect(and == [.b(true), .b(false), .null, .b(false), .b(false), .b(false), .null, .b(false), .null])
        let or = try Harness.evaluate(.or([.column(0, .boolean), .column(1, .boolean)]), [a, b])
        #expect(or == [.b(true), .b(true), .b(true), .b(true), .b(false), .null, .b(true), .null, .null])
        let not = try Harness.evaluate(.not(.column(0, .boolean)), [a, b])
        #expect(not == [.b(false), .b(false), .b(false), .b(true), .b(true), .b(true), .null, .null, .null])
        let isNull = try Harness.evaluate(.isNull(.column(1, .boolean), negated: false), [a, b])
        #expect(isNull == [.b(false), .b(false), .b(true), .b(false), .b(false), .b(true), .b(false), .b(false), .b(true)])
        let selected = try ExpressionEvaluator(context: Harness.context)
            .selectRows(where: .or([.column(0, .boolean), .column(1, .boolean)]), in: Batch(columns: [a, b], count: 9))
        #expect(selected == [0, 1, 2, 3, 6])
        let both = try ExpressionEvaluator(context: Harness.context)
            .selectRows(where: .and([.column(0, .boolean), .not(.column(1, .boolean))]), in: Batch(columns: [a, b], count: 9))
        #expect(both == [1])
    }

    @Test func integerArithmeticAndOverflow() throws {
        let x = Harness.column(.integer, [.i(7), .i(-7), .null, .i(0)])
        let y = Harness.column(.integer, [.i(2), .i(2), .i(1), .i(5)])
        func run(_ op: ArithmeticOperator) throws -> [Value] {
            try Harness.evaluate(.arithmetic(op, .column(0, .integer), .column(1, .integer), .integer), [x, y])
        }
        #expect(try run(.add) == [.i(9), .i(-5), .null, .i(5)])
        #expect(try run(.subtract) == [.i(5), .i(-9), .null, .i(-5)])
        #expect(try run(.multiply) == [.i(14), .i(-14), .null, .i(0)])
        #expect(try run(.divide) == [.i(3), .i(-3), .null, .i(0)])
        #expect(try run(.modulo) == [.i(1), .i(-1), .null, .i(0)])

        let big = BoundExpression.arithmetic(.add, .literal(.integer(.max), .bigint), .column(0, .bigint), .bigint)
        #expect(throws: ExecutionError.self) { try Harness.evaluate(big, [Harness.column(.bigint, [.i(0), .i(1)])]) }
        do {
            _ = try Harness.evaluate(big, [Harness.column(.bigint, [.i(0), .i(1)])])
        } catch let error as ExecutionError {
            #expect(error.code == .overflow)
            #expect(error.message == "bigint addition overflow: 9223372036854775807 + 1")
        }
        // Overflow on a NULL row is no overflow.
        #expect(try Harness.evaluate(big, [Harness.column(.bigint, [.i(0), .null])]) == [.i(.max), .null])

        let divide = BoundExpression.arithmetic(.divide, .literal(.integer(10), .integer), .column(0, .integer), .integer)
        #expect(throws: ExecutionError.self) { try Harness.evaluate(divide, [Harness.column(.integer, [.i(0)])]) }
        #expect(try Harness.evaluate(.negate(.column(0, .integer)), [x]) == [.i(-7), .i(7), .null, .i(0)])
    }

    @Test func doubleArithmetic() throws {
        let x = Harness.column(.double, [.d(1.5), .d(-2), .null])
        let divide = BoundExpression.arithmetic(.divide, .column(0, .double), .literal(.d(0), .double), .double)
        let result = try Harness.evaluate(divide, [x])
        #expect(result[0] == .d(.infinity))
        #expect(result[1] == .d(-.infinity))
        #expect(result[2] == .null)
        let modulo = BoundExpression.arithmetic(.modulo, .column(0, .double), .literal(.d(1), .double), .double)
        #expect(try Harness.evaluate(modulo, [x]) == [.d(0.5), .d(-0), .null])
    }

    @Test func caseIsLazy() throws {
        // CASE WHEN x <> 0 THEN 10 / x ELSE -1 END never divides by zero.
        let x = BoundExpression.column(0, .integer)
        let expression = BoundExpression.caseWhen(
            [CaseBranch(
                condition: .comparison(.notEqual, x, .literal(.integer(0), .integer)),
                result: .arithmetic(.divide, .literal(.integer(10), .integer), x, .integer))],
            otherwise: .literal(.integer(-1), .integer), .integer)
        for storage in [Storage.plain, .dictionary] {
            let column = Harness.column(.integer, [.i(2), .i(0), .null, .i(5), .i(0)], storage)
            #expect(try Harness.evaluate(expression, [column]) == [.i(5), .i(-1), .i(-1), .i(2), .i(-1)])
        }
        // AND is lazy too: x <> 0 AND 10 / x > 1.
        let guarded = BoundExpression.and([
            .comparison(.notEqual, x, .literal(.integer(0), .integer)),
            .comparison(.greater, .arithmetic(.divide, .literal(.integer(10), .integer), x, .integer), .literal(.integer(1), .integer)),
        ])
        let column = Harness.column(.integer, [.i(2), .i(0), .null, .i(20)])
        #expect(try Harness.evaluate(guarded, [column]) == [.b(true), .b(false), .null, .b(false)])
        #expect(try ExpressionEvaluator(context: Harness.context).selectRows(where: guarded, in: Batch(columns: [column], count: 4)) == [0])
    }

    @Test func caseAssemblesEveryType() throws {
        let x = BoundExpression.column(0, .integer)
        let s = BoundExpression.column(1, .varchar)
        func when(_ value: Int64, _ result: BoundExpression) -> CaseBranch {
            CaseBranch(condition: .comparison(.equal, x, .literal(.integer(value), .integer)), result: result)
        }
        let xs = Harness.column(.integer, [.i(1), .i(2), .i(3), .null, .i(1), .i(2)])
        for storage in [Storage.plain, .dictionary] {
            let strings = Harness.column(.varchar, [.v("a"), .v("b"), .null, .v("d"), .v("e"), .v("f")], storage)
            let text = BoundExpression.caseWhen(
                [when(1, s), when(2, .call(.upper, [s], .varchar)), when(3, .literal(.v("three"), .varchar))],
                otherwise: nil, .varchar)
            #expect(try Harness.evaluate(text, [xs, strings]) == [.v("a"), .v("B"), .v("three"), .null, .v("e"), .v("F")], "\(storage)")
            // A nested CASE inside a branch sees only that branch's rows.
            let nested = BoundExpression.caseWhen(
                [when(2, .caseWhen([CaseBranch(condition: .isNull(s, negated: true), result: .literal(.i(20), .integer))],
                                   otherwise: .literal(.i(-20), .integer), .integer))],
                otherwise: x, .integer)
            #expect(try Harness.evaluate(nested, [xs, strings]) == [.i(1), .i(20), .i(3), .null, .i(1), .i(20)])
        }
        let numbers = BoundExpression.caseWhen([when(1, .literal(.d(1.5), .double))], otherwise: .literal(.null, .double), .double)
        #expect(try Harness.evaluate(numbers, [xs]) == [.d(1.5), .null, .null, .null, .d(1.5), .null])
    }

    @Test func coalesceIsLazy() throws {
        let x = BoundExpression.column(0, .integer)
        let expression = BoundExpression.coalesce(
            [x, .arithmetic(.divide, .literal(.integer(10), .integer), .column(1, .integer), .integer), .literal(.integer(0), .integer)],
            .integer)
        let a = Harness.column(.integer, [.i(1), .null, .null])
        let b = Harness.column(.integer, [.i(0), .i(5), .null])
        #expect(try Harness.evaluate(expression, [a, b]) == [.i(1), .i(2), .i(0)])
    }

    @Test func tryMakesFailingRowsNull() throws {
        let x = BoundExpression.column(0, .integer)
        let division = BoundExpression.arithmetic(.divide, .literal(.integer(10), .integer), x, .integer)
        let column = Harness.column(.integer, [.i(2), .i(0), .null, .i(5)])
        #expect(try Harness.evaluate(.tryExpression(division), [column]) == [.i(5), .null, .null, .i(2)])
        // The failure inside coalesce still makes the whole try NULL (as Trino).
        let nested = BoundExpression.tryExpression(.coalesce([division, .literal(.integer(7), .integer)], .integer))
        #expect(try Harness.evaluate(nested, [column]) == [.i(5), .null, .i(7), .i(2)])
    }

    @Test func inList() throws {
        let column = Harness.column(.bigint, [.i(1), .i(2), .null, .i(4)])
        let list: [BoundExpression] = [.literal(.integer(1), .bigint), .literal(.integer(4), .bigint)]
        #expect(try Harness.evaluate(.inList(.column(0, .bigint), list, negated: false), [column]) == [.b(true), .b(false), .null, .b(true)])
        #expect(try Harness.evaluate(.inList(.column(0, .bigint), list, negated: true), [column]) == [.b(false), .b(true), .null, .b(false)])
        let withNull = list + [.literal(.null, .bigint)]
        #expect(try Harness.evaluate(.inList(.column(0, .bigint), withNull, negated: false), [column]) == [.b(true), .null, .null, .b(true)])
        let strings = Harness.column(.varchar, [.v("a"), .v("b"), .null], .dictionary)
        let many = (0..<20).map { BoundExpression.literal(.varchar("x\($0)"), .varchar) } + [.literal(.v("b"), .varchar)]
        #expect(try Harness.evaluate(.inList(.column(0, .varchar), many, negated: false), [strings]) == [.b(false), .b(true), .null])
        let nonLiteral: [BoundExpression] = [.column(1, .bigint), .literal(.integer(2), .bigint)]
        let other = Harness.column(.bigint, [.i(1), .null, .i(3), .null])
        #expect(try Harness.evaluate(.inList(.column(0, .bigint), nonLiteral, negated: false), [column, other]) == [.b(true), .b(true), .null, .null])
    }
}

@Suite struct EvaluatorEdgeTests {
    @Test func emptyBatches() throws {
        let empty = Batch(columns: [Column.build(.bigint, []), Column.build(.varchar, [])], count: 0)
        let evaluator = ExpressionEvaluator(context: Harness.context)
        let x = BoundExpression.column(0, .bigint)
        let expressions: [BoundExpression] = [
            .arithmetic(.add, x, .literal(.integer(1), .bigint), .bigint),
            .caseWhen([CaseBranch(condition: .comparison(.greater, x, .literal(.integer(0), .bigint)), result: x)], otherwise: .literal(.integer(0), .bigint), .bigint),
            .coalesce([x, .literal(.integer(0), .bigint)], .bigint),
            .call(.upper, [.column(1, .varchar)], .varchar),
            .tryExpression(.arithmetic(.divide, .literal(.integer(1), .bigint), x, .bigint)),
            .literal(.integer(3), .bigint),
        ]
        for expression in expressions {
            #expect(try evaluator.evaluate(expression, on: empty).count == 0)
        }
        #expect(try evaluator.selectRows(where: .comparison(.greater, x, .literal(.integer(0), .bigint)), in: empty).isEmpty)
    }

    @Test func malformedPlansFailWithoutCrashing() throws {
        let evaluator = ExpressionEvaluator(context: Harness.context)
        let batch = Batch(columns: [Column.build(.bigint, [.i(1)])], count: 1)
        #expect(throws: ExecutionError.self) { try evaluator.evaluate(.literal(.varchar("x"), .bigint), on: batch) }
        #expect(throws: ExecutionError.self) { try evaluator.evaluate(.literal(.integer(300), .tinyint), on: batch) }
        #expect(throws: ExecutionError.self) { try evaluator.evaluate(.column(3, .bigint), on: batch) }
        #expect(throws: ExecutionError.self) { try evaluator.evaluate(.column(0, .varchar), on: batch) }
    }

    @Test func constantInputsGiveConstantResults() throws {
        let evaluator = ExpressionEvaluator(context: Harness.context)
        let batch = Batch(count: 4)
        let result = try evaluator.evaluate(.call(.upper, [.literal(.varchar("a"), .varchar)], .varchar), on: batch)
        #expect(result.isConstant)
        #expect(result.values == Array(repeating: .v("A"), count: 4))
        // A failure in a constant part under try() nulls every row.
        let failing = BoundExpression.tryExpression(.arithmetic(.divide, .literal(.integer(1), .integer), .literal(.integer(0), .integer), .integer))
        #expect(try evaluator.evaluate(failing, on: batch).values == Array(repeating: .null, count: 4))
    }
}
