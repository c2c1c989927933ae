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
