// The date and time functions. Timestamps are UTC instants (there is no session time zone yet), so
// calendar fields are those of the UTC date; current_date and current_timestamp come from the
// statement's clock.
import StrataCore
import StrataPlanner

enum DateTimeFunctions {
    static func call(_ function: ScalarFunction, _ arguments: [Column], resultType: DataType, context: KernelContext, now: Int64) throws -> Column {
        let count = context.scope.count
        switch function {
        case .currentDate:
            let days = CalendarMath.floorDivide(now, Time.microsecondsPerDay)
            return Column.constant(.date(Int32(days)), .date, count: count)
        case .currentTimestamp:
            return Column.constant(.timestamp(now), .timestamp, count: count)
        default:
            break
        }
        return try KernelRunner.run(arguments, resultType: resultType, context: context) { a, count, validity, context in
            switch function {
            case .dateTrunc: return try dateTrunc(a, count, validity, context)
            case .dateAdd: return try dateAdd(a, count, validity, context)
            case .dateDiff: return try dateDiff(a, count, validity, context)
            case .year, .quarter, .month, .week, .day, .dayOfWeek, .dayOfYear, .hour, .minute, .second, .millisecond:
                return field(function, a[0], count, validity)
            case .lastDayOfMonth:
                let days = dayNumbers(a[0])
                let result = FixedResult<Int32>(.date, count: count, validity: validity)
                for row in 0..<count {
                    let (year, month, _) = Time.civil(days: days(row))
                    result[row] = Int32(Time.days(year: year, month: month, day: Time.daysInMonth(year: year, month: month)))
                }
                return result.finish()
            case .fromUnixtime:
                let seconds = a[0].fixed(Double.self)
                return try DecimalCast.fixed(Int64.self, .timestamp, count, validity, context, { row in
                    let micros = (seconds[row] * 1_000_000).rounded()
                    guard micros.isFinite, abs(micros) < 9.2e18 else { return nil }
                    return Int64(micros)
                }, error: { row in ExecutionError(.invalidArgument, "from_unixtime: \(seconds[row]) is out of range") })
            case .toUnixtime:
                let instants = a[0].fixed(Int64.self)
                let result = FixedResult<Double>(.double, count: count, validity: validity)
                for row in 0..<count { result[row] = Double(instants[row]) / 1_000_000 }
                return result.finish()
            case .fromISO8601Timestamp:
                let text = a[0].strings()
                return try DecimalCast.fixed(Int64.self, .timestamp, count, validity, context, { ISO8601.parseTimestamp(text[$0]) }, error: { row in
                    ExecutionError(.invalidArgument, "Invalid format: \"\(String(decoding: text[row], as: UTF8.self))\" is not an ISO 8601 timestamp")
                })
            case .fromISO8601Date:
                let text = a[0].strings()
                return try DecimalCast.fixed(Int32.self, .date, count, validity, context, { ISO8601.parseDate(text[$0]) }, error: { row in
                    ExecutionError(.invalidArgument, "Invalid format: \"\(String(decoding: text[row], as: UTF8.self))\" is not an ISO 8601 date")
                })
            case .toISO8601:
                var result = StringResult(count: count, validity: validity)
                if a[0].type == .date {
                    let days = a[0].fixed(Int32.self)
                    for row in 0..<count { result.append(ValueFormatter.dateText(days[row])) }
                } else {
                    let instants = a[0].fixed(Int64.self)
                    for row in 0..<count { result.append(ISO8601.text(instants[row])) }
                }
                return result.finish()
            case .yearOfWeek:
                let days = dayNumbers(a[0])
                let result = FixedResult<Int64>(.bigint, count: count, validity: validity)
                for row in 0..<count { result[row] = Int64(CivilTime.isoWeek(days(row)).year) }
                return result.finish()
            case .toMilliseconds:
                let intervals = a[0].fixed(Interval.self)
                return try DecimalCast.fixed(Int64.self, .bigint, count, validity, context, { row in
                    let interval = intervals[row]
                    guard interval.months == 0 else { return nil }
                    return (Int64(interval.days) * Time.microsecondsPerDay + interval.microseconds) / 1000
                }, error: { _ in ExecutionError(.invalidArgument, "to_milliseconds takes a day-to-second interval (no months or years)") })
            case .formatDatetime:
                return try JodaFormat.format(a, count, validity, context)
            case .parseDatetime:
                return try JodaFormat.parse(a, count, validity, context)
            case .dateFormat:
                return try DateFormat.format(a, count, validity, context)
            case .dateParse:
                return try DateFormat.parse(a, count, validity, context)
            default:
                throw ExecutionError(.internal, "\(function.rawValue) is not a date function")
            }
        }
    }

    /// Day numbers of a DATE or TIMESTAMP argument.
    private static func dayNumbers(_ a: KernelArgument) -> (Int) -> Int64 {
        if a.type == .date {
            let days = a.fixed(Int32.self)
            return { Int64(days[$0]) }
        }
        let instants = a.fixed(Int64.self)
        return { CalendarMath.floorDivide(instants[$0], Time.microsecondsPerDay) }
    }

    /// The unit of row `row` (parsed once when constant); nil after failing the row.
    private static func units(_ a: KernelArgument, for type: DataType) throws -> (Int) throws -> DateUnit {
        let text = a.strings()
        if a.isConstant {
            let unit = try DateUnit.parse(text[0], for: type)
            return { _ in unit }
        }
        return { try DateUnit.parse(text[$0], for: type) }
    }

    private static func dateTrunc(_ a: [KernelArgument], _ count: Int, _ validity: ResultValidity, _ context: KernelContext) throws -> Column {
        let type = a[1].type
        let unit = try units(a[0], for: type)
        switch type {
        case .date:
            let days = a[1].fixed(Int32.self)
            var cache = CivilCache()
            return try DecimalCast.fixed(Int32.self, type, count, validity, context, { row in
                (try? unit(row)).map { Int32(CivilTime.truncate(days: Int64(days[row]), to: $0, &cache)) }
            }, error: { row in unitError(a[0], row, type) })
        default:
            let values = a[1].fixed(Int64.self)
            if a[0].isConstant, let size = try unit(0).microseconds, type == .time || size <= Time.microsecondsPerDay {
                // The common case: a fixed-size unit, one tight loop.
                let result = FixedResult<Int64>(type, count: count, validity: validity)
                for row in 0..<count { result[row] = CalendarMath.floorDivide(values[row], size) * size }
                return result.finish()
            }
            var cache = CivilCache()
            if a[0].isConstant {
                let fixedUnit = try unit(0)
                let result = FixedResult<Int64>(type, count: count, validity: validity)
                for row in 0..<count { result[row] = CivilTime.truncate(microseconds: values[row], to: fixedUnit, &cache) }
                return result.finish()
            }
            return try DecimalCast.fixed(Int64.self, type, count, validity, context, { row in
                (try? unit(row)).map { CivilTime.truncate(microseconds: values[row], to: $0, &cache) }
            }, error: { row in unitError(a[0], row, type) })
        }
    }

    private static func unitError(_ units: KernelArgument, _ row: Int, _ type: DataType) -> ExecutionError {
        let name = String(decoding: units.strings()[row], as: UTF8.self)
        return ExecutionError(.invalidArgument, "'\(name)' is not a valid \(type.sqlName) field")
    }

    private static func dateAdd(_ a: [KernelArgument], _ count: Int, _ validity: ResultValidity, _ context: KernelContext) throws -> Column {
        let type = a[2].type
        let unit = try units(a[0], for: type)
        let amounts = a[1].fixed(Int64.self)
        let outOfRange = { (row: Int) -> ExecutionError in
            if (try? unit(row)) == nil { return unitError(a[0], row, type) }
            return ExecutionError(.overflow, "date_add: \(type.sqlName) out of range")
        }
        switch type {
        case .date:
            let days = a[2].fixed(Int32.self)
            return try DecimalCast.fixed(Int32.self, type, count, validity, context, { row in
                guard let unit = try? unit(row) else { return nil }
                let start = Int64(days[row])
                let moved: Int64?
                if let months = unit.months {
                    let (total, overflow) = amounts[row].multipliedReportingOverflow(by: months)
                    moved = overflow ? nil : CalendarMath.addMonths(days: start, months: total)
                } else {
                    let (total, overflow) = amounts[row].multipliedReportingOverflow(by: unit == .week ? 7 : 1)
                    moved = overflow ? nil : start.addingReportingOverflow(total).partialValue
                }
                guard let moved, CalendarMath.dayRange.contains(moved) else { return nil }
                return Int32(moved)
            }, error: outOfRange)
        case .time:
            let times = a[2].fixed(Int64.self)
            return try DecimalCast.fixed(Int64.self, type, count, validity, context, { row in
                guard let size = (try? unit(row))?.microseconds else { return nil }
                // Wraps around midnight.
                let shift = CalendarMath.floorModulo(amounts[row], Time.microsecondsPerDay / size) * size
                return CalendarMath.floorModulo(times[row] + shift, Time.microsecondsPerDay)
            }, error: outOfRange)
        default:
            let instants = a[2].fixed(Int64.self)
            return try DecimalCast.fixed(Int64.self, type, count, validity, context, { row in
                guard let unit = try? unit(row) else { return nil }
                if let months = unit.months {
                    let (total, overflow) = amounts[row].multipliedReportingOverflow(by: months)
                    return overflow ? nil : CalendarMath.addMonths(microseconds: instants[row], months: total)
                }
                let (shift, overflow) = amounts[row].multipliedReportingOverflow(by: unit.microseconds!)
                let (moved, movedOverflow) = instants[row].addingReportingOverflow(shift)
                return overflow || movedOverflow ? nil : moved
            }, error: outOfRange)
        }
    }

    private static func dateDiff(_ a: [KernelArgument], _ count: Int, _ validity: ResultValidity, _ context: KernelContext) throws -> Column {
        let type = a[1].type
        let unit = try units(a[0], for: type)
        let from: (Int) -> Int64
        let to: (Int) -> Int64
        if type == .date {
            let x = a[1].fixed(Int32.self)
            let y = a[2].fixed(Int32.self)
            from = { Int64(x[$0]) * Time.microsecondsPerDay }
            to = { Int64(y[$0]) * Time.microsecondsPerDay }
        } else {
            let x = a[1].fixed(Int64.self)
            let y = a[2].fixed(Int64.self)
            from = { x[$0] }
            to = { y[$0] }
        }
        return try DecimalCast.fixed(Int64.self, .bigint, count, validity, context, { row in
            guard let unit = try? unit(row) else { return nil }
            switch unit {
            case .month: return CivilTime.monthsBetween(from(row), to(row))
            case .quarter: return CivilTime.monthsBetween(from(row), to(row)) / 3
            case .year: return CivilTime.yearsBetween(from(row), to(row))
            default:
                let (difference, overflow) = to(row).subtractingReportingOverflow(from(row))
                return overflow ? nil : difference / unit.microseconds!
            }
        }, error: { row in
            (try? unit(row)) == nil ? unitError(a[0], row, type) : ExecutionError(.overflow, "date_diff overflow")
        })
    }

    private static func field(_ function: ScalarFunction, _ a: KernelArgument, _ count: Int, _ validity: ResultValidity) -> Column {
        let result = FixedResult<Int64>(.bigint, count: count, validity: validity)
        switch function {
        case .hour, .minute, .second, .millisecond:
            let instants = a.fixed(Int64.self)
            let (unit, modulus): (Int64, Int64)
            switch function {
            case .hour: (unit, modulus) = (Time.microsecondsPerHour, 24)
            case .minute: (unit, modulus) = (Time.microsecondsPerMinute, 60)
            case .second: (unit, modulus) = (Time.microsecondsPerSecond, 60)
            default: (unit, modulus) = (1000, 1000)
            }
            for row in 0..<count {
                result[row] = CalendarMath.floorModulo(CalendarMath.floorDivide(instants[row], unit), modulus)
            }
        default:
            let days = dayNumbers(a)
            var cache = CivilCache()
            for row in 0..<count {
                let day = days(row)
                switch function {
                case .year: result[row] = Int64(cache.civil(day).year)
                case .quarter: result[row] = Int64((cache.civil(day).month - 1) / 3 + 1)
                case .month: result[row] = Int64(cache.civil(day).month)
                case .day: result[row] = Int64(cache.civil(day).day)
                case .dayOfWeek: result[row] = CivilTime.dayOfWeek(day)
                case .dayOfYear: result[row] = CivilTime.dayOfYear(day)
                default: result[row] = CivilTime.isoWeek(day).week
                }
            }
        }
        return result.finish()
    }
}
