import Foundation
import Testing
import VigilTestSupport

@Test("fixture paths point into Tests/Fixtures and the files exist")
func fixturePathsResolve() {
    let path = Fixtures.path("ingest/vigil_mixed.csv")
    #expect(path.hasSuffix("Tests/Fixtures/ingest/vigil_mixed.csv"))
    #expect(FileManager.default.fileExists(atPath: path))
    #expect(!FileManager.default.fileExists(atPath: Fixtures.path("ingest/no-such-file.csv")))
}

@Test("temporary folders are distinct and empty")
func temporaryFoldersAreFresh() throws {
    let first = try Fixtures.temporaryDirectory()
    let second = try Fixtures.temporaryDirectory()
    defer {
        try? FileManager.default.removeItem(at: first)
        try? FileManager.default.removeItem(at: second)
    }
    #expect(first != second)
    #expect(try FileManager.default.contentsOfDirectory(atPath: first.path).isEmpty)
}
