import StrataCore
import Testing
@testable import StrataLake

@Suite struct HivePartitionTests {
    @Test func escapesTheHiveCharacterSet() {
        #expect(HiveEscaping.escape("2024-01-01 10:00:00") == "2024-01-01 10%3A00%3A00")
        #expect(HiveEscaping.escape("a/b=c%d") == "a%2Fb%3Dc%25d")
        #expect(HiveEscaping.escape("Office/outpatient services") == "Office%2Foutpatient services")
        #expect(HiveEscaping.escape("say \"hi\" #1 'x' ?") == "say %22hi%22 %231 %27x%27 %3F")
        #expect(HiveEscaping.escape("tab\there") == "tab%09here")
        #expect(HiveEscaping.escape("plain-value_1.5") == "plain-value_1.5")
        #expect(HiveEscaping.escape("Atlanta-Sandy Springs-Alpharetta, GA") == "Atlanta-Sandy Springs-Alpharetta, GA")
    }

    @Test func unescapeInvertsEscape() {
        let values = ["a/b", "100%", "x=y", "über/straße", "\u{1}ctl", "[]{}^*", "%", "%2", "%zz"]
        for value in values {
            #expect(HiveEscaping.unescape(HiveEscaping.escape(value)[...]) == value)
        }
        #expect(HiveEscaping.unescape("100%") == "100%")
        #expect(HiveEscaping.unescape("%4") == "%4")
        #expect(HiveEscaping.unescape("%e2%82%ac") == "€")
    }

    @Test func segments() {
        #expect(PartitionSegment(folderName: "date=2024-01-01") == PartitionSegment(key: "date", value: "2024-01-01"))
        #expect(PartitionSegment(folderName: "k=__HIVE_DEFAULT_PARTITION__")?.value == nil)
        #expect(PartitionSegment(folderName: "k=")?.value == nil)
        #expect(PartitionSegment(folderName: "k=a=b")?.value == "a=b")
        #expect(PartitionSegment(folderName: "=x") == nil)
        #expect(PartitionSegment(folderName: "citect") == nil)
        #expect(PartitionSegment(key: "hour", value: "10:00").folderName == "hour=10%3A00")
        #expect(PartitionSegment(key: "k", value: nil).folderName == "k=__HIVE_DEFAULT_PARTITION__")
    }

    /// Found by the hive-path fuzz target: a value starting with a combining mark joins the `=` into one
    /// Character, and the folder name was not read as `key=value` at all.
    @Test func valuesThatStartWithACombiningMark() {
        let fuzzed = PartitionSegment(folderName: "e=%Db%aa=%Db%b3")
        #expect(fuzzed == PartitionSegment(key: "e", value: "\u{6EA}=\u{6F3}"))
        #expect(fuzzed?.folderName == "e=\u{6EA}%3D\u{6F3}")
        #expect(PartitionSegment(folderName: Substring(fuzzed!.folderName)) == fuzzed)
        #expect(PartitionSegment(folderName: "k=\u{301}x") == PartitionSegment(key: "k", value: "\u{301}x"))
    }

    @Test func typesAreInferredOverAllValues() {
        #expect(PartitionValueType.infer(["2024-01-01", nil, "2024-02-29"]) == .date)
        #expect(PartitionValueType.infer(["01", "2", "-3"]) == .bigint)
        #expect(PartitionValueType.infer(["01", "x"]) == .varchar)
        #expect(PartitionValueType.infer(["2024-01-01", "7"]) == .varchar)
        #expect(PartitionValueType.infer(["2024-1-1"]) == .varchar)
        #expect(PartitionValueType.infer(["99999999999999999999"]) == .varchar)
        #expect(PartitionValueType.infer([nil]) == .varchar)
        #expect(PartitionValueType.value("01", as: .bigint) == .integer(1))
        #expect(PartitionValueType.value(nil, as: .date) == .null)
        #expect(PartitionValueType.value("x", as: .bigint) == nil)
        #expect(PartitionValueType.value("2024-03-01", as: .date) == .date(19_783))
    }

    @Test func dataFileNames() {
        #expect(DataFileFormat.of(fileName: "part-00000-1234.c000.snappy.parquet") == .parquet)
        #expect(DataFileFormat.of(fileName: "20240101_000123_00001_abc") == .parquet)
        #expect(DataFileFormat.of(fileName: "events.ndjson.gz") == .json)
        #expect(DataFileFormat.of(fileName: "flowcam_data.csv") == .csv)
        #expect(DataFileFormat.of(fileName: "_SUCCESS") == nil)
        #expect(DataFileFormat.of(fileName: ".part-0.parquet.crc") == nil)
        #expect(DataFileFormat.of(fileName: "notes.md") == nil)
    }
}
