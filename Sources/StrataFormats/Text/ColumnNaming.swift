// Column names from a header row or JSON keys: blanks become `column0`, `column1`, ... (zero-padded when a
// file has ten or more columns, as DuckDB names them) and repeats become `name_1`, `name_2`, ...; names are
// compared case-insensitively because SQL identifiers are.

enum ColumnNaming {
    /// The name of the column at `index` when the file gives none.
    static func generatedName(_ index: Int, columnCount: Int) -> String {
        let width = String(max(columnCount - 1, 0)).count
        let digits = String(index)
        return "column" + String(repeating: "0", count: max(width - digits.count, 0)) + digits
    }

    /// Unique names for `names` (nil or blank for missing ones).
    static func uniqueNames(_ names: [String?]) -> [String] {
        var taken = Set<String>()
        var result: [String] = []
        result.reserveCapacity(names.count)
        for (index, name) in names.enumerated() {
            var base = name ?? ""
            if base.allSatisfy({ $0 == " " || $0 == "\t" }) {
                base = generatedName(index, columnCount: names.count)
            }
            var candidate = base
            var suffix = 1
            while taken.contains(candidate.lowercased()) {
                candidate = "\(base)_\(suffix)"
                suffix += 1
            }
            taken.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }
}
