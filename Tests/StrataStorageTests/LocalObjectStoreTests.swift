import Testing
import StrataTestSupport
@testable import StrataStorage

@Suite struct LocalObjectStoreTests {
    @Test func writesListsReadsAndDeletes() throws {
        let folder = try TemporaryDirectory()
        let store = LocalObjectStore(root: folder.path)
        try store.write("silver/events/date=2024-01-01/part-0.parquet", bytes: Array("hello".utf8))
        try store.write("silver/events/date=2024-01-02/part-0.parquet", bytes: Array("world!".utf8))
        try store.write("silver/users/part-0.parquet", bytes: [1, 2, 3])

        let top = try store.list(prefix: "silver/", delimiter: "/")
        #expect(top.commonPrefixes == ["silver/events/", "silver/users/"])
        #expect(top.objects.isEmpty)

        let partitions = try store.list(prefix: "silver/events/date=2024-01-0", delimiter: "/")
        #expect(partitions.commonPrefixes == ["silver/events/date=2024-01-01/", "silver/events/date=2024-01-02/"])

        let everything = try store.list(prefix: "silver/", delimiter: nil)
        #expect(everything.objects.map(\.key) == [
            "silver/events/date=2024-01-01/part-0.parquet", "silver/events/date=2024-01-02/part-0.parquet",
            "silver/users/part-0.parquet",
        ])
        #expect(everything.objects.map(\.size) == [5, 6, 3])

        #expect(try store.read("silver/events/date=2024-01-02/part-0.parquet", range: 1..<3) == Array("or".utf8))
        let suffix = try store.readSuffix("silver/events/date=2024-01-02/part-0.parquet", length: 2)
        #expect(suffix.bytes == Array("d!".utf8))
        #expect(suffix.objectSize == 6)
        let batch = try store.read([
            RangeRead(key: "silver/users/part-0.parquet", range: 0..<1),
            RangeRead(key: "silver/events/date=2024-01-01/part-0.parquet", range: 4..<5),
        ])
        #expect(batch == [[1], Array("o".utf8)])

        try store.delete(["silver/events/date=2024-01-01/part-0.parquet", "missing/key"])
        let after = try store.list(prefix: "silver/events/", delimiter: "/")
        #expect(after.commonPrefixes == ["silver/events/date=2024-01-02/"])
        #expect(try store.exists("silver/users/part-0.parquet"))
        #expect(try !store.exists("silver/users/part-1.parquet"))
    }

    @Test func errorsNameTheObject() throws {
        let folder = try TemporaryDirectory()
        let store = LocalObjectStore(root: folder.path)
        try store.write("a.bin", bytes: [1, 2, 3])
        #expect(throws: StorageError.self) { try store.read("missing.bin", range: nil) }
        do {
            _ = try store.read("a.bin", range: 2..<10)
            Issue.record("a range past the end must fail")
        } catch {
            #expect(error.location == folder.path + "/a.bin")
            #expect(error.description.contains("past the end"))
        }
        do {
            _ = try store.head("nope")
            Issue.record("head of a missing object must fail")
        } catch {
            #expect(error.code == .notFound)
        }
    }

    @Test func unfinishedWritersLeaveNothing() throws {
        let folder = try TemporaryDirectory()
        let store = LocalObjectStore(root: folder.path)
        let writer = try store.makeWriter("t/x.parquet")
        try [UInt8](repeating: 7, count: 100).withUnsafeBytes { try writer.write($0) }
        #expect(try store.list(prefix: "t/", delimiter: "/").objects.filter { !$0.name.hasPrefix(".") }.isEmpty)
        writer.abort()
        #expect(try store.list(prefix: "t/", delimiter: nil).objects.isEmpty)

        let second = try store.makeWriter("t/y.parquet")
        try [UInt8](repeating: 9, count: 10).withUnsafeBytes { try second.write($0) }
        try second.finish()
        #expect(try store.read("t/y.parquet", range: nil) == [UInt8](repeating: 9, count: 10))
    }

    @Test func keysThatWouldLeaveTheRootAreRefused() throws {
        let folder = try TemporaryDirectory()
        let lake = folder.file("lake")
        let store = LocalObjectStore(root: lake)
        try store.write("t/inside.parquet", bytes: [1])
        try LocalObjectStore(root: folder.path).write("outside.parquet", bytes: [7])
        for key in ["../outside.parquet", "t/../../outside.parquet", "/etc/x", "t//x", "t/./x", "t/x\0y", "t/", ""] {
            #expect(throws: StorageError.self, "write \(key)") { try store.write(key, bytes: [1]) }
        }
        for key in ["../outside.parquet", "t/../../outside.parquet", "t/./inside.parquet"] {
            #expect(throws: StorageError.self, "delete \(key)") { try store.delete([key]) }
        }
        #expect(try LocalObjectStore(root: folder.path).read("outside.parquet", range: nil) == [7])
        #expect(try store.read("t/inside.parquet", range: nil) == [1])
        #expect(ObjectKey.isContained("silver/events/event_date=2024-01-01/"))
        #expect(ObjectKey.isContained("t/k=..%2F/x.parquet"))
        #expect(!ObjectKey.isContained("t/../x"))
        // A `/` followed by a combining mark is still a separator (as a Character it is not).
        #expect(!ObjectKey.isContained("../\u{301}x"))
        #expect(!ObjectKey.isContained("t/\u{301}/../../x"))
        #expect(ObjectKey.segments("a/\u{301}b//c") == ["a", "\u{301}b", "c"])
        #expect(ObjectKey.segments("a/\u{301}b//c", omittingEmpty: false) == ["a", "\u{301}b", "", "c"])
    }

    @Test func locationsParse() throws {
        #expect(try StorageLocation(parsing: "s3://bucket/a/b/", workingDirectory: "/w") == .s3(bucket: "bucket", prefix: "a/b"))
        #expect(try StorageLocation(parsing: "s3://bucket", workingDirectory: "/w") == .s3(bucket: "bucket", prefix: ""))
        #expect(try StorageLocation(parsing: "lake", workingDirectory: "/w") == .local(path: "/w/lake"))
        #expect(try StorageLocation(parsing: "../x/./lake/", workingDirectory: "/w/y") == .local(path: "/w/x/lake"))
        #expect(throws: StorageError.self) { try StorageLocation(parsing: "s3:///x", workingDirectory: "/") }
    }
}
