// How a CSV file is written, as given in the options or detected by the sniffer.

/// How a CSV file is written.
public struct CSVDialect: Sendable, Hashable {
    public var delimiter: Unicode.Scalar
    /// nil when quotes are ordinary characters.
    public var quote: Unicode.Scalar?
    /// The character escaping a quote inside quotes; equal to `quote` for RFC 4180's doubled quotes.
    public var escape: Unicode.Scalar?
    /// Whether the first row (after skipped lines) is a header.
    public var header: Bool
    /// Lines skipped before the header or first row.
    public var skip: Int
}
