// How often a schema field occurs in its parent, with its Thrift values.

public enum Repetition: Int32, Sendable, Hashable, CaseIterable {
    case required = 0
    case optional = 1
    case repeated = 2

    public var name: String {
        switch self {
        case .required: return "REQUIRED"
        case .optional: return "OPTIONAL"
        case .repeated: return "REPEATED"
        }
    }
}
