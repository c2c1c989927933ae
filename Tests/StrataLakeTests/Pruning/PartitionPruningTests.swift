import StrataCore
import StrataFormats
import Testing
@testable import StrataLake

/// Partition pruning while listing, level by level: exact folders listed and kept, files seen, requests.
@Suite struct PartitionPruningTests {
    /// `plant.flowcam`: day=2024-03-01...06 / tpu=1...3 / reactor=1...2, one file of 10 rows per leaf.
    static func flowcam() throws -> PruningLake {
        let lake = try PruningLake()
        for day in 1...6 {
            for tpu in 1...3 {
                for reactor in 1...2 {
                    let base = Int64(day * 100 + tpu * 10 + reactor)
                    try lake.write(
                        "plant/flowcam/day=2024-03-0\(day)/tpu=\(tpu)/reactor=\(reactor)/part-0.parquet",
                        [("reading", .bigint, .series(10) { .integer(base * 1000 + Int64($0)) })])
                }
            }
        }
        return lake
    }

    @Test func listsOnlyTheFoldersThePredicateKeeps() throws {
        let lake = try Self.flowcam()
        let run = try lake.check("SELECT reading FROM plant.flowcam WHERE day = DATE '2024-03-02' AND tpu = 2")
        #expect(run.rows.count == 20)
        #expect(run.scan.levels.map(\.listed) == [6, 3, 2])
        #expect(run.scan.levels.map(\.kept) == [1, 1, 2])
        #expect(run.statistics.filesListed == 2)
        #expect(run.statistics.filesOpened == 2)
        // Listing: the day folder and the tpu folder (the table folder was listed when loading it), then
        // the two reactor folders.
        #expect(run.scan[.listRequests] == 4)
    }

    @Test func anyDeterministicExpressionOverPartitionColumns() throws {
        let lake = try Self.flowcam()
        let cases: [(String, [Int], [Int], Int)] = [
            ("EXTRACT(MONTH FROM day) = 3 AND reactor = 1", [6, 18, 36], [6, 18, 18], 18),
            ("CAST(tpu AS INTEGER) = 2", [6, 18, 12], [6, 6, 12], 12),
            ("CAST(tpu AS VARCHAR) = '3' AND day > DATE '2024-03-04'", [6, 6, 4], [2, 2, 4], 4),
            ("date_trunc('month', day) = DATE '2024-03-01' AND day_of_week(day) = 7", [6, 3, 6], [1, 3, 6], 6),
            ("day BETWEEN DATE '2024-03-02' AND DATE '2024-03-03'", [6, 6, 12], [2, 6, 12], 12),
            ("tpu IN (1, 3) AND NOT (reactor = 2)", [6, 18, 24], [6, 12, 12], 12),
            ("tpu = 1 OR reactor = 2", [6, 18, 36], [6, 18, 24], 24),
            ("CAST(day AS VARCHAR) LIKE '2024-03-0%' AND tpu IS NOT NULL", [6, 18, 36], [6, 18, 36], 36),
            ("tpu IS NULL", [6, 18, 0], [6, 0, 0], 0),
        ]
        for (condition, listed, kept, files) in cases {
            let run = try lake.check("SELECT day, tpu, reactor, reading FROM plant.flowcam WHERE \(condition)")
            #expect(run.scan.levels.map(\.listed) == listed, "\(condition)")
            #expect(run.scan.levels.map(\.kept) == kept, "\(condition)")
            #expect(run.statistics.filesListed == files, "\(condition)")
            #expect(run.rows.count == files * 10, "\(condition)")
        }
    }

    @Test func partitionPruningOffListsEverything() throws {
        let lake = try Self.flowcam()
        var options = PruningOptions()
        options.partition = false
        let run = try lake.check("SELECT count(*) FROM plant.flowcam WHERE day = DATE '2024-03-02' AND tpu = 2", pruning: options)
        #expect(run.rows == [["20"]])
        #expect(run.scan.levels.map(\.kept) == [6, 18, 36])
        #expect(run.statistics.filesListed == 36)
    }

    @Test func hiveEscapingNullsAndEmptyValues() throws {
        let lake = try PruningLake()
        let values = ["a%2Fb", "x%3Ay", "p%3Dq", "100%25", "sp ace", "naïve", "__HIVE_DEFAULT_PARTITION__", ""]
        for (index, folder) in values.enumerated() {
            try lake.write("t/k=\(folder)/part-0.parquet", [("v", .bigint, [.integer(Int64(index))])])
        }
        let cases: [(String, [[String?]])] = [
            ("k = 'a/b'", [["0"]]),
            ("k = 'x:y'", [["1"]]),
            ("k = 'p=q'", [["2"]]),
            ("k = '100%'", [["3"]]),
            ("k = 'sp ace'", [["4"]]),
            ("k = 'naïve'", [["5"]]),
            ("k IS NULL", [["6"], ["7"]]),
            ("k LIKE 'p%'", [["2"]]),
        ]
        for (condition, expected) in cases {
            let run = try lake.check("SELECT v FROM t WHERE \(condition) ORDER BY v", ordered: true)
            #expect(run.rows == expected, "\(condition)")
            #expect(run.statistics.filesListed == expected.count, "\(condition)")
            #expect(run.scan.levels == [PartitionListing.Level(key: "k", listed: 8, kept: expected.count)], "\(condition)")
        }
        let all = try lake.run("SELECT k, v FROM t ORDER BY v")
        #expect(all.rows.map { $0[0] } == ["a/b", "x:y", "p=q", "100%", "sp ace", "naïve", nil, nil])
    }

    @Test func typesAreInferredPerKey() throws {
        let lake = try PruningLake()
        for (n, s, d) in [("01", "1", "2024-01-01"), ("2", "x", "2024-01-02"), ("-3", "3", "2024-01-03")] {
            try lake.write("t/n=\(n)/s=\(s)/d=\(d)/part-0.parquet", [("v", .bigint, [.integer(1)])])
        }
        let described = try lake.run("DESCRIBE t").rows.map { [$0[0], $0[1]] }
        #expect(described == [["v", "bigint"], ["n", "bigint"], ["s", "varchar"], ["d", "date"]])
        let run = try lake.check("SELECT n, s FROM t WHERE n = 1")
        #expect(run.rows == [["1", "1"]])
    }

    @Test func aValueThatDoesNotParseIsAnErrorNamingTheFolder() throws {
        let lake = try PruningLake()
        // `b` is learned from the first and last `a` folders (integers); the middle one holds a word.
        for (a, b) in [("1", "1"), ("2", "x"), ("3", "3")] {
            try lake.write("t/a=\(a)/b=\(b)/part-0.parquet", [("v", .bigint, [.integer(1)])])
        }
        #expect(try lake.run("SELECT count(*) FROM t WHERE a = 3").rows == [["1"]])
        #expect {
            try lake.run("SELECT count(*) FROM t")
        } throws: { error in
            "\(error)".contains("a=2/b=x") && "\(error)".contains("is not a BIGINT")
        }
    }

    @Test func foldersThatAreNotKeyValueAreSkippedWithAWarning() throws {
        let lake = try Self.flowcam()
        try lake.write("plant/flowcam/day=2024-03-01/notes/part-0.parquet", [("reading", .bigint, [.integer(-1)])])
        try lake.write("plant/flowcam/day=2024-03-01/tpu=1/reactor=1/extra/part-0.parquet", [("reading", .bigint, [.integer(-2)])])
        try lake.touch("plant/flowcam/day=2024-03-01/_temporary/part-9.parquet")
        let run = try lake.check("SELECT count(*), min(reading) FROM plant.flowcam WHERE day = DATE '2024-03-01'")
        #expect(run.rows == [["60", "111000"]])
        #expect(run.statistics.warnings.count == 2)
        #expect(run.statistics.warnings.contains { $0.contains("day=2024-03-01/notes/") && $0.contains("not a tpu=value folder") })
        #expect(run.statistics.warnings.contains { $0.contains("reactor=1/extra/") })
    }

    @Test func joinKeysPruneTheProbeSidesPartitions() throws {
        let lake = try PruningLake()
        for day in 1...30 {
            try lake.write("facts/day=\(day)/part-0.parquet", [("amount", .bigint, .series(5) { .integer(Int64(day * 10 + $0)) })])
        }
        try lake.write(
            "dims/part-0.parquet",
            [("day", .bigint, .series(30) { .integer(Int64($0 + 1)) }),
             ("label", .varchar, .series(30) { .varchar($0 == 6 || $0 == 19 ? "holiday" : "workday") })])
        let sql = "SELECT f.day, sum(f.amount) FROM facts f JOIN dims d ON f.day = d.day WHERE d.label = 'holiday' GROUP BY f.day"
        let run = try lake.check(sql)
        #expect(run.rows.sorted { $0[0]! < $1[0]! } == [["20", "1010"], ["7", "360"]])
        let facts = try #require(run.scans.first { $0.table == "facts" })
        #expect(facts.levels == [PartitionListing.Level(key: "day", listed: 30, kept: 2)])
        #expect(facts[.filesOpened] == 2)
        // A LEFT join keeps every fact: no pruning.
        let left = try lake.check("SELECT count(*) FROM facts f LEFT JOIN dims d ON f.day = d.day AND d.label = 'holiday'")
        #expect(left.rows == [["150"]])
        #expect(left.scans.first { $0.table == "facts" }?.levels.first?.kept == 30)
    }

    @Test func explainShowsTheDryRun() throws {
        let lake = try Self.flowcam()
        let text = try lake.explain("EXPLAIN SELECT reading FROM plant.flowcam WHERE day = DATE '2024-03-02' AND tpu = 2 AND reading > 5")
        #expect(text.contains("partitions   day 1 of 6 → tpu 1 of 3 → reactor 2 of 2"))
        #expect(text.contains("files        2 of 2 listed"))
        #expect(text.contains("day = DATE '2024-03-02' (partition, rows)"))
        #expect(text.contains("reading > 5 (statistics, page index, rows)"))
        let analyzed = try lake.explain("EXPLAIN ANALYZE SELECT reading FROM plant.flowcam WHERE day = DATE '2024-03-02' AND tpu = 2")
        #expect(analyzed.contains("partitions   day 1 of 6 → tpu 1 of 3 → reactor 2 of 2   [listing"))
        #expect(analyzed.contains("files        2 listed → 2 opened → 2 scanned"))
        #expect(analyzed.contains("rows         20 scanned → 20 returned"))
        #expect(analyzed.contains("Athena cost"))
    }
}
