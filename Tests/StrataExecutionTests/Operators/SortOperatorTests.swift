import StrataCore
import StrataPlanner
import Testing

@testable import StrataExecution

@Suite struct SortOperatorTests {
    let table = TestTable.generate(
        "t",
        [
            ("k1", .varchar), ("k2", .integer), ("d", .double), ("dec", .decimal(precision: 20, scale: 3)),
            ("dt", .date), ("ts", .timestamp), ("id", .bigint), ("b", .boolean),
        ], count: 2500, seed: 11
    ) { row, column, random in
        switch column {
        // Shared long prefixes force the full-string tie-break; "" and embedded zero bytes test padding.
        case 0:
            return random.chance(0.08)
                ? .null : .varchar(["common-prefix-\(random.int(0...9))", "common-prefix-", "", "z", "comm", "b\u{0}x", "b"][random.int(0...6)])
        case 1: return random.chance(0.08) ? .null : .integer(Int64(random.int(-50...50)))
        case 2: return random.chance(0.08) ? .null : .double([-0.0, 0.0, 1.5, -1e300, 1e-300, 3.25][random.int(0...5)] * Double(random.int(1...3)))
        case 3: return random.chance(0.08) ? .null : .decimal(Int128(random.int(-1_000_000...1_000_000)) * 1_000_000_000_000)
        case 4: return random.chance(0.08) ? .null : .date(Int32(random.int(-1000...1000)))
        case 5: return random.chance(0.08) ? .null : .timestamp(Int64(random.int(-1_000_000...1_000_000)) * 3_600_000_000)
        case 6: return .integer(Int64(row))
        default: return random.chance(0.1) ? .null : .boolean(random.chance(0.5))
        }
    }

    func col(_ name: String) -> BoundExpression { Fixtures.column(table, name) }

    /// Orders under test: our keys and the DuckDB ORDER BY, plus the key columns to compare.
    var orders: [([SortKey], String, [String])] {
        [
            ([SortKey(col("k1")), SortKey(col("k2"), ascending: false, nullsFirst: true)],
             "k1 ASC NULLS LAST, k2 DESC NULLS FIRST", ["k1", "k2"]),
            ([SortKey(col("d"), ascending: false)], "d DESC NULLS LAST", ["d"]),
            ([SortKey(col("dec"), nullsFirst: true), SortKey(col("ts"), ascending: false)],
             "dec ASC NULLS FIRST, ts DESC NULLS LAST", ["dec", "ts"]),
            ([SortKey(col("id"), ascending: false)], "id DESC", ["id"]),
            ([SortKey(col("k2"))], "k2 ASC NULLS LAST", ["k2"]),
            ([SortKey(col("b"), nullsFirst: true), SortKey(col("dt"), ascending: false), SortKey(col("k1"), ascending: false)],
             "b ASC NULLS FIRST, dt DESC NULLS LAST, k1 DESC NULLS LAST", ["b", "dt", "k1"]),
            ([SortKey(.arithmetic(.modulo, col("id"), .literal(.integer(7), .bigint), .bigint), ascending: false), SortKey(col("k1"))],
             "id % 7 DESC, k1", ["id"]),
        ]
    }

    func project(_ rows: [[ResultCell]], _ names: [String]) -> [[ResultCell]] {
        let positions = names.map { name in table.columns.firstIndex { $0.name == name }! }
        return rows.map { row in positions.map { row[$0] } }
    }

    @Test func sortMatchesDuckDBAndIsStable() throws {
        let orders = self.orders
        let expected = try DuckDBOracle.query(
            orders.map { "SELECT \($0.2.joined(separator: ", ")) FROM t ORDER BY \($0.1)" }
                + orders.map { "SELECT \($0.2.joined(separator: ", ")) FROM t ORDER BY \($0.1) LIMIT 37 OFFSET 5" },
            tables: [table])
        for (index, (keys, sql, names)) in orders.enumerated() {
            let sort = SortOperator(child: try table.source(batchSize: 300), keys: keys, context: Fixtures.context())
            let rows = Results.rows(try sort.drain(), types: sort.outputTypes)
            // The remainder key above compares id % 7 only, so compare that and leave id to the stability check.
            let actual = index == 6 ? rows.map { [ResultCell.integer(($0[6].numeric.map { Int64($0) } ?? 0) % 7)] } : project(rows, names)
            let wanted = index == 6 ? expected[index].map { [ResultCell.integer(($0[0].numeric.map { Int64($0) } ?? 0) % 7)] } : expected[index]
            let difference = Results.difference(actual, wanted, ordered: true)
            #expect(difference == nil, "ORDER BY \(sql): \(difference ?? "")")
            // Stable: rows with equal keys keep their input order (ids ascending).
            var previousKey: [String]? = nil
            var previousID: Int64 = -1
            for row in rows {
                let key = keys.enumerated().map { index, key -> String in
                    if case .column(let position, _) = key.expression { return row[position].description }
                    return "\((row[6].numeric.map { Int64($0) } ?? 0) % 7)"
                }
                guard case .integer(let id) = row[6] else { continue }
                if key == previousKey { #expect(id > previousID, "ORDER BY \(sql) is not stable") }
                previousKey = key
                previousID = id
            }

            let topN = try TopNOperator(
                child: try table.source(batchSize: 64), keys: keys, limit: 37, offset: 5, context: Fixtures.context(batchSize: 16))
            let topRows = Results.rows(try topN.drain(), types: topN.outputTypes)
            let topActual = index == 6 ? topRows.map { [ResultCell.integer(($0[6].numeric.map { Int64($0) } ?? 0) % 7)] } : project(topRows, names)
            let topWanted = index == 6 ? expected[index + orders.count].map { [ResultCell.integer(($0[0].numeric.map { Int64($0) } ?? 0) % 7)] } : expected[index + orders.count]
            let topDifference = Results.difference(topActual, topWanted, ordered: true)
            #expect(topDifference == nil, "top-N \(sql): \(topDifference ?? "")")
            // Top-N returns exactly the rows a full sort puts at positions 5..<42.
            #expect(topRows.map { $0[6].description } == rows[5..<42].map { $0[6].description }, "top-N \(sql) picks other rows than the sort")
        }
    }

    @Test func emptyInputAndZeroLimit() throws {
        let sort = SortOperator(
            child: try BatchSourceOperator(types: table.types, batches: []), keys: [SortKey(col("k1"))], context: Fixtures.context())
        #expect(try sort.drain().isEmpty)
        let topN = try TopNOperator(child: try table.source(), keys: [SortKey(col("k1"))], limit: 0, context: Fixtures.context())
        #expect(try topN.drain().reduce(0) { $0 + $1.count } == 0)
        // No keys: every row, in input order.
        let unsorted = SortOperator(child: try table.source(), keys: [], context: Fixtures.context())
        let ids = Results.rows(try unsorted.drain(), types: table.types).map { $0[6].description }
        #expect(ids == table.rows.map { ResultCell($0[6], type: .bigint).description })
    }
    /// A context whose memory budget holds only a few batches of the test table, so sorting must spill.
    func tightContext(limit: Int = 24_000) -> ExecutionContext {
        ExecutionContext(batchSize: 256, parallelism: 2, statementTimestamp: 0, memory: MemoryBudget(limit: limit))
    }

    @Test(arguments: [300, 16])
    func aSortThatSpillsGivesTheRowsOfTheSortInMemory(sourceBatch: Int) throws {
        // With 16-row batches the runs outnumber what one merge takes, so runs are first merged into runs.
        for (keys, sql, _) in orders {
            // The same batches (a fixture's storage depends on the batch size: its dictionaries fold -0.0 into 0.0).
            let inMemory = SortOperator(child: try table.source(batchSize: sourceBatch), keys: keys, context: Fixtures.context())
            let expected = Results.rows(try inMemory.drain(), types: inMemory.outputTypes)
            let context = tightContext(limit: sourceBatch == 16 ? 3_000 : 24_000)
            let sort = SortOperator(child: try table.source(batchSize: sourceBatch), keys: keys, context: context)
            let rows = Results.rows(try sort.drain(), types: sort.outputTypes).map { $0.map(\.description) }
            #expect(sort.spilledRuns > (sourceBatch == 16 ? SortOperator.mergeWidth : 2), "ORDER BY \(sql)")
            // The same rows in the same order, ties included: the merge is as stable as the sort.
            let wanted = expected.map { $0.map(\.description) }
            #expect(rows.count == wanted.count)
            if let first = rows.indices.first(where: { $0 < wanted.count && rows[$0] != wanted[$0] }) {
                Issue.record("ORDER BY \(sql): row \(first) is \(rows[first]), expected \(wanted[first])")
            }
            sort.close()
            #expect(context.memory.heldBytes == 0)
        }
    }

    @Test func theMemoryLimitStopsWhatCannotSpill() throws {
        let context = tightContext(limit: 4_000)
        let topN = try TopNOperator(child: try table.source(batchSize: 64), keys: [SortKey(col("k1"))], limit: 2000, context: context)
        let error = try #require(throws: ExecutionError.self) { try topN.drain() }
        #expect(error.code == .resourceExhausted)
        #expect(error.message.hasPrefix("out of memory: ORDER BY ... LIMIT needs "))
        #expect(error.message.contains("over the memory_limit of 4.0 KB; ORDER BY ... LIMIT keeps LIMIT + OFFSET rows"))
    }
}
