import Synchronization
import Testing
import VigilKit

@Suite("Group commit")
struct GroupCommitTests {
    final class Log: Sendable {
        let groups = Mutex<[[Int]]>([])
    }

    struct Refused: Error, Equatable {
        var item: Int
    }

    @Test("concurrent writes are stored in fewer, larger groups, and each caller gets its own output")
    func groups() async throws {
        let log = Log()
        let committer = GroupCommit<Int, Int>(largestGroup: 40) { items in
            log.groups.withLock { $0.append(items) }
            try await Task.sleep(for: .milliseconds(20))
            return items.map { $0 * 10 }
        }
        let outputs = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for item in 0..<100 { group.addTask { (item, try await committer.submit(item)) } }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(outputs == Dictionary(uniqueKeysWithValues: (0..<100).map { ($0, $0 * 10) }))
        let groups = log.groups.withLock { $0 }
        #expect(groups.flatMap { $0 }.sorted() == Array(0..<100))
        #expect(groups.count < 50 && groups.allSatisfy { $0.count <= 40 })
    }

    @Test("when a group fails, its items are retried alone, so only the bad one fails")
    func isolation() async throws {
        let committer = GroupCommit<Int, Int> { items in
            try await Task.sleep(for: .milliseconds(5))
            if items.contains(13) { throw Refused(item: 13) }
            return items
        }
        let results = await withTaskGroup(of: (Int, Result<Int, Refused>).self) { group in
            for item in 0..<30 {
                group.addTask {
                    do { return (item, .success(try await committer.submit(item))) } catch { return (item, .failure(error as! Refused)) }
                }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(results[13] == .failure(Refused(item: 13)))
        #expect(results.filter { $0.key != 13 }.allSatisfy { $0.value == .success($0.key) })
    }
}
