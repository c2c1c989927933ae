// Helpers for the text reader tests: rows as values, files written to a temporary folder.
import StrataCore
import StrataStorage
import StrataTestSupport
@testable import StrataFormats

/// Every row of every batch, as values.
func rows(of batches: [Batch]) -> [[Value]] {
    var result: [[Value]] = []
    for batch in batches {
        for row in 0..<batch.count {
            result.append(batch.columns.map { $0.value(at: row) })
        }
    }
    return result
}

func csvRows(_ text: String, _ configure: (inout CSVOptions) -> Void = { _ in }) throws -> (Schema, [[Value]]) {
    var options = CSVOptions()
    configure(&options)
    let reader = try CSVReader(bytes: Array(text.utf8), name: "test.csv", options: options)
    return (reader.schema, rows(of: try reader.readAll()))
}

func csvError(_ text: String, _ configure: (inout CSVOptions) -> Void = { _ in }) -> TextFormatError? {
    do {
        _ = try csvRows(text, configure)
        return nil
    } catch let error as TextFormatError {
        return error
    } catch {
        return nil
    }
}

extension Value {
    static func text(_ string: String) -> Value { .varchar(string) }
}

/// A DATE value.
func date(_ year: Int, _ month: Int, _ day: Int) -> Value {
    .date(Int32(Time.days(year: year, month: month, day: day)))
}

/// A TIMESTAMP value (UTC).
func timestamp(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0, micros: Int = 0)
    -> Value
{
    let days = Time.days(year: year, month: month, day: day)
    let seconds = Int64(hour * 3600 + minute * 60 + second)
    return .timestamp(days * Time.microsecondsPerDay + seconds * Time.microsecondsPerSecond + Int64(micros))
}

/// A TIME value.
func time(_ hour: Int, _ minute: Int, _ second: Int = 0, micros: Int = 0) -> Value {
    .time(Int64(hour * 3600 + minute * 60 + second) * Time.microsecondsPerSecond + Int64(micros))
}

/// `value` with leading zeros to `width` digits.
func padded(_ value: Int, width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

func jsonRows(_ text: String, _ configure: (inout JSONOptions) -> Void = { _ in }) throws -> (Schema, [[Value]]) {
    var options = JSONOptions()
    configure(&options)
    let reader = try NDJSONReader(bytes: Array(text.utf8), name: "test.json", options: options)
    return (reader.schema, rows(of: try reader.readAll()))
}

func jsonError(_ text: String, _ configure: (inout JSONOptions) -> Void = { _ in }) -> TextFormatError? {
    do {
        _ = try jsonRows(text, configure)
        return nil
    } catch let error as TextFormatError {
        return error
    } catch {
        return nil
    }
}
