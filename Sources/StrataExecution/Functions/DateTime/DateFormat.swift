// date_format and date_parse with MySQL-style specifiers, as Trino implements them: %Y %y %m %c %M %b %d %e
// %j %H %k %h %I %l %i %S %s %f %p %r %T %a %W %v %x %%; %D %U %u %V %w %X are not supported (as in Trino).
// Any other character after % stands for itself.
import StrataCore

struct DateFormat {
    enum Token: Equatable {
        case literal([UInt8])
        case field(UInt8)
    }

    let tokens: [Token]
    let text: String

    init(_ format: UnsafeBufferPointer<UInt8>) throws {
        text = String(decoding: format, as: UTF8.self)
        var tokens: [Token] = []
        var literal: [UInt8] = []
        var index = 0
        while index < format.count {
            let byte = format[index]
            index += 1
            guard byte == UInt8(ascii: "%"), index < format.count else {
                literal.append(byte)
                continue
            }
            let specifier = format[index]
            index += 1
            switch specifier {
            case UInt8(ascii: "D"), UInt8(ascii: "U"), UInt8(ascii: "u"), UInt8(ascii: "V"), UInt8(ascii: "w"), UInt8(ascii: "X"):
                throw ExecutionError(.invalidArgument, "%\(Character(Unicode.Scalar(specifier))) not supported in date format string")
            case UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "f"),
                UInt8(ascii: "H"), UInt8(ascii: "h"), UInt8(ascii: "I"), UInt8(ascii: "i"), UInt8(ascii: "j"), UInt8(ascii: "k"),
                UInt8(ascii: "l"), UInt8(ascii: "M"), UInt8(ascii: "m"), UInt8(ascii: "p"), UInt8(ascii: "r"), UInt8(ascii: "S"),
                UInt8(ascii: "s"), UInt8(ascii: "T"), UInt8(ascii: "v"), UInt8(ascii: "W"), UInt8(ascii: "x"), UInt8(ascii: "Y"),
                UInt8(ascii: "y"):
                if !literal.isEmpty {
                    tokens.append(.literal(literal))
                    literal = []
                }
                tokens.append(.field(specifier))
            default:
                literal.append(specifier)
            }
        }
        if !literal.isEmpty { tokens.append(.literal(literal)) }
        self.tokens = tokens
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]
    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    // MARK: - Formatting

    static func format(_ a: [KernelArgument], _ count: Int, _ validity: ResultValidity, _ context: KernelContext) throws -> Column {
        let instants = a[0].fixed(Int64.self)
        let formats = a[1].strings()
        var compiled = a[1].isConstant ? try DateFormat(formats[0]) : nil
        var result = StringResult(count: count, validity: validity)
        for row in 0..<count {
            guard result.validity.isValid(row) else {
                result.appendNull()
                continue
            }
            if !a[1].isConstant {
                do {
                    compiled = try DateFormat(formats[row])
                } catch let error as ExecutionError {
                    try context.fail(row, error)
                    result.appendNull()
                    continue
                }
            }
            result.append(compiled!.format(instants[row]))
        }
        return result.finish()
    }

    func format(_ microseconds: Int64) -> String {
        let (days, time) = Time.split(microseconds: microseconds)
        let (year, month, day) = Time.civil(days: days)
        let hour = Int(time / Time.microsecondsPerHour)
        let minute = Int(time / Time.microsecondsPerMinute % 60)
        let second = Int(time / Time.microsecondsPerSecond % 60)
        let fraction = Int(time % Time.microsecondsPerSecond)
        let weekday = Int(CivilTime.dayOfWeek(days))
        let hour12 = hour % 12 == 0 ? 12 : hour % 12
        var text = ""
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(abs(value))
            return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        for token in tokens {
            switch token {
            case .literal(let bytes):
                text += String(decoding: bytes, as: UTF8.self)
            case .field(let specifier):
                switch specifier {
                case UInt8(ascii: "a"): text += DateFormat.dayNames[weekday - 1].prefix(3)
                case UInt8(ascii: "W"): text += DateFormat.dayNames[weekday - 1]
                case UInt8(ascii: "b"): text += DateFormat.monthNames[month - 1].prefix(3)
                case UInt8(ascii: "M"): text += DateFormat.monthNames[month - 1]
                case UInt8(ascii: "c"): text += String(month)
                case UInt8(ascii: "m"): text += padded(month, 2)
                case UInt8(ascii: "d"): text += padded(day, 2)
                case UInt8(ascii: "e"): text += String(day)
                case UInt8(ascii: "f"): text += padded(fraction, 6)
                case UInt8(ascii: "H"): text += padded(hour, 2)
                case UInt8(ascii: "k"): text += String(hour)
                case UInt8(ascii: "h"), UInt8(ascii: "I"): text += padded(hour12, 2)
                case UInt8(ascii: "l"): text += String(hour12)
                case UInt8(ascii: "i"): text += padded(minute, 2)
                case UInt8(ascii: "j"): text += padded(Int(CivilTime.dayOfYear(days)), 3)
                case UInt8(ascii: "p"): text += hour < 12 ? "AM" : "PM"
                case UInt8(ascii: "r"): text += padded(hour12, 2) + ":" + padded(minute, 2) + ":" + padded(second, 2) + (hour < 12 ? " AM" : " PM")
                case UInt8(ascii: "S"), UInt8(ascii: "s"): text += padded(second, 2)
                case UInt8(ascii: "T"): text += padded(hour, 2) + ":" + padded(minute, 2) + ":" + padded(second, 2)
                case UInt8(ascii: "v"): text += padded(Int(CivilTime.isoWeek(days).week), 2)
                case UInt8(ascii: "x"): text += padded(CivilTime.isoWeek(days).year, 4)
                case UInt8(ascii: "Y"): text += padded(year, 4)
                case UInt8(ascii: "y"): text += padded(((year % 100) + 100) % 100, 2)
                default: break
                }
            }
        }
        return text
    }

    // MARK: - Parsing

    static func parse(_ a: [KernelArgument], _ count: Int, _ validity: ResultValidity, _ context: KernelContext) throws -> Column {
        let text = a[0].strings()
        let formats = a[1].strings()
        var compiled = a[1].isConstant ? try DateFormat(formats[0]) : nil
        var result = FixedResult<Int64>(.timestamp, count: count, validity: validity)
        for row in 0..<count {
            result[row] = 0
            guard result.validity.isValid(row) else { continue }
            do {
                if !a[1].isConstant { compiled = try DateFormat(formats[row]) }
                result[row] = try compiled!.parse(text[row])
            } catch let error as ExecutionError {
                try context.fail(row, error)
                result.validity.setNull(row)
            }
        }
        return result.finish()
    }

    /// The timestamp `input` spells in this format; fields not given default to 1970-01-01 00:00:00.
    func parse(_ input: UnsafeBufferPointer<UInt8>) throws -> Int64 {
        var position = 0
        var year = 1970
        var month = 1
        var day = 1
        var dayOfYear: Int?
        var hour = 0
        var hour12: Int?
        var isPM: Bool?
        var minute = 0
        var second = 0
        var fraction: Int64 = 0
        let inputText = String(decoding: input, as: UTF8.self)
        func malformed() -> ExecutionError {
            let rest = String(decoding: input[min(position, input.count)...], as: UTF8.self)
            return ExecutionError(.invalidArgument, "Invalid format: \"\(inputText)\" is malformed at \"\(rest)\"")
        }
        func number(_ minimum: Int, _ maximum: Int) throws -> Int {
            var value = 0
            var digits = 0
            while digits < maximum, position < input.count, input[position] &- 48 < 10 {
                value = value * 10 + Int(input[position] - 48)
                position += 1
                digits += 1
            }
            guard digits >= minimum else { throw malformed() }
            return value
        }
        func name(_ names: [String], abbreviated: Bool) throws -> Int {
            for (index, full) in names.enumerated() {
                let candidate = abbreviated ? String(full.prefix(3)) : full
                let bytes = Array(candidate.lowercased().utf8)
                if position + bytes.count <= input.count,
                    zip(input[position..<(position + bytes.count)], bytes).allSatisfy({ $0 | 0x20 == $1 | 0x20 })
                {
                    position += bytes.count
                    return index
                }
            }
            throw malformed()
        }
        func literal(_ bytes: [UInt8]) throws {
            guard position + bytes.count <= input.count, input[position..<(position + bytes.count)].elementsEqual(bytes) else {
                throw malformed()
            }
            position += bytes.count
        }
        func meridiem() throws {
            guard position + 2 <= input.count else { throw malformed() }
            let first = input[position] | 0x20
            guard input[position + 1] | 0x20 == UInt8(ascii: "m"), first == UInt8(ascii: "a") || first == UInt8(ascii: "p") else {
                throw malformed()
            }
            isPM = first == UInt8(ascii: "p")
            position += 2
        }
        for token in tokens {
            switch token {
            case .literal(let bytes):
                try literal(bytes)
            case .field(let specifier):
                switch specifier {
                case UInt8(ascii: "Y"): year = try number(1, 4)
                case UInt8(ascii: "y"):
                    let twoDigits = try number(2, 2)
                    year = twoDigits < 70 ? 2000 + twoDigits : 1900 + twoDigits
                case UInt8(ascii: "m"), UInt8(ascii: "c"): month = try number(1, 2)
                case UInt8(ascii: "M"): month = try name(DateFormat.monthNames, abbreviated: false) + 1
                case UInt8(ascii: "b"): month = try name(DateFormat.monthNames, abbreviated: true) + 1
                case UInt8(ascii: "d"), UInt8(ascii: "e"): day = try number(1, 2)
                case UInt8(ascii: "j"): dayOfYear = try number(1, 3)
                case UInt8(ascii: "H"), UInt8(ascii: "k"): hour = try number(1, 2)
                case UInt8(ascii: "h"), UInt8(ascii: "I"), UInt8(ascii: "l"): hour12 = try number(1, 2)
                case UInt8(ascii: "i"): minute = try number(1, 2)
                case UInt8(ascii: "S"), UInt8(ascii: "s"): second = try number(1, 2)
                case UInt8(ascii: "f"):
                    let start = position
                    var value = try number(1, 9)
                    let digits = position - start
                    if digits > 6 {
                        for _ in 6..<digits { value /= 10 }
                    } else {
                        for _ in digits..<6 { value *= 10 }
                    }
                    fraction = Int64(value)
                case UInt8(ascii: "p"): try meridiem()
                case UInt8(ascii: "T"):
                    hour = try number(1, 2)
                    try literal([UInt8(ascii: ":")])
                    minute = try number(1, 2)
                    try literal([UInt8(ascii: ":")])
                    second = try number(1, 2)
                case UInt8(ascii: "r"):
                    hour12 = try number(1, 2)
                    try literal([UInt8(ascii: ":")])
                    minute = try number(1, 2)
                    try literal([UInt8(ascii: ":")])
                    second = try number(1, 2)
                    try literal([UInt8(ascii: " ")])
                    try meridiem()
                case UInt8(ascii: "a"): _ = try name(DateFormat.dayNames, abbreviated: true)
                case UInt8(ascii: "W"): _ = try name(DateFormat.dayNames, abbreviated: false)
                default:
                    throw ExecutionError(.invalidArgument, "%\(Character(Unicode.Scalar(specifier))) is not supported by date_parse")
                }
            }
        }
        guard position == input.count else { throw malformed() }
        if let hour12 {
            guard (1...12).contains(hour12) else { throw fieldError("clockhourOfHalfday", hour12, 1, 12) }
            hour = hour12 % 12 + ((isPM ?? false) ? 12 : 0)
        } else if let isPM, hour < 12 {
            hour += isPM ? 12 : 0
        }
        guard (1...12).contains(month) else { throw fieldError("monthOfYear", month, 1, 12) }
        guard hour < 24 else { throw fieldError("hourOfDay", hour, 0, 23) }
        guard minute < 60 else { throw fieldError("minuteOfHour", minute, 0, 59) }
        guard second < 60 else { throw fieldError("secondOfMinute", second, 0, 59) }
        var days: Int64
        if let dayOfYear {
            let length = Time.isLeapYear(year) ? 366 : 365
            guard (1...length).contains(dayOfYear) else { throw fieldError("dayOfYear", dayOfYear, 1, length) }
            days = Time.days(year: year, month: 1, day: 1) + Int64(dayOfYear - 1)
        } else {
            let length = Time.daysInMonth(year: year, month: month)
            guard (1...length).contains(day) else { throw fieldError("dayOfMonth", day, 1, length) }
            days = Time.days(year: year, month: month, day: day)
        }
        return days * Time.microsecondsPerDay + Int64(hour) * Time.microsecondsPerHour
            + Int64(minute) * Time.microsecondsPerMinute + Int64(second) * Time.microsecondsPerSecond + fraction
    }

    private func fieldError(_ field: String, _ value: Int, _ low: Int, _ high: Int) -> ExecutionError {
        ExecutionError(.invalidArgument, "Cannot parse date: value \(value) for \(field) must be in the range [\(low),\(high)]")
    }
}
