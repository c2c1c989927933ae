/// File sizes as users type them on the command line (`128MB`, `64MiB`, `1GB`) and as
/// the reports print them back, so a size shown by `doctor` can be pasted into `compact`.
public enum FileSize {
    /// The size `compact` aims for and `doctor` measures against: large enough that a
    /// file's footer and request overhead are noise, small enough to prune by file.
    public static let defaultTarget = 128_000_000

    private static let units: [(suffix: String, bytes: Int)] = [
        ("KIB", 1 << 10), ("MIB", 1 << 20), ("GIB", 1 << 30), ("TIB", 1 << 40),
        ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000),
        ("K", 1_000), ("M", 1_000_000), ("G", 1_000_000_000), ("B", 1),
    ]

    /// Parses `128MB`, `128 MB`, `1.5GB`, `64MiB` or a plain byte count.
    public static func parse(_ text: String) throws -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        var number = Substring(trimmed)
        var multiplier = 1
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            number = trimmed.dropLast(unit.suffix.count)
            multiplier = unit.bytes
            break
        }
        guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value.isFinite, value >= 1,
              value * Double(multiplier) < Double(Int.max / 2)
        else {
            throw LakeError("invalid size '\(text)': expected a number of bytes with an optional unit, like 128MB or 64MiB")
        }
        return Int((value * Double(multiplier)).rounded())
    }

    /// The shortest exact spelling `parse` reads back: `128MB`, `64MiB`, `1500B`.
    public static func text(_ bytes: Int) -> String {
        for unit in [("TB", 1_000_000_000_000), ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000),
                     ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= unit.1 && bytes % unit.1 == 0 {
            return "\(bytes / unit.1)\(unit.0)"
        }
        return "\(bytes)B"
    }
}
