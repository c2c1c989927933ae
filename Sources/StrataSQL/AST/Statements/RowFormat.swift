// `ROW FORMAT DELIMITED ...` or `ROW FORMAT SERDE 'class' [WITH SERDEPROPERTIES (...)]`.

/// `ROW FORMAT DELIMITED ...` or `ROW FORMAT SERDE 'class' [WITH SERDEPROPERTIES (...)]`.
public enum RowFormat: Hashable, Sendable {
    case delimited(DelimitedRowFormat)
    case serde(StringLiteral, properties: [HiveProperty])
}
