import StrataCore
import Testing
@testable import StrataPlanner

@Suite struct FunctionSignatureTests {
    let dec = { (p: Int, s: Int) in DataType.decimal(precision: p, scale: s) }

    @Test func everyScalarFunctionResolvesSomething() throws {
        // One accepted call per function, so a new enum case cannot go without a signature.
        let samples: [ScalarFunction: [DataType]] = [
            .length: [.varchar], .lower: [.varchar], .upper: [.varchar], .substr: [.varchar, .integer], .trim: [.varchar],
            .ltrim: [.varchar], .rtrim: [.varchar], .concat: [.varchar, .varchar], .replace: [.varchar, .varchar],
            .reverse: [.varchar], .splitPart: [.varchar, .varchar, .integer], .strpos: [.varchar, .varchar],
            .startsWith: [.varchar, .varchar], .endsWith: [.varchar, .varchar], .lpad: [.varchar, .integer, .varchar],
            .rpad: [.varchar, .integer, .varchar], .regexpLike: [.varchar, .varchar], .regexpExtract: [.varchar, .varchar],
            .regexpReplace: [.varchar, .varchar, .varchar], .abs: [.integer], .round: [.double], .ceil: [.double],
            .floor: [.double], .truncate: [.double], .power: [.integer, .integer], .sqrt: [.integer], .cbrt: [.double],
            .exp: [.double], .ln: [.double], .log2: [.double], .log10: [.double], .log: [.double, .double],
            .mod: [.integer, .integer], .sign: [.double], .greatest: [.integer, .bigint], .least: [.varchar, .varchar],
            .pi: [], .random: [], .isNaN: [.double], .isFinite: [.double], .isInfinite: [.double], .currentDate: [],
            .currentTimestamp: [], .dateTrunc: [.varchar, .date], .dateAdd: [.varchar, .integer, .timestamp],
            .dateDiff: [.varchar, .date, .date], .year: [.date], .quarter: [.timestamp], .month: [.date], .week: [.date],
            .day: [.date], .hour: [.timestamp], .minute: [.time], .second: [.timestamp], .millisecond: [.timestamp],
            .dayOfWeek: [.date], .dayOfYear: [.date], .dateFormat: [.timestamp, .varchar], .dateParse: [.varchar, .varchar],
            .fromUnixtime: [.bigint], .toUnixtime: [.timestamp], .fromISO8601Timestamp: [.varchar],
            .fromISO8601Date: [.varchar], .toISO8601: [.date], .lastDayOfMonth: [.date], .nullif: [.integer, .bigint],
            .regexpCount: [.varchar, .varchar], .regexpPosition: [.varchar, .varchar, .integer],
            .concatWs: [.varchar, .varchar, .varchar], .chr: [.integer], .codepoint: [.varchar],
            .translate: [.varchar, .varchar, .varchar], .levenshteinDistance: [.varchar, .varchar],
            .hammingDistance: [.varchar, .varchar], .toUTF8: [.varchar], .fromUTF8: [.varbinary],
            .jsonExtract: [.varchar, .varchar], .jsonExtractScalar: [.varchar, .varchar], .jsonArrayLength: [.varchar],
            .sin: [.double], .cos: [.double], .tan: [.double], .asin: [.double], .acos: [.double], .atan: [.double],
            .atan2: [.double, .integer], .sinh: [.double], .cosh: [.double], .tanh: [.double], .degrees: [.double],
            .radians: [.integer], .e: [], .infinity: [], .nan: [], .widthBucket: [.double, .integer, .integer, .integer],
            .bitwiseAnd: [.bigint, .integer], .bitwiseOr: [.bigint, .bigint], .bitwiseXor: [.integer, .integer],
            .bitwiseNot: [.tinyint], .yearOfWeek: [.date], .formatDatetime: [.timestamp, .varchar],
            .parseDatetime: [.varchar, .varchar], .toMilliseconds: [.interval],
        ]
        for function in ScalarFunction.allCases {
            guard let arguments = samples[function] else {
                Issue.record("no sample call for \(function)")
                continue
            }
            let signature = try function.resolve(arguments)
            #expect(signature.parameterTypes.count == arguments.count, "\(function)")
            for (argument, parameter) in zip(arguments, signature.parameterTypes) {
                #expect(TypeCoercion.canImplicitlyCast(from: argument, to: parameter), "\(function): \(argument) → \(parameter)")
            }
        }
    }

    @Test func overloadsAndResultTypes() throws {
        #expect(try ScalarFunction.substr.resolve([.varchar, .integer, .integer]).parameterTypes == [.varchar, .bigint, .bigint])
        #expect(try ScalarFunction.abs.resolve([dec(5, 2)]).returnType == dec(5, 2))
        #expect(try ScalarFunction.round.resolve([dec(10, 3)]).returnType == dec(8, 0))
        #expect(try ScalarFunction.round.resolve([dec(10, 3), .integer]).returnType == dec(11, 3))
        #expect(try ScalarFunction.ceil.resolve([dec(10, 0)]).returnType == dec(10, 0))
        #expect(try ScalarFunction.truncate.resolve([dec(10, 3)]).returnType == dec(7, 0))
        #expect(try ScalarFunction.sign.resolve([dec(10, 3)]).returnType == dec(1, 0))
        #expect(try ScalarFunction.greatest.resolve([.integer, .double, .bigint]) == FunctionSignature([.double, .double, .double], .double))
        #expect(try ScalarFunction.greatest.resolve([.date, .timestamp]).returnType == .timestamp)
        #expect(try ScalarFunction.mod.resolve([.integer, dec(5, 2)]).returnType == dec(5, 2))
        #expect(try ScalarFunction.dateDiff.resolve([.varchar, .date, .timestamp]).parameterTypes == [.varchar, .timestamp, .timestamp])
        #expect(try ScalarFunction.dateTrunc.resolve([.varchar, .unknown]).returnType == .timestamp)
        #expect(try ScalarFunction.dateFormat.resolve([.date, .varchar]).parameterTypes == [.timestamp, .varchar])
        #expect(try ScalarFunction.year.resolve([.date]).parameterTypes == [.date])
        #expect(try ScalarFunction.length.resolve([.unknown]).returnType == .bigint)
        #expect(try ScalarFunction.random.resolve([.integer]).returnType == .integer)
        #expect(try ScalarFunction.concat.resolve([.varbinary, .varbinary]).returnType == .varbinary)
    }

    @Test func rejectionsNameTheExpectedForms() throws {
        #expect(throws: PlanError.self) { try ScalarFunction.length.resolve([.integer]) }
        #expect(throws: PlanError.self) { try ScalarFunction.upper.resolve([.varchar, .varchar]) }
        #expect(throws: PlanError.self) { try ScalarFunction.dateTrunc.resolve([.varchar, .varchar]) }
        #expect(throws: PlanError.self) { try ScalarFunction.greatest.resolve([.integer, .varchar]) }
        #expect(throws: PlanError.self) { try ScalarFunction.hour.resolve([.varchar]) }
        // A DATE converts to TIMESTAMP implicitly, so hour(DATE) is 0 (as in Trino).
        #expect(try ScalarFunction.hour.resolve([.date]).parameterTypes == [.timestamp])
        do {
            _ = try ScalarFunction.lower.resolve([.bigint])
        } catch {
            #expect(error.message == "Unexpected parameters (BIGINT) for function lower. Expected: lower(varchar)")
        }
    }

    @Test func aggregates() throws {
        #expect(try AggregateFunction.countStar.resolve([]).returnType == .bigint)
        #expect(try AggregateFunction.count.resolve([.varchar]).returnType == .bigint)
        #expect(try AggregateFunction.sum.resolve([.integer]) == FunctionSignature([.bigint], .bigint))
        #expect(try AggregateFunction.sum.resolve([dec(10, 2)]).returnType == dec(38, 2))
        #expect(try AggregateFunction.sum.resolve([.real]).returnType == .real)
        #expect(try AggregateFunction.avg.resolve([.bigint]) == FunctionSignature([.double], .double))
        #expect(try AggregateFunction.avg.resolve([dec(10, 2)]).returnType == dec(10, 2))
        #expect(try AggregateFunction.avg.resolve([.interval]).returnType == .interval)
        #expect(try AggregateFunction.min.resolve([.varchar]).returnType == .varchar)
        #expect(try AggregateFunction.maxBy.resolve([.varchar, .date]).returnType == .varchar)
        #expect(try AggregateFunction.boolAnd.resolve([.boolean]).returnType == .boolean)
        #expect(try AggregateFunction.stddevSamp.resolve([.integer]) == FunctionSignature([.double], .double))
        #expect(try AggregateFunction.approxDistinct.resolve([.varchar]).returnType == .bigint)
        #expect(try AggregateFunction.approxPercentile.resolve([.integer, .double]).returnType == .bigint)
        #expect(try AggregateFunction.approxPercentile.resolve([.double, .decimal(precision: 2, scale: 1)]).parameterTypes == [.double, .double])
        #expect(try AggregateFunction.countIf.resolve([.boolean]).returnType == .bigint)
        #expect(throws: PlanError.self) { try AggregateFunction.sum.resolve([.varchar]) }
        #expect(throws: PlanError.self) { try AggregateFunction.avg.resolve([.date]) }
        #expect(throws: PlanError.self) { try AggregateFunction.count.resolve([]) }
        #expect(AggregateFunction.named("every") == .boolAnd)
    }

    @Test func windowFunctions() throws {
        #expect(try WindowFunction.rowNumber.resolve([]).returnType == .bigint)
        #expect(try WindowFunction.percentRank.resolve([]).returnType == .double)
        #expect(try WindowFunction.ntile.resolve([.integer]).parameterTypes == [.bigint])
        #expect(try WindowFunction.lag.resolve([.varchar]).returnType == .varchar)
        #expect(try WindowFunction.lead.resolve([.integer, .integer, .bigint]) == FunctionSignature([.bigint, .bigint, .bigint], .bigint))
        #expect(try WindowFunction.nthValue.resolve([.date, .integer]).returnType == .date)
        #expect(try WindowFunction.aggregate(.sum).resolve([.integer]).returnType == .bigint)
        #expect(throws: PlanError.self) { try WindowFunction.rank.resolve([.integer]) }
        #expect(throws: PlanError.self) { try WindowFunction.lag.resolve([.integer, .varchar]) }
    }
}
