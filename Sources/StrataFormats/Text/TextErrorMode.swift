// What a reader does with a row it cannot read as asked: a value that does not fit its column's type, a
// row with the wrong number of fields, a malformed JSON record.

public enum TextErrorMode: String, Sendable, Hashable {
    /// Stop with an error naming the file, line and column (the default).
    case fail
    /// Read the value as NULL and go on (values that do not convert; malformed rows still fail).
    case null
    /// Leave the row out and go on, counting it (DuckDB's `ignore_errors`).
    case skip
}
