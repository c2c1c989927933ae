// The silver models of `datasets/` ingesting the generated bronze data of the three domains: every defect
// the generator recorded in `_expected/dirt.json` ends where the defect table of `datasets/README.md`
// says — quarantined row by row (file and line), rejected files moved aside, duplicates collapsed, late
// arrivals kept in their own day — and nothing else is quarantined.
import Foundation
import StrataCore
import StrataSQL
import StrataTestSupport
import Testing
@testable import StrataLake

@Suite(.serialized) struct DatasetIngestionTests {
    static let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("datasets").path

    /// Kinds whose records ingestion must quarantine (`datasets/README.md`).
    static let quarantinedKinds: Set<String> = ["wrong_type", "impossible_timestamp", "missing_key", "out_of_range", "corrupt_record"]

    struct Defect: Hashable {
        var file: String
        var line: Int?
        var kind: String
        /// For a duplicate: the place of the record it copies.
        var original: Place?
    }

    struct Place: Hashable {
        var file: String
        var line: Int?
    }

    /// The defects ingestion quarantines: the kinds that say so, and the copies of such records (a
    /// duplicate of a record without a key has no key either).
    static func quarantined(_ defects: [Defect]) -> [Defect] {
        let places = Set(defects.filter { quarantinedKinds.contains($0.kind) }.map { Place(file: $0.file, line: $0.line) })
        return defects.filter { quarantinedKinds.contains($0.kind) || ($0.original.map(places.contains) ?? false) }
    }

    /// The duplicates deduplication removes: those of records that pass.
    static func collapsed(_ defects: [Defect]) -> Int {
        let quarantined = Set(quarantined(defects).map { Place(file: $0.file, line: $0.line) })
        return defects.filter { $0.kind == "duplicate" && !quarantined.contains(Place(file: $0.file, line: $0.line)) }.count
    }

    /// A copy of one generated domain (ingestion moves rejected files out of bronze), ingested.
    func ingested(_ domain: String) throws -> (lake: TemporaryDirectory, runs: [IngestionRun], defects: [Defect], dirt: [String: Any]) {
        let generated = try GeneratedLakes.shared.get()
        let lake = try TemporaryDirectory("strata-ingest-\(domain)")
        try FileManager.default.removeItem(atPath: lake.path)
        try FileManager.default.copyItem(atPath: generated.root + "/" + domain, toPath: lake.path)
        let dirt = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: lake.file("_expected/dirt.json")))) as! [String: Any]
        let defects = (dirt["defects"] as! [[String: Any]]).map { entry in
            let original = (entry["duplicate_of"] as? [String: Any]).map {
                Place(file: $0["file"] as! String, line: ($0["line"] as? Int) ?? ($0["row"] as? Int))
            }
            return Defect(
                file: entry["file"] as! String, line: (entry["line"] as? Int) ?? (entry["row"] as? Int), kind: entry["kind"] as! String,
                original: original)
        }
        let session = try LakeSession(location: .local(path: lake.path))
        let runs = try Ingester(session: session, models: try IngestionModel.load(folder: Self.datasets + "/\(domain)/silver")).run()
        for run in runs { #expect(run.status == .built, "\(run.model): \(run.error ?? "")") }
        return (lake, runs, defects, dirt)
    }

    func query(_ lake: TemporaryDirectory, _ sql: String) throws -> [[Value]] {
        let session = try LakeSession(location: .local(path: lake.path))
        guard case .rows(let result) = try session.run(try SQLParser.parse(sql)[0]) else { return [] }
        return try result.drain().flatMap { batch in (0..<batch.count).map { row in batch.columns.map { $0.value(at: row) } } }
    }

    /// Every quarantined (file, line) of the domain's quarantine tables.
    func quarantinedPlaces(_ lake: TemporaryDirectory, tables: [String]) throws -> [String: Set<Int>] {
        var places: [String: Set<Int>] = [:]
        for table in tables {
            for row in try query(lake, "SELECT source_file, source_line FROM \(table)") {
                guard case .varchar(let file) = row[0] else { continue }
                if case .integer(let line) = row[1] { places[file, default: []].insert(Int(line)) } else { places[file, default: []].insert(-1) }
            }
        }
        return places
    }

    @Test(arguments: ["algae", "ecommerce"])
    func everyDefectiveTextRecordIsQuarantinedAtItsLineAndNothingElse(domain: String) throws {
        let (lake, runs, defects, _) = try ingested(domain)
        let expected = Dictionary(grouping: Self.quarantined(defects), by: \.file).mapValues { Set($0.compactMap(\.line)) }
        let quarantined = try quarantinedPlaces(lake, tables: runs.map { "quarantine." + $0.model.split(separator: ".").last! })
        #expect(quarantined == expected)
    }

    @Test func aParquetSourceIsQuarantinedRowForRowPerFile() throws {
        let (lake, runs, defects, _) = try ingested("healthcare")
        let run = try #require(runs.first)
        let expected = Dictionary(grouping: Self.quarantined(defects), by: \.file).mapValues(\.count)
        var quarantined: [String: Int] = [:]
        for row in try query(lake, "SELECT source_file, count(*) FROM quarantine.negotiated_rates GROUP BY 1") {
            if case .varchar(let file) = row[0], case .integer(let count) = row[1] { quarantined[file] = Int(count) }
        }
        #expect(quarantined == expected)
        #expect(run.rowsDeduplicated == Self.collapsed(defects))
        // The providers outside any statistical area keep their NULL partition.
        let nulls = try query(lake, "SELECT count(*) FROM silver.negotiated_rates WHERE stat_area_name IS NULL")
        #expect(nulls != [[.integer(0)]])
    }

    @Test func duplicatesCollapseLateArrivalsStayAndTheCorruptFileIsRejected() throws {
        let (lake, runs, defects, _) = try ingested("ecommerce")
        #expect(runs.reduce(0) { $0 + $1.rowsDeduplicated } == Self.collapsed(defects))
        let corrupt = defects.filter { $0.kind == "corrupt_file" }.map(\.file)
        #expect(runs.flatMap { $0.rejectedFiles.map(\.key) } == corrupt)
        #expect(!FileManager.default.fileExists(atPath: lake.file(corrupt[0])))
        #expect(FileManager.default.fileExists(atPath: lake.file("quarantine/rejected_files/_objects/" + corrupt[0])))
        // A late event lands in the day it happened, not the day it was delivered.
        let late = try query(lake, "SELECT count(*) FROM silver.events WHERE event_date = DATE '2024-10-01'")
        let delivered = try query(lake, "SELECT count(*) FROM silver.events WHERE event_date = DATE '2024-10-01' AND event_id IN (SELECT event_id FROM silver.events WHERE ts < TIMESTAMP '2024-10-02 00:00:00')")
        #expect(late == delivered)
        // Users: every version kept, exactly one current per user.
        let current = try query(lake, "SELECT count(*) FROM (SELECT user_id FROM silver.users GROUP BY user_id HAVING count_if(is_current) <> 1)")
        #expect(current == [[.integer(0)]])
    }

    @Test func theAlgaeLateSamplesLandInTheirOwnDay() throws {
        let (lake, _, _, dirt) = try ingested("algae")
        let late = (dirt["defects"] as! [[String: Any]]).filter { $0["kind"] as? String == "late_arrival" }
        #expect(late.count == 2)
        for defect in late {
            let time = defect["value"] as! String
            let rows = try query(lake, "SELECT CAST(date AS VARCHAR) FROM silver.flowcam WHERE capture_time = TIMESTAMP '\(time)'")
            #expect(rows == [[.varchar(String(time.prefix(10)))]], "\(defect)")
        }
        let misplaced = try query(lake, "SELECT count(*) FROM silver.flowcam WHERE date <> CAST(capture_time AS DATE)")
        #expect(misplaced == [[.integer(0)]])
    }
}
