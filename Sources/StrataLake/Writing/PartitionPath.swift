// Folder names for partition values, as Hive writes them: `key=value` with Hive's escaping, NULL (and the
// empty string, which Hive cannot tell from NULL) as `__HIVE_DEFAULT_PARTITION__`. Escaping keeps every
// value inside one path segment: `/` becomes `%2F`, so no value can climb out of its table's folder, and
// NUL, which no file system accepts, becomes `%00`.
import StrataCore
import StrataStorage

public enum PartitionPath {
    /// The types a partition key may have: those whose text Strata and the other engines read back as the
    /// same value.
    public static func check(key: String, type: DataType) throws {
        switch type {
        case .boolean, .tinyint, .smallint, .integer, .bigint, .real, .double, .varchar, .date, .timestamp: return
        default:
            throw LakeError(
                "partition column \(key) is \(type.sqlName); partition keys may be VARCHAR, an integer, DATE, TIMESTAMP, BOOLEAN, REAL or DOUBLE (cast it)")
        }
    }

    /// The folder of one partition below its table: `k1=v1/k2=v2`.
    public static func folder(keys: [String], values: [Value], types: [DataType]) -> String {
        zip(keys, zip(values, types)).map { key, value in segment(key: key, value: text(value.0, type: value.1)) }
            .joined(separator: "/")
    }

    /// The text of a partition value (nil for NULL), as it appears unescaped in the folder name.
    public static func text(_ value: Value, type: DataType) -> String? {
        guard let text = ValueFormatter.text(value, type: type), !text.isEmpty else { return nil }
        return text
    }

    static func segment(key: String, value: String?) -> String {
        escape(key) + "=" + (value.map(escape) ?? HiveEscaping.defaultPartitionName)
    }

    static func escape(_ text: String) -> String {
        let escaped = HiveEscaping.escape(text)
        guard escaped.utf8.contains(0) else { return escaped }
        return escaped.split(separator: "\0", omittingEmptySubsequences: false).joined(separator: "%00")
    }
}

/// Table names and locations as folders of the lake: every part one plain folder name, so a name can
/// never reach outside the lake or into hidden folders.
public enum LakePath {
    /// The key prefix (ending with `/`) of the folder a table named `parts` lives in.
    public static func tablePrefix(_ parts: [String]) throws -> String {
        for part in parts { try checkSegment(part, what: "table name part") }
        return parts.joined(separator: "/") + "/"
    }

    /// A location relative to the lake root as a key prefix ending with `/`; `..`, empty and hidden
    /// segments are refused.
    public static func relativePrefix(_ location: String) throws -> String {
        var path = location.hasPrefix("./") ? String(location.dropFirst(2)) : location
        while path.hasSuffix("/") { path.removeLast() }
        let parts = ObjectKey.segments(path, omittingEmpty: false)
        guard !path.isEmpty else { throw LakeError("a location needs a folder below the lake root") }
        for part in parts { try checkSegment(String(part), what: "location segment") }
        return parts.joined(separator: "/") + "/"
    }

    static func checkSegment(_ part: String, what: String) throws {
        guard !part.isEmpty else { throw LakeError("a \(what) cannot be empty") }
        guard part != ".", part != ".." else { throw LakeError("a \(what) cannot be '\(part)'") }
        guard !part.contains("/"), !part.utf8.contains(0) else {
            throw LakeError("the \(what) '\(part)' contains '/' or NUL; it must be one folder name")
        }
        guard part.first != ".", part.first != "_" else {
            throw LakeError("the \(what) '\(part)' starts with '\(part.first!)': folders like that are hidden from the lake")
        }
        guard !part.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw LakeError("the \(what) '\(part)' contains control characters")
        }
    }
}
