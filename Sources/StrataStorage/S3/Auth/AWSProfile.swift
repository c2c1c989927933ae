// One named profile of the AWS shared files, as the AWS CLI and SDKs read them: `[name]` in
// `~/.aws/credentials` (or `$AWS_SHARED_CREDENTIALS_FILE`) and `[profile name]` (`[default]` for the
// default) in `~/.aws/config` (or `$AWS_CONFIG_FILE`). Nested settings such as
//     s3 =
//       addressing_style = path
// are kept as `s3.addressing_style`.

struct AWSProfile: Sendable {
    var name: String
    /// Whether the name came from `AWS_PROFILE` rather than being the implicit `default`.
    var isExplicit: Bool
    var credentialsPath: String?
    var configPath: String?
    /// The profile's settings in the credentials file (nil when it has no section there).
    var credentialsSettings: [String: String]?
    /// The profile's settings in the config file (nil when it has no section there).
    var configSettings: [String: String]?

    var exists: Bool { credentialsSettings != nil || configSettings != nil }

    /// A setting of the config file.
    func config(_ key: String) -> String? {
        configSettings?[key].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Loads the profile named by `AWS_PROFILE` (else `default`) from both files; missing files are empty.
    static func load(environment: [String: String]) throws(StorageError) -> AWSProfile {
        let explicitName = environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["AWS_DEFAULT_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        let name = explicitName ?? "default"
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        let credentialsPath = environment["AWS_SHARED_CREDENTIALS_FILE"].map { expandHome($0, home: home) }
            ?? home.map { $0 + "/.aws/credentials" }
        let configPath = environment["AWS_CONFIG_FILE"].map { expandHome($0, home: home) }
            ?? home.map { $0 + "/.aws/config" }

        var profile = AWSProfile(
            name: name, isExplicit: explicitName != nil, credentialsPath: credentialsPath, configPath: configPath)
        if let credentialsPath, let text = try readFile(credentialsPath) {
            profile.credentialsSettings = parse(text)[name]
        }
        if let configPath, let text = try readFile(configPath) {
            let sections = parse(text)
            profile.configSettings = name == "default"
                ? (sections["default"] ?? sections["profile default"]) : sections["profile " + name]
        }
        return profile
    }

    private static func expandHome(_ path: String, home: String?) -> String {
        guard path.hasPrefix("~/"), let home else { return path }
        return home + path.dropFirst()
    }

    /// The file's text, or nil if there is no such file.
    private static func readFile(_ path: String) throws(StorageError) -> String? {
        do {
            let file = try OpenFile(path: path)
            let bytes = try file.read(0..<file.size())
            return String(decoding: bytes, as: UTF8.self)
        } catch where error.code == .notFound {
            return nil
        }
    }

    /// Sections of an AWS INI file: section name (inside the brackets, trimmed) → lower-cased key → value.
    static func parse(_ text: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var section: String?
        var nestedParent: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = String(rawLine).trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            let indented = rawLine.first == " " || rawLine.first == "\t"
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { section = nil; continue }
                let name = String(line.dropFirst().dropLast()).trimmingSpaces()
                section = name
                nestedParent = nil
                if sections[name] == nil { sections[name] = [:] }
                continue
            }
            guard let section, let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals]).trimmingSpaces().lowercased()
            let value = String(line[line.index(after: equals)...]).trimmingSpaces()
            if indented {
                // Below `name =` it is a nested setting; below a value, a continuation line, which no
                // setting read here uses.
                if let parent = nestedParent { sections[section]![parent + "." + key] = value }
            } else {
                sections[section]![key] = value
                nestedParent = value.isEmpty ? key : nil
            }
        }
        return sections
    }
}
