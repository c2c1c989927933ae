// The JSON of Strata's own files in the lake (`_strata/`: transactions, catalog entries, model state):
// sorted keys and indentation, so they read well and diff well, and other tools (`strata crawl`, jq) can
// read them.
import Foundation

enum LakeJSON {
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(value)) + [0x0A]
    }

    static func text<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }

    /// Decodes `bytes`; the error names `location`.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], location: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw LakeError("\(location): not a valid Strata file: \(error)")
        }
    }
}
