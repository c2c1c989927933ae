// One leaf column of a Parquet schema: its path, levels, Parquet types and the engine type it reads as.
import StrataCore

public struct ColumnDescriptor: Sendable, Hashable {
    /// Position among the leaf columns, which is also its column chunk's position in every row group.
    public let index: Int
    /// Names from the top-level field down to the leaf.
    public let path: [String]
    public let element: SchemaElement
    public let maxDefinitionLevel: Int
    public let maxRepetitionLevel: Int
    /// The engine type; nil when the column cannot be read (nested, or a type Strata does not handle).
    public let dataType: DataType?
    /// Why the column cannot be read, when it cannot.
    public let unsupportedReason: String?
    let conversion: ValueConversion

    init(index: Int, path: [String], element: SchemaElement, maxDefinitionLevel: Int, maxRepetitionLevel: Int, nestedIn: String?) {
        self.index = index
        self.path = path
        self.element = element
        self.maxDefinitionLevel = maxDefinitionLevel
        self.maxRepetitionLevel = maxRepetitionLevel
        if let nestedIn {
            dataType = nil
            unsupportedReason = nestedIn
            conversion = .identity
            return
        }
        switch ColumnTyping.resolve(element) {
        case .readable(let type, let conversion):
            dataType = type
            unsupportedReason = nil
            self.conversion = conversion
        case .unsupported(let reason):
            dataType = nil
            unsupportedReason = reason
            conversion = .identity
        }
    }

    /// The dotted path, as messages and `strata inspect` show it.
    public var name: String { path.joined(separator: ".") }
    public var physicalType: PhysicalType { element.type ?? .byteArray }
    /// Byte width of FIXED_LEN_BYTE_ARRAY values (0 for other types).
    public var typeLength: Int { Int(element.typeLength ?? 0) }
    public var logicalType: LogicalType? { element.logicalType }
    public var convertedType: ConvertedType? { element.convertedType }
    public var repetition: Repetition { element.repetition ?? .required }
    public var isNullable: Bool { maxDefinitionLevel > 0 }

    /// Whether min/max statistics written by signed comparison (the deprecated `min`/`max`) are valid for
    /// this column: true for numbers and temporal types, false for byte arrays and unsigned integers.
    public var signedStatisticsAreValid: Bool {
        switch physicalType {
        case .byteArray, .fixedLenByteArray, .int96: return false
        default:
            if case .integer(_, false)? = logicalType { return false }
            if let converted = convertedType, [.uint8, .uint16, .uint32, .uint64].contains(converted) { return false }
            return true
        }
    }
}
