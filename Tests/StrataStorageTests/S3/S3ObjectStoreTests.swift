// Round trips through an S3-compatible server (moto): what is written reads back, whole, ranged and by
// suffix; listings roll up prefixes and page past 1000 keys; copies, deletes and multipart uploads.
import Testing
import StrataTestSupport
@testable import StrataStorage

@Suite(.enabled(if: MotoServer.isAvailable, "moto is not installed: pip install 'moto[server]'"))
struct S3ObjectStoreTests {
    /// Puts many small objects at once (tests only: the store writes one object per call).
    private func putAll(_ store: S3ObjectStore, _ keys: [String]) throws {
        _ = try store.client.send(
            keys.map {
                S3Client.Operation(method: .put, key: store.objectKey($0), body: Array($0.utf8), action: "write", location: $0)
            })
    }

    @Test func writesReadsAndHeads() throws {
        let store = try S3TestStores.make()
        let bytes = S3TestStores.pattern(100_000)
        try store.write("silver/events/date=2024-01-01/part-0.parquet", bytes: bytes)
        #expect(try store.read("silver/events/date=2024-01-01/part-0.parquet", range: nil) == bytes)
        #expect(try store.read("silver/events/date=2024-01-01/part-0.parquet", range: 10..<20) == Array(bytes[10..<20]))
        #expect(try store.read("silver/events/date=2024-01-01/part-0.parquet", range: 5..<5) == [])
        let suffix = try store.readSuffix("silver/events/date=2024-01-01/part-0.parquet", length: 8)
        #expect(suffix.bytes == Array(bytes.suffix(8)))
        #expect(suffix.objectSize == 100_000)
        let info = try store.head("silver/events/date=2024-01-01/part-0.parquet")
        #expect(info.size == 100_000)
        #expect(info.etag != nil && !(info.etag!.hasPrefix("\"")))
        #expect(info.lastModified != nil)
        #expect(try store.exists("silver/events/date=2024-01-01/part-0.parquet"))
        #expect(try !store.exists("silver/events/date=2024-01-01/part-1.parquet"))
        #expect(store.location(of: "a/b") == "s3://\(store.bucket)/lake/a/b")
        #expect(store.rootDescription == "s3://\(store.bucket)/lake")
    }

    @Test func suffixesOfShortAndEmptyObjects() throws {
        let store = try S3TestStores.make()
        try store.write("short.bin", bytes: [1, 2, 3])
        try store.write("empty.bin", bytes: [])
        try store.write("long.bin", bytes: S3TestStores.pattern(5000))
        let suffixes = try store.readSuffixes(["short.bin", "empty.bin", "long.bin"], length: 100)
        #expect(suffixes.map(\.bytes) == [[1, 2, 3], [], Array(S3TestStores.pattern(5000).suffix(100))])
        #expect(suffixes.map(\.objectSize) == [3, 0, 5000])
        #expect(try store.read("empty.bin", range: nil) == [])
        #expect(try store.readSuffix("long.bin", length: 0).objectSize == 5000)
    }

    @Test func listsWithDelimiterInKeyOrder() throws {
        let store = try S3TestStores.make()
        try putAll(store, [
            "silver/events/date=2024-01-02/part-0.parquet", "silver/events/date=2024-01-01/part-0.parquet",
            "silver/events/date=2024-01-01/part-1.parquet", "silver/users/part-0.parquet", "gold/x.parquet",
        ])
        // A console-made folder marker is not a file, and keys outside the root are not listed.
        _ = try store.client.send(
            S3Client.Operation(method: .put, key: "lake/silver/events/", action: "write", location: "marker"))
        _ = try store.client.send(
            S3Client.Operation(method: .put, key: "lakehouse/other.parquet", body: [1], action: "write", location: "outside"))

        let top = try store.list(prefix: "", delimiter: "/")
        #expect(top.commonPrefixes == ["gold/", "silver/"])
        #expect(top.objects.isEmpty)
        let silver = try store.list(prefix: "silver/", delimiter: "/")
        #expect(silver.commonPrefixes == ["silver/events/", "silver/users/"])
        let partitions = try store.list(prefix: "silver/events/date=2024-01-0", delimiter: "/")
        #expect(partitions.commonPrefixes == ["silver/events/date=2024-01-01/", "silver/events/date=2024-01-02/"])
        let events = try store.list(prefix: "silver/events/", delimiter: nil)
        #expect(events.objects.map(\.key) == [
            "silver/events/date=2024-01-01/part-0.parquet", "silver/events/date=2024-01-01/part-1.parquet",
            "silver/events/date=2024-01-02/part-0.parquet",
        ])
        #expect(events.objects.map(\.size) == events.objects.map { $0.key.utf8.count })
        #expect(events.objects.allSatisfy { $0.lastModified != nil && $0.etag != nil })

        let levels = try store.list(
            prefixes: ["silver/events/date=2024-01-01/", "silver/users/", "missing/", "silver/events/date=2024-01-02/"],
            delimiter: "/")
        #expect(levels.map { $0.objects.map(\.name) } == [
            ["part-0.parquet", "part-1.parquet"], ["part-0.parquet"], [], ["part-0.parquet"],
        ])
    }

    @Test func listsPastOneThousandKeys() throws {
        let store = try S3TestStores.make()
        let keys = (0..<1_150).map { "t/date=2024-01-\($0 % 3 + 1)/part-\(String($0 + 10_000)).parquet" }
        try putAll(store, keys)
        let before = store.statistics.requests
        let listing = try store.list(prefix: "t/", delimiter: nil)
        #expect(listing.objects.count == 1_150)
        #expect(listing.objects.map(\.key) == keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(store.statistics.requests - before == 2)
    }

    @Test func pagesCarryPrefixesAcrossPages() throws {
        let store = try S3TestStores.make { $0.listPageSize = 7 }
        let keys = (0..<12).flatMap { day in (0..<2).map { "t/day=\(100 + day)/f\($0).parquet" } } + ["t/top.parquet"]
        try putAll(store, keys)
        let before = store.statistics.requests
        let listing = try store.list(prefix: "t/", delimiter: "/")
        #expect(listing.commonPrefixes == (0..<12).map { "t/day=\(100 + $0)/" })
        #expect(listing.objects.map(\.key) == ["t/top.parquet"])
        #expect(store.statistics.requests - before == 2)
        let all = try store.list(prefixes: ["t/day=100/", "t/"], delimiter: nil)
        #expect(all[0].objects.count == 2)
        #expect(all[1].objects.count == 25)
    }

    @Test func batchReadsCoalesceNearbyRanges() throws {
        let store = try S3TestStores.make {
            $0.coalesceGapBytes = 1_000
            $0.maxRangeBytes = 40_000
        }
        let a = S3TestStores.pattern(200_000, seed: 1)
        let b = S3TestStores.pattern(50_000, seed: 2)
        try store.write("a.parquet", bytes: a)
        try store.write("b.parquet", bytes: b)
        let reads = [
            RangeRead(key: "a.parquet", range: 100..<200), RangeRead(key: "b.parquet", range: 0..<10),
            RangeRead(key: "a.parquet", range: 150..<900),  // overlaps the first
            RangeRead(key: "a.parquet", range: 1_500..<1_600),  // within the gap: same request
            RangeRead(key: "a.parquet", range: 50_000..<150_000),  // far: its own span, split in 3 pieces
            RangeRead(key: "b.parquet", range: 40_000..<50_000), RangeRead(key: "a.parquet", range: 7..<7),
        ]
        let before = store.statistics.snapshot()
        let results = try store.read(reads)
        for (read, bytes) in zip(reads, results) {
            let source = read.key == "a.parquet" ? a : b
            #expect(bytes == Array(source[read.range]), "\(read)")
        }
        let used = store.statistics.snapshot() - before
        #expect(used.requests == 1 + 3 + 1 + 1)
        #expect(used.bytesRead == 1_500 + 100_000 + 10 + 10_000)
    }

    @Test func readsPastTheEndFailLikeLocalFiles() throws {
        let store = try S3TestStores.make()
        try store.write("x.bin", bytes: S3TestStores.pattern(1_000))
        for range in [990..<1_010, 2_000..<2_010, 1_000..<1_001] {
            do {
                _ = try store.read("x.bin", range: range)
                Issue.record("reading \(range) of a 1000-byte object must fail")
            } catch {
                #expect(error.code == .invalidArgument)
                #expect(error.location == "s3://\(store.bucket)/lake/x.bin")
                #expect(error.description.contains("\(range.lowerBound)..<\(range.upperBound) is past the end"))
            }
        }
    }

    @Test func missingObjectsAndBucketsAreNamed() throws {
        let store = try S3TestStores.make()
        do {
            _ = try store.read("missing/part-0.parquet", range: 0..<10)
            Issue.record("must fail")
        } catch {
            #expect(error.code == .notFound)
            #expect(error.location == "s3://\(store.bucket)/lake/missing/part-0.parquet")
            #expect(error.httpStatus == 404)
            #expect(error.serviceCode == "NoSuchKey")
            #expect(error.description.contains("HTTP 404, NoSuchKey"))
        }
        do {
            _ = try store.head("missing")
            Issue.record("must fail")
        } catch {
            #expect(error.code == .notFound)
            #expect(error.description.contains("no such object"))
        }
        let moto = try MotoServer.shared()
        let nowhere = S3ObjectStore(
            bucket: "strata-no-such-bucket", prefix: "lake", configuration: try S3TestStores.configuration(endpoint: moto.endpoint))
        do {
            _ = try nowhere.list(prefix: "", delimiter: "/")
            Issue.record("must fail")
        } catch {
            #expect(error.code == .notFound)
            #expect(error.serviceCode == "NoSuchBucket")
            #expect(error.location == "s3://strata-no-such-bucket")
        }
    }

    @Test func unusualKeysRoundTrip() throws {
        let store = try S3TestStores.make(prefix: "the lake/ünï")
        let keys = [
            "silver/ünïcødé/日本語 file.parquet", "t/city=S%C3%A3o Paulo/ts=2024-01-01 00%3A00%3A00+01%3A00/p.parquet",
            "t/a&b<c>'d\"/e.parquet", "t/tilde~star*paren(1)/f.parquet", "t/./x/../y.parquet", "t//double.parquet",
        ]
        for (index, key) in keys.enumerated() {
            try store.write(key, bytes: [UInt8(index)])
        }
        for (index, key) in keys.enumerated() {
            #expect(try store.read(key, range: nil) == [UInt8(index)], "\(key)")
        }
        let listed = try store.list(prefix: "", delimiter: nil).objects.map(\.key)
        #expect(Set(listed) == Set(keys))
        try store.copy(from: keys[0], to: "copies/" + keys[0])
        #expect(try store.read("copies/" + keys[0], range: nil) == [0])
        try store.delete(keys)
        #expect(try store.list(prefix: "", delimiter: nil).objects.map(\.key) == ["copies/" + keys[0]])
    }

    @Test func copiesAndDeletesInBatches() throws {
        let store = try S3TestStores.make()
        try store.write("src.parquet", bytes: [9, 8, 7])
        try store.copy(from: "src.parquet", to: "dst/copy.parquet")
        #expect(try store.read("dst/copy.parquet", range: nil) == [9, 8, 7])
        do {
            try store.copy(from: "nope.parquet", to: "dst/x.parquet")
            Issue.record("copying a missing object must fail")
        } catch {
            #expect(error.code == .notFound)
            #expect(error.description.contains("nope.parquet"))
        }

        let keys = (0..<1_005).map { "many/k\($0)" }
        try putAll(store, keys)
        let before = store.statistics.requests
        try store.delete(keys + ["never/was"])
        #expect(store.statistics.requests - before == 2)
        #expect(try store.list(prefix: "many/", delimiter: nil).objects.isEmpty)
        try store.delete([])
    }

    @Test func largeWritesUseMultipartUploads() throws {
        let store = try S3TestStores.make { $0.multipartPartSize = 5 << 20 }
        let bytes = S3TestStores.pattern(12 << 20, seed: 3)
        let writer = try store.makeWriter("big/part-0.parquet")
        // Odd chunk sizes, so parts never line up with writes.
        var offset = 0
        var chunk = 1
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            try writer.write(bytes: Array(bytes[offset..<end]))
            offset = end
            chunk = chunk * 3 + 7
        }
        #expect(try !store.exists("big/part-0.parquet"))
        let before = store.statistics.snapshot()
        try writer.finish()
        let used = store.statistics.snapshot() - before
        #expect(used.requests >= 2)  // the last part and the completion at least
        #expect(try store.head("big/part-0.parquet").etag?.hasSuffix("-3") == true)
        #expect(try store.read("big/part-0.parquet", range: nil) == bytes)
        #expect(try store.multipartUploads(prefix: "big/").isEmpty)

        // Exactly one part's worth still goes as a single PUT; a larger `write` goes multipart.
        let single = try store.makeWriter("big/one.parquet")
        try single.write(bytes: Array(bytes[0..<(5 << 20)]))
        try single.finish()
        #expect(try store.head("big/one.parquet").etag?.contains("-") == false)
        try store.write("big/two.parquet", bytes: Array(bytes[0..<(6 << 20)]))
        #expect(try store.head("big/two.parquet").etag?.hasSuffix("-2") == true)
        #expect(try store.read("big/two.parquet", range: (6 << 20) - 10..<(6 << 20)) == Array(bytes[(6 << 20) - 10..<(6 << 20)]))
    }

    @Test func abortedAndDroppedWritersLeaveNothing() throws {
        let store = try S3TestStores.make { $0.multipartPartSize = 5 << 20 }
        let bytes = S3TestStores.pattern(11 << 20)
        let writer = try store.makeWriter("t/aborted.parquet")
        try writer.write(bytes: bytes)
        #expect(try store.multipartUploads(prefix: "t/").count == 1)
        writer.abort()
        #expect(try store.multipartUploads(prefix: "t/").isEmpty)
        #expect(try !store.exists("t/aborted.parquet"))
        #expect(throws: StorageError.self) { try writer.write(bytes: [1]) }

        do {
            let dropped = try store.makeWriter("t/dropped.parquet")
            try dropped.write(bytes: bytes)
            #expect(try store.multipartUploads(prefix: "t/").count == 1)
        }
        #expect(try store.multipartUploads(prefix: "t/").isEmpty)
        #expect(try !store.exists("t/dropped.parquet"))
    }

    @Test func storeComesFromTheEnvironment() throws {
        let moto = try MotoServer.shared()
        let bucket = S3TestStores.uniqueBucket()
        let environment = [
            "AWS_ACCESS_KEY_ID": S3TestStores.accessKeyID, "AWS_SECRET_ACCESS_KEY": S3TestStores.secretAccessKey,
            "AWS_ENDPOINT_URL": moto.endpoint, "AWS_REGION": "us-east-1", "HOME": "/nonexistent",
        ]
        let location = try StorageLocation(parsing: "s3://\(bucket)/my/lake/", workingDirectory: "/")
        let store = try location.makeStore(environment: environment)
        let s3 = try #require(store as? S3ObjectStore)
        #expect(s3.prefix == "my/lake")
        #expect(s3.configuration.endpoint?.port == moto.port)
        try s3.createBucket()
        try store.write("silver/t/part-0.parquet", bytes: [42])
        #expect(try store.read("silver/t/part-0.parquet", range: nil) == [42])
        #expect(store.rootDescription == "s3://\(bucket)/my/lake")
    }
}
