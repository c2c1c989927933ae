// Hive partition paths: every folder name of a path parsed as `key=value`, unescaped, typed as discovery
// types partition values, and escaped again. A parsed segment must come back unchanged from its folder name.
import StrataCore
import StrataLake

enum HivePathFuzzer: FuzzTarget {
    static let name = "hive-path"

    static func run(_ input: UnsafeRawBufferPointer) {
        let path = String(decoding: input, as: UTF8.self)
        var values: [String?] = []
        // Split at `/` scalars, as object stores do, not at Characters (`/` and a combining mark are one).
        for folder in path.unicodeScalars.split(separator: "/", omittingEmptySubsequences: false).map(Substring.init) {
            let unescaped = HiveEscaping.unescape(folder)
            precondition(HiveEscaping.unescape(Substring(HiveEscaping.escape(unescaped))) == unescaped, "escaping '\(unescaped)' does not round-trip")
            guard let segment = PartitionSegment(folderName: folder) else { continue }
            values.append(segment.value)
            // A value spelled like the default partition's name reads back as NULL, as in Hive: the one
            // value a folder name cannot hold.
            guard segment.value != HiveEscaping.defaultPartitionName else { continue }
            let again = PartitionSegment(folderName: Substring(segment.folderName))
            precondition(again == segment, "'\(folder)' parses as \(segment), its folder name '\(segment.folderName)' as \(String(describing: again))")
        }
        let type = PartitionValueType.infer(values)
        for value in values {
            // The inferred type fits every value, else discovery would fail on its own inference.
            precondition(PartitionValueType.value(value, as: type) != nil, "'\(value ?? "NULL")' does not parse as its inferred \(type)")
            for other in [DataType.date, .bigint, .integer, .smallint, .tinyint, .boolean, .double, .real, .timestamp] {
                _ = PartitionValueType.value(value, as: other)
            }
        }
    }
}
