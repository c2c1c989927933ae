// Arithmetic with dates, times, timestamps and intervals: moving an instant by an interval (months first,
// clamping the day of the month, then days and microseconds), the interval between two timestamps, and
// intervals added, subtracted and scaled.
import StrataCore
import StrataPlanner

enum TemporalArithmetic {
    static func apply(
        _ op: ArithmeticOperator, _ a: KernelArgument, _ b: KernelArgument, resultType: DataType, count: Int,
        validity: ResultValidity, context: KernelContext
    ) throws -> Column {
        switch (op, a.type, b.type) {
        case (.add, .date, .interval), (.subtract, .date, .interval):
            return try shiftDates(a.fixed(Int32.self), b.fixed(Interval.self), negate: op == .subtract, count, validity, context)
        case (.add, .interval, .date):
            return try shiftDates(b.fixed(Int32.self), a.fixed(Interval.self), negate: false, count, validity, context)
        case (.add, .timestamp, .interval), (.subtract, .timestamp, .interval):
            return try shiftTimestamps(a.fixed(Int64.self), b.fixed(Interval.self), negate: op == .subtract, count, validity, context)
        case (.add, .interval, .timestamp):
            return try shiftTimestamps(b.fixed(Int64.self), a.fixed(Interval.self), negate: false, count, validity, context)
        case (.add, .time, .interval), (.subtract, .time, .interval):
            return try shiftTimes(a.fixed(Int64.self), b.fixed(Interval.self), negate: op == .subtract, count, validity, context)
        case (.add, .interval, .time):
            return try shiftTimes(b.fixed(Int64.self), a.fixed(Interval.self), negate: false, count, validity, context)
        case (.subtract, .timestamp, .timestamp), (.subtract, .time, .time):
            let x = a.fixed(Int64.self)
            let y = b.fixed(Int64.self)
            var result = FixedResult<Interval>(.interval, count: count, validity: validity)
            for row in 0..<count {
                let (difference, overflow) = x[row].subtractingReportingOverflow(y[row])
                if overflow {
                    result[row] = Interval()
                    try fail(row, &result.validity, context, "interval overflow: \(a.type) - \(b.type)")
                    continue
                }
                result[row] = dayToSecond(difference)
            }
            return result.finish()
        case (.add, .interval, .interval), (.subtract, .interval, .interval):
            let x = a.fixed(Interval.self)
            let y = b.fixed(Interval.self)
            var result = FixedResult<Interval>(.interval, count: count, validity: validity)
            for row in 0..<count {
                let left = x[row]
                let right = y[row]
                let months = op == .add ? left.months.addingReportingOverflow(right.months) : left.months.subtractingReportingOverflow(right.months)
                let days = op == .add ? left.days.addingReportingOverflow(right.days) : left.days.subtractingReportingOverflow(right.days)
                let micros = op == .add
                    ? left.microseconds.addingReportingOverflow(right.microseconds)
                    : left.microseconds.subtractingReportingOverflow(right.microseconds)
                if months.overflow || days.overflow || micros.overflow {
                    result[row] = Interval()
                    try fail(row, &result.validity, context, "interval \(op == .add ? "addition" : "subtraction") overflow")
                    continue
                }
                result[row] = Interval(months: months.partialValue, days: days.partialValue, microseconds: micros.partialValue)
            }
            return result.finish()
        case (.multiply, .interval, _), (.multiply, _, .interval), (.divide, .interval, _):
            let intervalFirst = a.type == .interval
            let intervals = (intervalFirst ? a : b).fixed(Interval.self)
            let factor = intervalFirst ? b : a
            var result = FixedResult<Interval>(.interval, count: count, validity: validity)
            for row in 0..<count {
                guard result.validity.isValid(row) else {
                    result[row] = Interval()
                    continue
                }
                let scale: Double
                var whole: Int64?
                switch factor.type {
                case .tinyint: whole = Int64(factor.fixed(Int8.self)[row])
                case .smallint: whole = Int64(factor.fixed(Int16.self)[row])
                case .integer: whole = Int64(factor.fixed(Int32.self)[row])
                case .bigint: whole = factor.fixed(Int64.self)[row]
                case .double, .real: break
                default: throw ExecutionError(.internal, "interval scaled by \(factor.type)")
                }
                switch factor.type {
                case .double: scale = factor.fixed(Double.self)[row]
                case .real: scale = Double(factor.fixed(Float.self)[row])
                default: scale = Double(whole!)
                }
                if op == .divide && scale == 0 {
                    result[row] = Interval()
                    try context.fail(row, ExecutionError(.divisionByZero, "Division by zero"))
                    result.validity.setNull(row)
                    continue
                }
                if let n = whole, op == .multiply {
                    if let scaled = scaleExactly(intervals[row], by: n) {
                        result[row] = scaled
                        continue
                    }
                } else if let scaled = scaleApproximately(intervals[row], by: op == .divide ? 1 / scale : scale) {
                    result[row] = scaled
                    continue
                }
                result[row] = Interval()
                try fail(row, &result.validity, context, "interval multiplication overflow")
            }
            return result.finish()
        default:
            throw ExecutionError(.internal, "no arithmetic kernel for \(a.type) \(op.rawValue) \(b.type)")
        }
    }

    /// A duration in microseconds as an interval of whole days and the rest (both with the duration's sign).
    static func dayToSecond(_ microseconds: Int64) -> Interval {
        let days = microseconds / Time.microsecondsPerDay
        return Interval(months: 0, days: Int32(days), microseconds: microseconds - days * Time.microsecondsPerDay)
    }

    private static func fail(_ row: Int, _ validity: inout ResultValidity, _ context: KernelContext, _ message: String) throws {
        guard validity.isValid(row) else { return }
        try context.fail(row, ExecutionError(.overflow, message))
        validity.setNull(row)
    }

    private static func shiftDates(
        _ dates: FixedInput<Int32>, _ intervals: FixedInput<Interval>, negate: Bool, _ count: Int,
        _ validity: ResultValidity, _ context: KernelContext
    ) throws -> Column {
        var result = FixedResult<Int32>(.date, count: count, validity: validity)
        for row in 0..<count {
            result[row] = 0
            guard result.validity.isValid(row) else { continue }
            let interval = intervals[row]
            let sign: Int64 = negate ? -1 : 1
            if interval.microseconds % Time.microsecondsPerDay != 0 {
                try context.fail(row, ExecutionError(.invalidArgument, "Cannot add hour, minutes or seconds to a date"))
                result.validity.setNull(row)
                continue
            }
            let days = sign * (Int64(interval.days) + interval.microseconds / Time.microsecondsPerDay)
            guard let moved = CalendarMath.addMonths(days: Int64(dates[row]), months: sign * Int64(interval.months)),
                CalendarMath.dayRange.contains(moved + days)
            else {
                try fail(row, &result.validity, context, "date out of range")
                continue
            }
            result[row] = Int32(moved + days)
        }
        return result.finish()
    }

    private static func shiftTimestamps(
        _ instants: FixedInput<Int64>, _ intervals: FixedInput<Interval>, negate: Bool, _ count: Int,
        _ validity: ResultValidity, _ context: KernelContext
    ) throws -> Column {
        var result = FixedResult<Int64>(.timestamp, count: count, validity: validity)
        for row in 0..<count {
            result[row] = 0
            guard result.validity.isValid(row) else { continue }
            let interval = intervals[row]
            let sign: Int64 = negate ? -1 : 1
            let exact = (Int64(interval.days).multipliedReportingOverflow(by: Time.microsecondsPerDay))
            guard !exact.overflow,
                let moved = CalendarMath.addMonths(microseconds: instants[row], months: sign * Int64(interval.months))
            else {
                try fail(row, &result.validity, context, "timestamp out of range")
                continue
            }
            let (shift, shiftOverflow) = exact.partialValue.addingReportingOverflow(interval.microseconds)
            let (value, overflow) = moved.addingReportingOverflow(sign * shift)
            guard !shiftOverflow, !overflow else {
                try fail(row, &result.validity, context, "timestamp out of range")
                continue
            }
            result[row] = value
        }
        return result.finish()
    }

    private static func shiftTimes(
        _ times: FixedInput<Int64>, _ intervals: FixedInput<Interval>, negate: Bool, _ count: Int,
        _ validity: ResultValidity, _ context: KernelContext
    ) throws -> Column {
        let result = FixedResult<Int64>(.time, count: count, validity: validity)
        for row in 0..<count {
            let interval = intervals[row]
            // A time of day wraps around midnight; whole days and months do not move it.
            let shift = CalendarMath.floorModulo(interval.microseconds, Time.microsecondsPerDay)
            let moved = negate ? times[row] - shift : times[row] + shift
            result[row] = CalendarMath.floorModulo(moved, Time.microsecondsPerDay)
        }
        return result.finish()
    }

    private static func scaleExactly(_ interval: Interval, by factor: Int64) -> Interval? {
        let months = Int64(interval.months).multipliedReportingOverflow(by: factor)
        let days = Int64(interval.days).multipliedReportingOverflow(by: factor)
        let micros = interval.microseconds.multipliedReportingOverflow(by: factor)
        guard !months.overflow, !days.overflow, !micros.overflow,
            let m = Int32(exactly: months.partialValue), let d = Int32(exactly: days.partialValue)
        else { return nil }
        return Interval(months: m, days: d, microseconds: micros.partialValue)
    }

    /// Scaling by a fraction: months round to whole months, the exact part to microseconds.
    private static func scaleApproximately(_ interval: Interval, by factor: Double) -> Interval? {
        let months = (Double(interval.months) * factor).rounded()
        let exact = (Double(interval.days) * Double(Time.microsecondsPerDay) + Double(interval.microseconds)) * factor
        guard months.isFinite, exact.isFinite, abs(months) < Double(Int32.max), abs(exact) < 9.2e18 else { return nil }
        var result = dayToSecond(Int64(exact.rounded()))
        result.months = Int32(months)
        return result
    }
}
