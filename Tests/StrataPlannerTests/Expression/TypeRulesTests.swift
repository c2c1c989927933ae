import StrataCore
import Testing
@testable import StrataPlanner

@Suite struct TypeRulesTests {
    @Test func commonSupertypes() {
        #expect(TypeCoercion.commonSupertype(.integer, .bigint) == .bigint)
        #expect(TypeCoercion.commonSupertype(.tinyint, .smallint) == .smallint)
        #expect(TypeCoercion.commonSupertype(.integer, .decimal(precision: 5, scale: 2)) == .decimal(precision: 12, scale: 2))
        #expect(TypeCoercion.commonSupertype(.bigint, .decimal(precision: 38, scale: 10)) == .decimal(precision: 38, scale: 10))
        #expect(TypeCoercion.commonSupertype(.decimal(precision: 10, scale: 2), .decimal(precision: 5, scale: 4)) == .decimal(precision: 12, scale: 4))
        #expect(TypeCoercion.commonSupertype(.decimal(precision: 10, scale: 2), .double) == .double)
        #expect(TypeCoercion.commonSupertype(.decimal(precision: 10, scale: 2), .real) == .real)
        #expect(TypeCoercion.commonSupertype(.real, .double) == .double)
        #expect(TypeCoercion.commonSupertype(.bigint, .real) == .real)
        #expect(TypeCoercion.commonSupertype(.date, .timestamp) == .timestamp)
        #expect(TypeCoercion.commonSupertype(.unknown, .varchar) == .varchar)
        #expect(TypeCoercion.commonSupertype(.date, .unknown) == .date)
        #expect(TypeCoercion.commonSupertype(.varchar, .integer) == nil)
        #expect(TypeCoercion.commonSupertype(.varchar, .date) == nil)
        #expect(TypeCoercion.commonSupertype(.boolean, .integer) == nil)
        #expect(TypeCoercion.commonSupertype([.integer, .unknown, .double]) == .double)
    }

    @Test func implicitCasts() {
        #expect(TypeCoercion.canImplicitlyCast(from: .integer, to: .bigint))
        #expect(!TypeCoercion.canImplicitlyCast(from: .bigint, to: .integer))
        #expect(TypeCoercion.canImplicitlyCast(from: .integer, to: .decimal(precision: 10, scale: 0)))
        #expect(!TypeCoercion.canImplicitlyCast(from: .integer, to: .decimal(precision: 9, scale: 0)))
        #expect(TypeCoercion.canImplicitlyCast(from: .decimal(precision: 5, scale: 2), to: .decimal(precision: 6, scale: 3)))
        #expect(!TypeCoercion.canImplicitlyCast(from: .decimal(precision: 5, scale: 2), to: .decimal(precision: 5, scale: 3)))
        #expect(TypeCoercion.canImplicitlyCast(from: .date, to: .timestamp))
        #expect(!TypeCoercion.canImplicitlyCast(from: .timestamp, to: .date))
        #expect(!TypeCoercion.canImplicitlyCast(from: .varchar, to: .bigint))
        #expect(TypeCoercion.canImplicitlyCast(from: .unknown, to: .varchar))
    }

    @Test func arithmeticTypes() throws {
        let add = try ArithmeticOperator.add.resolve(.integer, .bigint)
        #expect(add.lhs == .bigint && add.rhs == .bigint && add.result == .bigint)
        #expect(try ArithmeticOperator.add.resolve(.tinyint, .tinyint).result == .tinyint)
        // Trino: decimal(10,2) + decimal(5,4) → decimal(13,4).
        #expect(try ArithmeticOperator.add.resolve(.decimal(precision: 10, scale: 2), .decimal(precision: 5, scale: 4)).result == .decimal(precision: 13, scale: 4))
        #expect(try ArithmeticOperator.multiply.resolve(.decimal(precision: 10, scale: 2), .decimal(precision: 5, scale: 4)).result == .decimal(precision: 15, scale: 6))
        #expect(try ArithmeticOperator.divide.resolve(.decimal(precision: 10, scale: 2), .decimal(precision: 5, scale: 4)).result == .decimal(precision: 16, scale: 4))
        #expect(try ArithmeticOperator.modulo.resolve(.decimal(precision: 10, scale: 2), .decimal(precision: 5, scale: 4)).result == .decimal(precision: 5, scale: 4))
        let mixed = try ArithmeticOperator.add.resolve(.integer, .decimal(precision: 5, scale: 2))
        #expect(mixed.lhs == .decimal(precision: 10, scale: 0))
        #expect(mixed.result == .decimal(precision: 13, scale: 2))
        #expect(try ArithmeticOperator.add.resolve(.decimal(precision: 38, scale: 0), .decimal(precision: 38, scale: 0)).result == .decimal(precision: 38, scale: 0))
        #expect(try ArithmeticOperator.multiply.resolve(.decimal(precision: 10, scale: 2), .double).result == .double)
        #expect(try ArithmeticOperator.add.resolve(.real, .bigint).result == .real)
        #expect(try ArithmeticOperator.add.resolve(.date, .interval).result == .date)
        #expect(try ArithmeticOperator.add.resolve(.interval, .timestamp).result == .timestamp)
        #expect(try ArithmeticOperator.subtract.resolve(.timestamp, .timestamp).result == .interval)
        #expect(try ArithmeticOperator.multiply.resolve(.interval, .integer).rhs == .bigint)
        #expect(try ArithmeticOperator.add.resolve(.unknown, .integer).result == .integer)
        #expect(throws: PlanError.self) { try ArithmeticOperator.subtract.resolve(.date, .date) }
        #expect(throws: PlanError.self) { try ArithmeticOperator.add.resolve(.varchar, .integer) }
        #expect(throws: PlanError.self) { try ArithmeticOperator.subtract.resolve(.interval, .date) }
    }

    @Test func comparisonTypes() throws {
        #expect(try ComparisonOperator.resolve(.less, .integer, .double) == .double)
        #expect(try ComparisonOperator.resolve(.equal, .date, .timestamp) == .timestamp)
        #expect(throws: PlanError.self) { try ComparisonOperator.resolve(.equal, .date, .varchar) }
    }
}
