// A row a reader skipped or a value it read as NULL, kept with the error and the record so a pipeline can
// write it to quarantine.

/// A row a reader could not read as asked, and what it did with it.
public struct TextReject: Sendable {
    public var error: TextFormatError
    /// The record as it is in the file (cut at 64 KiB).
    public var record: String
    /// `.skip` when the row was left out, `.null` when the value was read as NULL.
    public var action: TextErrorMode
}
