// format_datetime and parse_datetime with Joda-Time patterns, as Trino: `yyyy-MM-dd HH:mm:ss.SSS`, `EEE`,
// `MMMM`, `a`, `Z`, quoted text ('T'), and so on. Letters Joda does not define are an error. Times are UTC:
// `z` prints "UTC" and `Z` "+0000"; when parsing, an offset moves the result to UTC. Two-digit years parse
// into 1950–2049.
import StrataCore

struct JodaFormat {
    enum Token: Equatable {
        case literal([UInt8])
        case field(UInt8, Int)
    }

    let tokens: [Token]

    static let letters: Set<UInt8> = Set("GCYxwyeEDMdaKhHkmsSzZ".utf8)

    init(_ pattern: UnsafeBufferPointer<UInt8>) throws {
        var tokens: [Token] = []
        var literal: [UInt8] = []
        var index = 0
        func flush() {
            if !literal.isEmpty {
                tokens.append(.literal(literal))
                literal = []
            }
        }
        while index < pattern.count {
            let byte = pattern[index]
            if byte == UInt8(ascii: "'") {
                // '' is a quote; 'text' is literal text.
                if index + 1 < pattern.count && pattern[index + 1] == UInt8(ascii: "'") {
                    literal.append(byte)
                    index += 2
                    continue
                }
                index += 1
                while index < pattern.count {
                    if pattern[index] == UInt8(ascii: "'") {
                        if index + 1 < pattern.count && pattern[index + 1] == UInt8(ascii: "'") {
                            literal.append(byte)
                            index += 2
                            continue
                        }
                        break
                    }
                    literal.append(pattern[index])
                    index += 1
                }
                index += 1
                continue
            }
            if byte &- 65 < 26 || byte &- 97 < 26 {
                guard JodaFormat.letters.contains(byte) else {
                    throw ExecutionError(.invalidArgument, "Illegal pattern component: \(Character(Unicode.Scalar(byte)))")
                }
                var run = 1
                while index + run < pattern.count && pattern[index + run] == byte { run += 1 }
                flush()
                tokens.append(.field(byte, run))
                index += run
                continue
            }
            literal.append(byte)
            index += 1
        }
        flush()
        self.tokens = tokens
    }

    // MARK: - Formatting

    static func format(_ a: [KernelArgument], _ count: Int, _ validity: ResultValidity, _ context: KernelContext) throws -> Column {
        let instants = a[0].fixed(Int64.self)
        let patterns = a[1].strings()
        var compiled = a[1].isConstant ? try JodaFormat(patterns[0]) : nil
        var result = StringResult(count: count, validity: validity)
        for row in 0..<count {
            guard result.validity.isValid(row) else {
                result.appendNull()
                continue
            }
            do {
                if !a[1].isConstant { compiled = try JodaFormat(patterns[row]) }
            } catch let error as ExecutionError {
                try context.fail(row, error)
                result.appendNull()
                continue
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
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(abs(value))
            return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = ""
        for token in tokens {
            switch token {
            case .literal(let bytes):
                text += String(decoding: bytes, as: UTF8.self)
            case .field(let letter, let run):
                switch letter {
                case UInt8(ascii: "G"): text += year > 0 ? "AD" : "BC"
                case UInt8(ascii: "C"): text += padded(year / 100, run)
                case UInt8(ascii: "y"), UInt8(ascii: "Y"):
                    text += run == 2 ? padded(((year % 100) + 100) % 100, 2) : padded(year, run)
                case UInt8(ascii: "x"):
                    let weekYear = CivilTime.isoWeek(days).year
                    text += run == 2 ? padded(((weekYear % 100) + 100) % 100, 2) : padded(weekYear, run)
                case UInt8(ascii: "w"): text += padded(Int(CivilTime.isoWeek(days).week), run)
                case UInt8(ascii: "e"): text += padded(weekday, run)
                case UInt8(ascii: "E"):
                    let name = DateFormat.dayNames[weekday - 1]
                    text += run >= 4 ? name : String(name.prefix(3))
                case UInt8(ascii: "D"): text += padded(Int(CivilTime.dayOfYear(days)), run)
                case UInt8(ascii: "M"):
                    let name = DateFormat.monthNames[month - 1]
                    text += run >= 4 ? name : run == 3 ? String(name.prefix(3)) : padded(month, run)
                case UInt8(ascii: "d"): text += padded(day, run)
                case UInt8(ascii: "a"): text += hour < 12 ? "AM" : "PM"
                case UInt8(ascii: "K"): text += padded(hour % 12, run)
                case UInt8(ascii: "h"): text += padded(hour % 12 == 0 ? 12 : hour % 12, run)
                case UInt8(ascii: "H"): text += padded(hour, run)
                case UInt8(ascii: "k"): text += padded(hour == 0 ? 24 : hour, run)
                case UInt8(ascii: "m"): text += padded(minute, run)
                case UInt8(ascii: "s"): text += padded(second, run)
                case UInt8(ascii: "S"):
                    // The leading `run` digits of the fraction.
                    let micros = padded(fraction, 6)
                    text += run <= 6 ? String(micros.prefix(run)) : micros + String(repeating: "0", count: run - 6)
                case UInt8(ascii: "z"): text += "UTC"
                case UInt8(ascii: "Z"): text += run == 1 ? "+0000" : run == 2 ? "+00:00" : "UTC"
                default: break
                }
            }
        }
        return text
    }

    // MARK: - Parsing

    static func parse(_ a: [KernelArgument], _ count: Int, _ validity: ResultValidity, _ context: KernelContext) throws -> Column {
        let text = a[0].strings()
        let patterns = a[1].strings()
        var compiled = a[1].isConstant ? try JodaFormat(patterns[0]) : nil
        var result = FixedResult<Int64>(.timestamp, count: count, validity: validity)
        for row in 0..<count {
            result[row] = 0
            guard result.validity.isValid(row) else { continue }
            do {
                if !a[1].isConstant { compiled = try JodaFormat(patterns[row]) }
                result[row] = try compiled!.parse(text[row])
            } catch let error as ExecutionError {
                try context.fail(row, error)
                result.validity.setNull(row)
            }
        }
        return result.finish()
    }

    func parse(_ input: UnsafeBufferPointer<UInt8>) throws -> Int64 {
        var position = 0
        var year = 1970
        var month = 1
        var day = 1
        var dayOfYear: Int?
        var hour = 0
        var halfDayHour: Int?
        var isPM: Bool?
        var minute = 0
        var second = 0
        var fraction: Int64 = 0
        var offset: Int64 = 0
        let inputText = String(decoding: input, as: UTF8.self)
        func malformed() -> ExecutionError {
            let rest = String(decoding: input[min(position, input.count)...], as: UTF8.self)
            return ExecutionError(.invalidArgument, "Invalid format: \"\(inputText)\" is malformed at \"\(rest)\"")
        }
        func number(_ maximum: Int, signed: Bool = false) throws -> Int {
            var negative = false
            if signed, position < input.count, input[position] == UInt8(ascii: "-") || input[position] == UInt8(ascii: "+") {
                negative = input[position] == UInt8(ascii: "-")
                position += 1
            }
            var value = 0
            var digits = 0
            while digits < maximum, position < input.count, input[position] &- 48 < 10 {
                value = value * 10 + Int(input[position] - 48)
                position += 1
                digits += 1
            }
            guard digits > 0 else { throw malformed() }
            return negative ? -value : value
        }
        func name(_ names: [String], abbreviated: Bool) throws -> Int {
            // Longest names first, so "June" is not taken for "Jun".
            for form in (abbreviated ? [true] : [false, true]) {
                for (index, full) in names.enumerated() {
                    let bytes = Array((form ? String(full.prefix(3)) : full).utf8)
                    if position + bytes.count <= input.count,
                        zip(input[position..<(position + bytes.count)], bytes).allSatisfy({ $0 | 0x20 == $1 | 0x20 })
                    {
                        position += bytes.count
                        return index
                    }
                }
            }
            throw malformed()
        }
        for (index, token) in tokens.enumerated() {
            // A numeric field right before another numeric field takes exactly its own width.
            var nextIsNumeric = false
            if index + 1 < tokens.count, case .field(let next, let nextRun) = tokens[index + 1] {
                nextIsNumeric = JodaFormat.isNumeric(next, nextRun)
            }
            switch token {
            case .literal(let bytes):
                guard position + bytes.count <= input.count, input[position..<(position + bytes.count)].elementsEqual(bytes) else {
                    throw malformed()
                }
                position += bytes.count
            case .field(let letter, let run):
                let width = { (natural: Int) in nextIsNumeric ? run : max(run, natural) }
                switch letter {
                case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "x"):
                    if run == 2 {
                        let twoDigits = try number(2)
                        year = twoDigits < 50 ? 2000 + twoDigits : 1900 + twoDigits
                    } else {
                        year = try number(width(9), signed: true)
                    }
                case UInt8(ascii: "M"):
                    if run >= 3 {
                        month = try name(DateFormat.monthNames, abbreviated: run == 3) + 1
                    } else {
                        month = try number(width(2))
                    }
                case UInt8(ascii: "d"): day = try number(width(2))
                case UInt8(ascii: "D"): dayOfYear = try number(width(3))
                case UInt8(ascii: "H"): hour = try number(width(2))
                case UInt8(ascii: "k"): hour = try number(width(2)) % 24
                case UInt8(ascii: "h"): halfDayHour = try number(width(2)) % 12
                case UInt8(ascii: "K"): halfDayHour = try number(width(2))
                case UInt8(ascii: "m"): minute = try number(width(2))
                case UInt8(ascii: "s"): second = try number(width(2))
                case UInt8(ascii: "S"):
                    let start = position
                    var value = try number(nextIsNumeric ? run : 9)
                    let digits = position - start
                    if digits > 6 {
                        for _ in 6..<digits { value /= 10 }
                    } else {
                        for _ in digits..<6 { value *= 10 }
                    }
                    fraction = Int64(value)
                case UInt8(ascii: "a"):
                    guard position + 2 <= input.count, input[position + 1] | 0x20 == UInt8(ascii: "m") else { throw malformed() }
                    let first = input[position] | 0x20
                    guard first == UInt8(ascii: "a") || first == UInt8(ascii: "p") else { throw malformed() }
                    isPM = first == UInt8(ascii: "p")
                    position += 2
                case UInt8(ascii: "E"): _ = try name(DateFormat.dayNames, abbreviated: run < 4)
                case UInt8(ascii: "e"), UInt8(ascii: "w"), UInt8(ascii: "C"): _ = try number(width(2))
                case UInt8(ascii: "G"):
                    guard position + 2 <= input.count else { throw malformed() }
                    position += 2
                case UInt8(ascii: "z"), UInt8(ascii: "Z"):
                    offset = try parseZone(input, &position, malformed)
                default:
                    throw malformed()
                }
            }
        }
        guard position == input.count else { throw malformed() }
        if let halfDayHour { hour = halfDayHour + ((isPM ?? false) ? 12 : 0) } else if isPM == true && hour < 12 { hour += 12 }
        func outOfRange(_ field: String, _ value: Int, _ low: Int, _ high: Int) -> ExecutionError {
            ExecutionError(.invalidArgument, "Cannot parse \"\(inputText)\": Value \(value) for \(field) must be in the range [\(low),\(high)]")
        }
        guard (1...12).contains(month) else { throw outOfRange("monthOfYear", month, 1, 12) }
        guard hour < 24 else { throw outOfRange("hourOfDay", hour, 0, 23) }
        guard minute < 60 else { throw outOfRange("minuteOfHour", minute, 0, 59) }
        guard second < 60 else { throw outOfRange("secondOfMinute", second, 0, 59) }
        let days: Int64
        if let dayOfYear {
            let length = Time.isLeapYear(year) ? 366 : 365
            guard (1...length).contains(dayOfYear) else { throw outOfRange("dayOfYear", dayOfYear, 1, length) }
            days = Time.days(year: year, month: 1, day: 1) + Int64(dayOfYear - 1)
        } else {
            let length = Time.daysInMonth(year: year, month: month)
            guard (1...length).contains(day) else { throw outOfRange("dayOfMonth", day, 1, length) }
            days = Time.days(year: year, month: month, day: day)
        }
        return days * Time.microsecondsPerDay + Int64(hour) * Time.microsecondsPerHour + Int64(minute) * Time.microsecondsPerMinute
            + Int64(second) * Time.microsecondsPerSecond + fraction - offset
    }

    /// `Z`, `UTC`, `GMT`, `+HH:MM`, `+HHMM` or `+HH`; the offset in microseconds.
    private func parseZone(_ input: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ malformed: () -> ExecutionError) throws -> Int64 {
        for name in ["UTC", "GMT", "Z"] {
            let bytes = Array(name.utf8)
            if position + bytes.count <= input.count, input[position..<(position + bytes.count)].elementsEqual(bytes) {
                position += bytes.count
                return 0
            }
        }
        guard position < input.count, input[position] == UInt8(ascii: "+") || input[position] == UInt8(ascii: "-") else {
            throw malformed()
        }
        let sign: Int64 = input[position] == UInt8(ascii: "-") ? -1 : 1
        position += 1
        func twoDigits() throws -> Int64 {
            guard position + 2 <= input.count, input[position] &- 48 < 10, input[position + 1] &- 48 < 10 else { throw malformed() }
            defer { position += 2 }
            return Int64(input[position] - 48) * 10 + Int64(input[position + 1] - 48)
        }
        let hours = try twoDigits()
        var minutes: Int64 = 0
        if position < input.count, input[position] == UInt8(ascii: ":") { position += 1 }
        if position + 2 <= input.count, input[position] &- 48 < 10 { minutes = try twoDigits() }
        return sign * (hours * Time.microsecondsPerHour + minutes * Time.microsecondsPerMinute)
    }

    private static func isNumeric(_ letter: UInt8, _ run: Int) -> Bool {
        switch letter {
        case UInt8(ascii: "M"): return run < 3
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "x"), UInt8(ascii: "d"), UInt8(ascii: "D"), UInt8(ascii: "H"),
            UInt8(ascii: "k"), UInt8(ascii: "h"), UInt8(ascii: "K"), UInt8(ascii: "m"), UInt8(ascii: "s"), UInt8(ascii: "S"),
            UInt8(ascii: "e"), UInt8(ascii: "w"), UInt8(ascii: "C"):
            return true
        default:
            return false
        }
    }
}
