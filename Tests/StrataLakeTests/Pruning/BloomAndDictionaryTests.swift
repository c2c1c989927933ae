import StrataCore
import StrataFormats
import Testing
@testable import StrataLake

/// `=` and `IN` ruled out for whole row groups by split-block bloom filters and by dictionary pages, where
/// min/max statistics cannot (every row group spans the whole range).
@Suite struct BloomAndDictionaryTests {
    /// `k` = 4·j + r in row group r, for 250 scattered j of 0..<1000: every row group spans 0...3999.
    static func keys(rowGroup: Int) -> [Int64] {
        (0..<250).map { Int64(($0 * 7919 % 1000) * 4 + rowGroup) }
    }

    static let present = Set((0..<4).flatMap { keys(rowGroup: $0) })

    static func lake(bloom: Bool, dictionary: Bool) throws -> PruningLake {
        let lake = try PruningLake()
        var options = ParquetWriterOptions()
        options.maxRowGroupRows = 250
        options.dictionary = dictionary ? .always : .never
        options.bloomFilterColumns = bloom ? ["k", "word"] : []
        let words = ["red", "green", "blue", "yellow", "purple", "orange", "black", "white"]
        try lake.write(
            "t/part-0.parquet",
            [("k", .bigint, (0..<4).flatMap { keys(rowGroup: $0) }.map { .integer($0) }),
             // Two words per row group, and "aaa"/"zzz" in each so that min/max say nothing.
             ("word", .varchar, .series(1000) { row in
                 let group = row / 250
                 switch row % 4 {
                 case 0: return .varchar("aaa")
                 case 1: return .varchar("zzz")
                 case 2: return .varchar(words[2 * group])
                 default: return .varchar(words[2 * group + 1])
                 }
             })],
            options: options)
        return lake
    }

    @Test func bloomFiltersRuleOutRowGroups() throws {
        let lake = try Self.lake(bloom: true, dictionary: false)
        let key = Self.keys(rowGroup: 2)[17]
        let run = try lake.check("SELECT k, word FROM t WHERE k = \(key)")
        #expect(run.rows.count == 1)
        #expect(run.scan[.rowGroupsPrunedByStatistics] == 0)
        #expect(run.scan[.rowGroupsPrunedByBloomFilter] == 3)
        #expect(run.statistics.rowGroupsScanned == 1)

        let absent = (0..<4000).first { !Self.present.contains(Int64($0)) }!
        let none = try lake.check("SELECT k FROM t WHERE k = \(absent)")
        #expect(none.rows.isEmpty)
        #expect(none.statistics.rowGroupsScanned == 0)

        let pair = try lake.check("SELECT k FROM t WHERE k IN (\(Self.keys(rowGroup: 0)[3]), \(Self.keys(rowGroup: 3)[9]))")
        #expect(pair.rows.count == 2)
        #expect(pair.statistics.rowGroupsScanned == 2)

        let words = try lake.check("SELECT count(*) FROM t WHERE word = 'yellow' OR word = 'blue'")
        #expect(words.rows == [["126"]])
        #expect(words.statistics.rowGroupsScanned == 1)

        var options = PruningOptions()
        options.bloom = false
        let off = try lake.check("SELECT k FROM t WHERE k = \(key)", pruning: options)
        #expect(off.statistics.rowGroupsScanned == 4)
    }

    @Test func dictionariesRuleOutRowGroups() throws {
        let lake = try Self.lake(bloom: false, dictionary: true)
        let run = try lake.check("SELECT k FROM t WHERE word = 'blue'")
        #expect(run.rows.count == 63)
        #expect(run.scan[.rowGroupsPrunedByDictionary] == 3)
        #expect(run.statistics.rowGroupsScanned == 1)
        let inList = try lake.check("SELECT k FROM t WHERE word IN ('red', 'purple', 'none')")
        #expect(inList.statistics.rowGroupsScanned == 2)
        let nothing = try lake.check("SELECT k FROM t WHERE word = 'magenta'")
        #expect(nothing.rows.isEmpty)
        #expect(nothing.statistics.rowGroupsScanned == 0)
        // Only the dictionary pages of the ruled-out row groups were read.
        #expect(nothing.statistics.pagesScanned == 0)
        var options = PruningOptions()
        options.dictionary = false
        let off = try lake.check("SELECT k FROM t WHERE word = 'blue'", pruning: options)
        #expect(off.statistics.rowGroupsScanned == 4)
    }

    @Test func bloomFiltersWrittenByPyarrow() throws {
        let lake = try PruningLake()
        try lake.python("""
            import sys, pyarrow as pa, pyarrow.parquet as pq
            keys = [(i * 7919 % 1000) * 4 + g for g in range(4) for i in range(250)]
            table = pa.table({
                "k": pa.array(keys, pa.int64()),
                "i32": pa.array(keys, pa.int32()),
                "s": pa.array([f"key-{k}" for k in keys]),
                "d": pa.array(keys, pa.float64()),
            })
            import os
            os.makedirs(sys.argv[1] + "/py")
            pq.write_table(table, sys.argv[1] + "/py/part-0.parquet", row_group_size=250, use_dictionary=False,
                           bloom_filter_options={"k": True, "i32": True, "s": True, "d": True})
            """)
        let key = Self.keys(rowGroup: 1)[40]
        for condition in ["k = \(key)", "i32 = \(key)", "s = 'key-\(key)'", "d = \(key).0", "i32 IN (\(key), 5000000000)"] {
            let run = try lake.check("SELECT k FROM py WHERE \(condition)")
            #expect(run.rows == [["\(key)"]], "\(condition)")
            #expect(run.scan[.rowGroupsPrunedByBloomFilter] == 3, "\(condition)")
        }
    }

    @Test func settingsTurnLayersOff() throws {
        let lake = try Self.lake(bloom: true, dictionary: true)
        let key = Self.keys(rowGroup: 2)[17]
        let both = try lake.run("SET pruning.bloom = false; SELECT k FROM t WHERE k = \(key)")
        #expect(both.scan[.rowGroupsPrunedByBloomFilter] == 0)
        #expect(both.scan[.rowGroupsPrunedByDictionary] == 3)
        let none = try lake.run("SET pruning = false; SELECT k FROM t WHERE k = \(key)")
        #expect(none.statistics.rowGroupsScanned == 4)
        let again = try lake.run("SET pruning = false; SET pruning.bloom = true; SELECT k FROM t WHERE k = \(key)")
        #expect(again.statistics.rowGroupsScanned == 1)
        #expect { try lake.run("SET pruning.bloom_filters = false; SELECT 1") } throws: { "\($0)".contains("unknown setting") }
    }
}
