// `STORED AS format` or `STORED AS INPUTFORMAT 'class' OUTPUTFORMAT 'class'`.

/// `STORED AS PARQUET` (a format name: PARQUET, TEXTFILE, JSONFILE, ORC, ...) or
/// `STORED AS INPUTFORMAT 'class' OUTPUTFORMAT 'class'`.
public enum StorageFormat: Hashable, Sendable {
    case named(Identifier)
    case classes(input: StringLiteral, output: StringLiteral)
}
