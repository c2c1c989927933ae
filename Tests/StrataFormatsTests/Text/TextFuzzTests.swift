// Random and mutated inputs never crash the text readers: each read ends in batches or a TextFormatError.
// Seeded, so a failure reproduces.
import Foundation
import StrataTestSupport
import Testing
import StrataCore
@testable import StrataFormats


@Suite struct TextFuzzTests {
    /// Rounds per test: small in the suite; `STRATA_FUZZ_ROUNDS` runs a longer campaign.
    static let rounds = Int(ProcessInfo.processInfo.environment["STRATA_FUZZ_ROUNDS"] ?? "") ?? 400

    /// Bytes the formats give meaning to, plus letters, digits and broken UTF-8.
    static let alphabet: [UInt8] = Array(",;|\t\"'\\\r\n{}[]:-+.eE0123456789abcnrtuxyz /".utf8) + [0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF, 0x00]

    static func randomInput(_ generator: inout SeededRandom, maximumLength: Int) -> [UInt8] {
        let length = Int.random(in: 0...maximumLength, using: &generator)
        return (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
    }

    static func mutate(_ bytes: [UInt8], _ generator: inout SeededRandom) -> [UInt8] {
        var result = bytes
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            guard !result.isEmpty else { break }
            let index = Int.random(in: 0..<result.count, using: &generator)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: result[index] = alphabet.randomElement(using: &generator)!
            case 1: result.remove(at: index)
            default: result.insert(alphabet.randomElement(using: &generator)!, at: index)
            }
        }
        if Bool.random(using: &generator) { result = Array(result.prefix(Int.random(in: 0...result.count, using: &generator))) }
        return result
    }

    /// Reads `bytes` as CSV; returns whether it succeeded. Crashing is the failure this guards against.
    @discardableResult
    static func readCSV(_ bytes: [UInt8], _ options: CSVOptions) -> Bool {
        do {
            let reader = try CSVReader(bytes: bytes, name: "fuzz.csv", options: options)
            while let batch = try reader.nextBatch() {
                for column in batch.columns { #expect(column.count == batch.count) }
            }
            return true
        } catch {
            #expect(!error.message.isEmpty)
            return false
        }
    }

    @discardableResult
    static func readJSON(_ bytes: [UInt8], _ options: JSONOptions) -> Bool {
        do {
            let reader = try NDJSONReader(bytes: bytes, name: "fuzz.json", options: options)
            while let batch = try reader.nextBatch() {
                for column in batch.columns { #expect(column.count == batch.count) }
            }
            return true
        } catch {
            #expect(!error.message.isEmpty)
            return false
        }
    }

    static func csvOptions(_ generator: inout SeededRandom) -> CSVOptions {
        var options = CSVOptions()
        if Bool.random(using: &generator) { options.chunkSize = Int.random(in: 1...16, using: &generator) }
        options.batchSize = Int.random(in: 1...5, using: &generator)
        options.header = [nil, true, false].randomElement(using: &generator)!
        options.onError = [.fail, .null, .skip].randomElement(using: &generator)!
        options.nullPadding = Bool.random(using: &generator)
        options.allVarchar = Int.random(in: 0..<4, using: &generator) == 0
        options.escape = [nil, "\\"].randomElement(using: &generator)!
        options.sampleSize = [2, 20_480, -1].randomElement(using: &generator)!
        return options
    }

    static func jsonOptions(_ generator: inout SeededRandom) -> JSONOptions {
        var options = JSONOptions()
        if Bool.random(using: &generator) { options.chunkSize = Int.random(in: 1...16, using: &generator) }
        options.batchSize = Int.random(in: 1...5, using: &generator)
        options.format = [.auto, .newlineDelimited, .array, .unstructured].randomElement(using: &generator)!
        options.onError = [.fail, .null, .skip].randomElement(using: &generator)!
        options.sampleSize = [1, 20_480, -1].randomElement(using: &generator)!
        options.maximumNesting = 8
        return options
    }

    @Test func randomBytesAsCSV() {
        var generator = SeededRandom(seed: 1)
        for _ in 0..<Self.rounds {
            Self.readCSV(Self.randomInput(&generator, maximumLength: 120), Self.csvOptions(&generator))
        }
    }

    @Test func randomBytesAsJSON() {
        var generator = SeededRandom(seed: 2)
        for _ in 0..<Self.rounds {
            Self.readJSON(Self.randomInput(&generator, maximumLength: 120), Self.jsonOptions(&generator))
        }
    }

    @Test func mutatedValidFiles() {
        var generator = SeededRandom(seed: 3)
        let csv = Array("id,name,when,amount\r\n1,\"a,\"\"b\"\"\",2024-01-01 10:00:00,1.5\r\n2,\"x\ny\",2024-02-30,\r\n3,plain,,-2e3\r\n".utf8)
        let json = Array("{\"id\":1,\"s\":\"a\\u00e9\\n\",\"n\":{\"x\":[1,2,{\"y\":null}]},\"d\":\"2024-01-01\"}\n[1,2]\n{\"id\":2.5,\"b\":true}\n".utf8)
        var succeeded = 0
        for _ in 0..<Self.rounds {
            if Self.readCSV(Self.mutate(csv, &generator), Self.csvOptions(&generator)) { succeeded += 1 }
            if Self.readJSON(Self.mutate(json, &generator), Self.jsonOptions(&generator)) { succeeded += 1 }
        }
        // Most mutations still read: the readers are not failing everything.
        #expect(succeeded > Self.rounds / 2)
    }

    @Test func randomBytesAsCompressedFiles() {
        var generator = SeededRandom(seed: 4)
        for _ in 0..<Self.rounds / 4 {
            var input = Self.randomInput(&generator, maximumLength: 60)
            let codec: TextCompression = Bool.random(using: &generator) ? .gzip : .zstd
            input.insert(contentsOf: codec == .gzip ? TextCompression.gzipMagic : TextCompression.zstdMagic, at: 0)
            var options = CSVOptions()
            options.compression = codec
            #expect(!Self.readCSV(input, options))
        }
    }

    @Test func randomTextIntoEveryParser() {
        var generator = SeededRandom(seed: 5)
        let format = try! TemporalFormat("%d/%m/%Y %I:%M:%S.%f %p %z")
        for _ in 0..<Self.rounds * 5 {
            let input = Self.randomInput(&generator, maximumLength: 40)
            input.withUnsafeBytes { text in
                _ = TextNumberParser.int64(text)
                _ = TextNumberParser.double(text)
                _ = TextNumberParser.float(text)
                _ = TextNumberParser.decimal(text, precision: 38, scale: 10)
                _ = TextNumberParser.roundedInteger(text)
                _ = TemporalParser.parseTimestamp(text)
                _ = format.parseTimestamp(text)
                _ = UTF8Validation.isValid(text)
                var candidates = TypeCandidates(temporal: TemporalSettings(
                    decimalSeparator: UInt8(ascii: "."), dateFormat: nil, timestampFormat: nil, detectFormats: true))
                candidates.observe(text, temporal: TemporalSettings(
                    decimalSeparator: UInt8(ascii: "."), dateFormat: nil, timestampFormat: nil, detectFormats: true))
                _ = candidates.resolvedType
            }
        }
    }
}
