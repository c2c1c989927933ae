// Dirty data as the bronze zones hold it: the algae plant's FlowCam exports (CSV, gzip, partitioned by
// date/TPU/reactor) and the e-commerce raw events (NDJSON with missing fields, wrong types, a field added
// midway, broken lines, a corrupt gzip file).
import Foundation
import Testing
import StrataCore
import StrataStorage
import StrataTestSupport
@testable import StrataFormats

@Suite struct BronzeDataTests {
    /// A FlowCam export: quoted header names with spaces and units, US dates, CRLF, a bad reading.
    static func flowcamCSV(rows: Int, badRow: Int?) -> String {
        var text = "\"Name\",\"Area (ABD)\",\"Diameter (ESD)\",\"Density\",\"Particles Per Chain\",\"Date\",\"Time\",\"Image File\"\r\n"
        for row in 0..<rows {
            let density = row == badRow ? "n/a" : String(Double(row % 97) / 10 + 0.25)
            text += "\"p\(row)\",\(row % 1000).5,\(Double(row % 37) * 0.75),\(density),\(row % 4 + 1),"
            text += "01/\(padded(row % 28 + 1, width: 2))/2024,10:\(padded(row % 60, width: 2)):05,\"img_\(row).tif\"\r\n"
        }
        return text
    }

    @Test func flowcamExportInLakeLayout() throws {
        let folder = try TemporaryDirectory()
        let store = LocalObjectStore(root: folder.path)
        let key = "bronze/flowcam/date=2024-01-15/TPU=01/reactor=02/flowcam_data.csv.gz"
        try store.write("plain.csv", bytes: Array(Self.flowcamCSV(rows: 500, badRow: nil).utf8))
        try Python.run(
            "import gzip, sys, os; data = open(sys.argv[1], 'rb').read(); os.makedirs(os.path.dirname(sys.argv[2]), exist_ok=True); open(sys.argv[2], 'wb').write(gzip.compress(data))",
            arguments: [folder.file("plain.csv"), folder.file(key)])
        let reader = try CSVReader(store: store, key: key)
        #expect(reader.schema == Schema([
            Field("Name", .varchar), Field("Area (ABD)", .double), Field("Diameter (ESD)", .double),
            Field("Density", .double), Field("Particles Per Chain", .bigint), Field("Date", .date), Field("Time", .time),
            Field("Image File", .varchar),
        ]))
        let values = rows(of: try reader.readAll())
        #expect(values.count == 500)
        #expect(values[3] == [
            .text("p3"), .double(3.5), .double(2.25), .double(0.55), .integer(4), date(2024, 1, 4), time(10, 3, 5),
            .text("img_3.tif"),
        ])
    }

    @Test func flowcamBadReading() throws {
        let text = Self.flowcamCSV(rows: 2000, badRow: 1500)
        var options = CSVOptions()
        options.sampleSize = 1000
        do {
            _ = try CSVReader(bytes: Array(text.utf8), name: "flowcam_data.csv", options: options).readAll()
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "flowcam_data.csv")
            #expect(error.line == 1502)
            #expect(error.column == 20)
            #expect(error.message.hasPrefix("'n/a' is not a DOUBLE (column Density)"))
        }
        options.nullstr = ["", "n/a"]
        let values = rows(of: try CSVReader(bytes: Array(text.utf8), name: "flowcam_data.csv", options: options).readAll())
        #expect(values[1500][3] == .null)
        #expect(values[1501][3] == .double(Double(1501 % 97) / 10 + 0.25))
    }

    /// E-commerce events: amounts missing, as strings, as "n/a"; a field added midway; a broken line.
    static func events(rows: Int, couponFrom: Int) -> String {
        var text = ""
        for row in 0..<rows {
            var fields = [
                "\"event_id\":\"e\(row)\"", "\"user_id\":\(row % 50)",
                "\"event_type\":\"\(["view", "cart", "purchase"][row % 3])\"",
                "\"ts\":\"2024-10-05T\(padded(row % 24, width: 2)):00:00Z\"",
            ]
            switch row % 10 {
            case 0: break
            case 1: fields.append("\"amount\":\"12.50\"")
            case 2: fields.append("\"amount\":null")
            default: fields.append("\"amount\":\(row).25")
            }
            if row % 7 == 0 { fields.append("\"properties\":{\"device\":\"ios\",\"tags\":[\"a\",\"b\"]}") }
            if row >= couponFrom { fields.append("\"coupon\":\"SAVE\(row)\"") }
            text += "{" + fields.joined(separator: ",") + "}\n"
        }
        return text
    }

    @Test func eventsWithDrift() throws {
        let text = Self.events(rows: 300, couponFrom: 250)
        var options = JSONOptions()
        options.sampleSize = 200
        let error = jsonError(text) { $0.sampleSize = 200 }
        #expect(error?.code == .schema)
        #expect(error?.line == 251)

        options.sampleSize = -1
        let reader = try NDJSONReader(bytes: Array(text.utf8), name: "events.ndjson", options: options)
        #expect(reader.schema == Schema([
            Field("event_id", .varchar), Field("user_id", .bigint), Field("event_type", .varchar), Field("ts", .timestamp),
            Field("properties", .varchar), Field("amount", .varchar), Field("coupon", .varchar),
        ]))
        let values = rows(of: try reader.readAll())
        #expect(values.count == 300)
        #expect(values[0][4] == .text("{\"device\":\"ios\",\"tags\":[\"a\",\"b\"]}"))
        #expect(values[1][5] == .text("12.50"))
        #expect(values[3][5] == .text("3.25"))
        #expect(values[249][6] == .null)
        #expect(values[250][6] == .text("SAVE250"))

        // With the amount's type given, strings that are numbers convert and "n/a" is the one bad value.
        var typed = JSONOptions()
        typed.columns = [Field("event_id", .varchar), Field("amount", .decimal(precision: 10, scale: 2)), Field("ts", .timestamp)]
        let broken = text.replacingFirst("\"amount\":\"12.50\"", with: "\"amount\":\"n/a\"") + "{\"event_id\":\"e300\",\"amount\":\n"
        typed.onError = .skip
        let cleaning = try NDJSONReader(bytes: Array(broken.utf8), name: "events.ndjson", options: typed)
        let cleaned = rows(of: try cleaning.readAll())
        #expect(cleaned.count == 299)
        #expect(cleaning.skippedRowCount == 2)
        #expect(cleaning.rejects.compactMap(\.error.line).sorted() == [2, 302])
        #expect(cleaned[2] == [.text("e3"), .decimal(325), timestamp(2024, 10, 5, 3)])
    }

    @Test func corruptGzipIsReportedNotRead() throws {
        let folder = try TemporaryDirectory()
        let store = LocalObjectStore(root: folder.path)
        try store.write("events.ndjson", bytes: Array(Self.events(rows: 2000, couponFrom: 5000).utf8))
        try Python.run(
            """
            import gzip, sys
            data = gzip.compress(open(sys.argv[1] + '/events.ndjson', 'rb').read())
            broken = bytearray(data)
            broken[len(broken) // 2] ^= 0xFF
            open(sys.argv[1] + '/events.ndjson.gz', 'wb').write(bytes(broken))
            """, arguments: [folder.path])
        do {
            _ = try NDJSONReader(store: store, key: "events.ndjson.gz").readAll()
            Issue.record("a corrupt gzip file must fail")
        } catch {
            #expect(error.code == .corrupt)
            #expect(error.file == folder.file("events.ndjson.gz"))
        }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
