import StrataCore
import StrataPlanner
import Testing
@testable import StrataExecution

@Suite struct MathFunctionTests {
    let dec = { (p: Int, s: Int) in DataType.decimal(precision: p, scale: s) }

    func call(_ function: ScalarFunction, _ arguments: (Value, DataType)...) throws -> Value {
        try Harness.call(function, arguments)
    }

    @Test func absAndSign() throws {
        #expect(try call(.abs, (.i(-5), .integer)) == .i(5))
        #expect(try call(.abs, (.d(-1.5), .double)) == .d(1.5))
        #expect(try call(.abs, (.decimal(-150), dec(5, 2))) == .decimal(150))
        #expect(throws: ExecutionError.self) { try call(.abs, (.i(-128), .tinyint)) }
        #expect(try call(.sign, (.i(-5), .bigint)) == .i(-1))
        #expect(try call(.sign, (.d(0), .double)) == .d(0))
        #expect(try call(.sign, (.decimal(-150), dec(5, 2))) == .decimal(-1))
    }

    @Test func rounding() throws {
        #expect(try call(.round, (.d(2.5), .double)) == .d(3))
        #expect(try call(.round, (.d(-2.5), .double)) == .d(-3))
        #expect(try call(.round, (.d(1.2345), .double), (.i(2), .integer)) == .d(1.23))
        #expect(try call(.round, (.d(1250), .double), (.i(-2), .integer)) == .d(1300))
        #expect(try call(.round, (.i(1250), .integer), (.i(-2), .integer)) == .i(1300))
        #expect(try call(.round, (.i(-1250), .bigint), (.i(-2), .integer)) == .i(-1300))
        // DECIMAL(5,2) rounds to DECIMAL(4,0); with digits it stays at scale 2 in DECIMAL(6,2).
        #expect(try ScalarFunction.round.resolve([dec(5, 2)]).returnType == dec(4, 0))
        #expect(try call(.round, (.decimal(12350), dec(5, 2))) == .decimal(124))
        #expect(try call(.round, (.decimal(-12350), dec(5, 2))) == .decimal(-124))
        #expect(try call(.round, (.decimal(12345), dec(5, 2)), (.i(1), .integer)) == .decimal(12350))
        #expect(try call(.ceil, (.decimal(12301), dec(5, 2))) == .decimal(124))
        #expect(try call(.ceil, (.decimal(-12399), dec(5, 2))) == .decimal(-123))
        #expect(try call(.floor, (.decimal(-12301), dec(5, 2))) == .decimal(-124))
        #expect(try call(.floor, (.d(-1.5), .double)) == .d(-2))
        #expect(try call(.ceil, (.i(7), .integer)) == .i(7))
        #expect(try call(.truncate, (.d(-1.7), .double)) == .d(-1))
        #expect(try call(.truncate, (.decimal(-12399), dec(5, 2))) == .decimal(-123))
        #expect(try call(.truncate, (.decimal(12399), dec(5, 2)), (.i(1), .integer)) == .decimal(12390))
    }

    @Test func doubleFunctions() throws {
        #expect(try call(.power, (.i(2), .integer), (.i(10), .integer)) == .d(1024))
        #expect(try call(.sqrt, (.d(16), .double)) == .d(4))
        #expect(try call(.cbrt, (.d(27), .double)) == .d(3))
        #expect(try call(.ln, (.d(1), .double)) == .d(0))
        #expect(try call(.log2, (.d(8), .double)) == .d(3))
        #expect(try call(.log10, (.d(1000), .double)) == .d(3))
        #expect(try call(.log, (.d(2), .double), (.d(8), .double)) == .d(3))
        #expect(try call(.exp, (.d(0), .double)) == .d(1))
        #expect(try call(.pi) == .d(Double.pi))
        #expect(try call(.isNaN, (.d(.nan), .double)) == .b(true))
        #expect(try call(.isInfinite, (.d(.infinity), .double)) == .b(true))
        #expect(try call(.isFinite, (.d(1), .double)) == .b(true))
        #expect(try call(.mod, (.i(-7), .integer), (.i(3), .integer)) == .i(-1))
        #expect(try call(.mod, (.decimal(75), dec(2, 1)), (.decimal(20), dec(2, 1))) == .decimal(15))
        #expect(throws: ExecutionError.self) { try call(.mod, (.i(1), .integer), (.i(0), .integer)) }
    }

    @Test func trigonometryAndBits() throws {
        #expect(try call(.sin, (.d(0), .double)) == .d(0))
        #expect(try call(.cos, (.d(0), .double)) == .d(1))
        #expect(try call(.atan2, (.d(1), .double), (.d(1), .double)) == .d(Double.pi / 4))
        #expect(try call(.degrees, (.d(Double.pi), .double)) == .d(180))
        #expect(try call(.radians, (.d(180), .double)) == .d(Double.pi))
        #expect(try call(.e) == .d(2.718281828459045))
        #expect(try call(.infinity) == .d(.infinity))
        #expect(try call(.bitwiseAnd, (.i(12), .bigint), (.i(10), .bigint)) == .i(8))
        #expect(try call(.bitwiseOr, (.i(12), .bigint), (.i(10), .bigint)) == .i(14))
        #expect(try call(.bitwiseXor, (.i(12), .bigint), (.i(10), .bigint)) == .i(6))
        #expect(try call(.bitwiseNot, (.i(0), .bigint)) == .i(-1))
        #expect(try call(.widthBucket, (.d(3.14), .double), (.d(0), .double), (.d(4), .double), (.i(3), .bigint)) == .i(3))
        #expect(try call(.widthBucket, (.d(-1), .double), (.d(0), .double), (.d(4), .double), (.i(3), .bigint)) == .i(0))
        #expect(try call(.widthBucket, (.d(4), .double), (.d(0), .double), (.d(4), .double), (.i(3), .bigint)) == .i(4))
        #expect(try call(.widthBucket, (.d(1), .double), (.d(4), .double), (.d(0), .double), (.i(4), .bigint)) == .i(4))
        #expect(throws: ExecutionError.self) { try call(.widthBucket, (.d(1), .double), (.d(0), .double), (.d(4), .double), (.i(0), .bigint)) }
    }

    @Test func greatestLeast() throws {
        #expect(try call(.greatest, (.i(1), .integer), (.i(5), .bigint), (.i(3), .integer)) == .i(5))
        #expect(try call(.least, (.v("b"), .varchar), (.v("a"), .varchar)) == .v("a"))
        #expect(try call(.greatest, (.i(1), .integer), (.null, .unknown)) == .null)
        #expect(try call(.least, (.d(1.5), .double), (.i(2), .integer)) == .d(1.5))
        #expect(throws: ExecutionError.self) { try call(.greatest, (.d(.nan), .double), (.d(1), .double)) }
        let a = Harness.column(.bigint, [.i(1), .i(9), .null, .i(4)])
        let b = Harness.column(.bigint, [.i(3), .i(2), .i(1), .i(4)])
        let expression = BoundExpression.call(.greatest, [.column(0, .bigint), .column(1, .bigint)], .bigint)
        #expect(try Harness.evaluate(expression, [a, b]) == [.i(3), .i(9), .null, .i(4)])
    }

    @Test func random() throws {
        let values = try Harness.evaluate(.call(.random, [], .double), [], count: 100)
        #expect(values.allSatisfy { if case .double(let v) = $0 { return v >= 0 && v < 1 } else { return false } })
        let bounded = try Harness.evaluate(.call(.random, [.literal(.i(3), .integer)], .integer), [], count: 100)
        #expect(bounded.allSatisfy { if case .integer(let v) = $0 { return v >= 0 && v < 3 } else { return false } })
        #expect(!ScalarFunction.random.isDeterministic)
    }

    @Test func nullif() throws {
        #expect(try call(.nullif, (.i(1), .integer), (.i(1), .integer)) == .null)
        #expect(try call(.nullif, (.i(1), .integer), (.i(2), .integer)) == .i(1))
        #expect(try call(.nullif, (.i(1), .integer), (.null, .unknown)) == .i(1))
        #expect(try ScalarFunction.nullif.resolve([.integer, .bigint]) == FunctionSignature([.integer, .bigint], .integer))
        #expect(try call(.nullif, (.i(5), .integer), (.i(5), .bigint)) == .null)
        #expect(try call(.nullif, (.i(5), .integer), (.d(5.5), .double)) == .i(5))
        let column = Harness.column(.varchar, [.v("x"), .v(""), .null, .v("")], .dictionary)
        let expression = BoundExpression.call(.nullif, [.column(0, .varchar), .literal(.v(""), .varchar)], .varchar)
        #expect(try Harness.evaluate(expression, [column]) == [.v("x"), .null, .null, .null])
    }
}
