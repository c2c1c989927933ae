// Merging the schemas of a table's files by column name, as the design contract says: a column missing
// from a file reads as NULL there, integers and floats widen to hold every file's values, and a real
// conflict (a string in one file, a number in another) is an error naming both files.
import StrataCore

public struct LakeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

struct SchemaMerger {
    private(set) var fields: [Field] = []
    /// The file each field's current type came from, for conflict messages.
    private var origins: [String] = []

    mutating func add(_ schema: Schema, from file: String) throws {
        for field in schema.fields {
            guard let index = fields.firstIndex(where: { $0.name.lowercased() == field.name.lowercased() }) else {
                fields.append(Field(field.name, field.type, isNullable: true))
                origins.append(file)
                continue
            }
            let existing = fields[index].type
            guard existing != field.type else { continue }
            guard let widened = SchemaMerger.widen(existing, field.type) else {
                throw LakeError(
                    "column \(field.name) is \(existing) in \(origins[index]) but \(field.type) in \(file); the files of one table must agree (cast when writing, or read them separately)")
            }
            if widened != existing {
                fields[index].type = widened
                origins[index] = file
            }
        }
    }

    /// The type that holds values of both, when one is a widening of the other.
    static func widen(_ a: DataType, _ b: DataType) -> DataType? {
        if a == b { return a }
        if a == .unknown { return b }
        if b == .unknown { return a }
        let integers: [DataType] = [.tinyint, .smallint, .integer, .bigint]
        if let i = integers.firstIndex(of: a), let j = integers.firstIndex(of: b) { return integers[max(i, j)] }
        if a.isFloatingPoint && b.isFloatingPoint { return .double }
        if (a.isInteger && b.isFloatingPoint) || (a.isFloatingPoint && b.isInteger) { return .double }
        if case .decimal(let p1, let s1) = a, case .decimal(let p2, let s2) = b {
            let scale = max(s1, s2)
            let digits = max(p1 - s1, p2 - s2)
            guard digits + scale <= DataType.maximumDecimalPrecision else { return nil }
            return .decimal(precision: digits + scale, scale: scale)
        }
        if a == .date && b == .timestamp || a == .timestamp && b == .date { return .timestamp }
        return nil
    }
}
