import Testing
@testable import StrataCore

@Suite struct ColumnTests {
    @Test func builderRoundTripsEveryType() {
        let cases: [(DataType, [Value])] = [
            (.boolean, [.boolean(true), .null, .boolean(false)]),
            (.tinyint, [.integer(-128), .integer(127), .null]),
            (.smallint, [.integer(-32768), .null]),
            (.integer, [.integer(7), .null, .integer(-7)]),
            (.bigint, [.integer(.max), .integer(.min)]),
            (.real, [.real(1.5), .null]),
            (.double, [.double(-0.25), .null]),
            (.decimal(precision: 38, scale: 4), [.decimal(Int128.max / 2), .null]),
            (.varchar, [.varchar("héllo"), .null, .varchar("")]),
            (.varbinary, [.varbinary([0, 1, 2]), .null]),
            (.date, [.date(19_000), .null]),
            (.time, [.time(1), .null]),
            (.timestamp, [.timestamp(-5), .null]),
            (.interval, [.interval(Interval(months: 1, days: 2, microseconds: 3)), .null]),
        ]
        for (type, values) in cases {
            let column = Column.build(type, values)
            #expect(column.count == values.count)
            #expect(column.values == values, "\(type)")
            #expect(column.nullCount == values.filter(\.isNull).count)
        }
    }

    @Test func manyNullsGrowTheBitmap() {
        var builder = ColumnBuilder(type: .bigint)
        for row in 0..<5000 {
            if row % 3 == 0 { builder.appendNull() } else { builder.append(.integer(Int64(row))) }
        }
        let column = builder.finish()
        #expect(column.nullCount == 1667)
        #expect(column.value(at: 4999) == .integer(4999))
        #expect(column.value(at: 4998) == .null)
    }

    @Test func constantAndDictionaryColumns() {
        let constant = Column.constant(.varchar("x"), .varchar, count: 3)
        #expect(constant.values == [.varchar("x"), .varchar("x"), .varchar("x")])
        #expect(Column.nulls(.bigint, count: 2).nullCount == 2)

        let dictionary = Column.build(.varchar, [.varchar("a"), .varchar("b")])
        let validity = Bitmap(count: 3, allSet: true)
        validity.clear(1)
        let column = Column(
            type: .varchar, count: 3, validity: validity,
            storage: .dictionary(indices: Buffer([Int32(1), 0, 0]), dictionary: dictionary))
        #expect(column.values == [.varchar("b"), .null, .varchar("a")])
        #expect(column.flattened().values == column.values)
    }

    @Test func bitmapCounts() {
        let bitmap = Bitmap(count: 130, allSet: true)
        bitmap.clear(0)
        bitmap.clear(64)
        bitmap.clear(129)
        #expect(bitmap.setCount == 127)
        #expect(bitmap.clearCount == 3)
    }
}

@Suite struct ColumnGatherTests {
    @Test func gatherEveryStorage() {
        let strings = Column.build(.varchar, [.varchar("a"), .null, .varchar("ccc")])
        #expect(strings.gather([2, -1, 0, 1]).values == [.varchar("ccc"), .null, .varchar("a"), .null])
        let numbers = Column.build(.bigint, [.integer(1), .integer(2)])
        #expect(numbers.gather([1, 1, -1]).values == [.integer(2), .integer(2), .null])
        #expect(numbers.gather([1, 0]).validity == nil)
        let decimals = Column.build(.decimal(precision: 30, scale: 2), [.decimal(5), .decimal(-7)])
        #expect(decimals.gather([1]).values == [.decimal(-7)])
        let constant = Column.constant(.integer(9), .bigint, count: 5)
        #expect(constant.gather([0, -1, 4]).values == [.integer(9), .null, .integer(9)])
        let dictionary = Column(
            type: .varchar, count: 3, validity: nil,
            storage: .dictionary(indices: Buffer([Int32(1), 0, 1]), dictionary: Column.build(.varchar, [.varchar("x"), .varchar("y")])))
        #expect(dictionary.gather([2, -1]).values == [.varchar("y"), .null])
    }

    @Test func concatenateMixedStorage() {
        let parts = [
            Column.build(.varchar, [.varchar("a"), .null]),
            Column.constant(.varchar("k"), .varchar, count: 2),
            Column.build(.varchar, [.varchar("zz")]).gather([0, -1]),
        ]
        let whole = Column.concatenate(parts, type: .varchar)
        #expect(whole.values == [.varchar("a"), .null, .varchar("k"), .varchar("k"), .varchar("zz"), .null])
        let numbers = Column.concatenate([Column.build(.integer, [.integer(1)]), Column.nulls(.integer, count: 2)], type: .integer)
        #expect(numbers.values == [.integer(1), .null, .null])
    }
}
