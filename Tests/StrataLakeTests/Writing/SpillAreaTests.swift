// The partitioned writer's spill folder holds the lake's rows in the clear: it is made new and private.
import Foundation
import StrataCore
import Testing
@testable import StrataLake

struct SpillAreaTests {
    @Test func theSpillFolderIsPrivateAndNewAndRemoved() throws {
        let spill = try SpillArea(schema: Schema([Field("n", .bigint)]), files: 2, rowGroupBytes: 1 << 20)
        let attributes = try FileManager.default.attributesOfItem(atPath: spill.folder)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        spill.remove()
        #expect(!FileManager.default.fileExists(atPath: spill.folder))
    }
}
