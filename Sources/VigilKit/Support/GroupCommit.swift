/// Group commit: writes that arrive while one transaction is being stored wait, and are stored
/// together in the next one. Under load this turns many small transactions (one per request)
/// into few larger ones, and each caller still returns only once its own write is durable.
///
/// When a group fails, its items are retried one by one, so that one bad item cannot fail the
/// writes that happened to arrive with it.
public actor GroupCommit<Item: Sendable, Output: Sendable> {
    /// Stores items in one transaction and returns one output per item, in order.
    public typealias Commit = @Sendable ([Item]) async throws -> [Output]

    private let commit: Commit
    private let largestGroup: Int
    private var waiting: [(item: Item, continuation: CheckedContinuation<Output, any Error>)] = []
    private var storing = false

    /// Creates a group committer.
    /// - Parameters:
    ///   - largestGroup: The most items stored in one transaction.
    ///   - commit: Stores a group; it must return exactly one output per item.
    public init(largestGroup: Int = 256, commit: @escaping Commit) {
        self.largestGroup = max(1, largestGroup)
        self.commit = commit
    }

    /// Stores an item with whatever else is waiting, and returns its output once stored.
    /// - Throws: What storing the item alone throws.
    public func submit(_ item: Item) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append((item, continuation))
            guard !storing else { return }
            storing = true
            Task { await drain() }
        }
    }

    private func drain() async {
        while !waiting.isEmpty {
            let group = Array(waiting.prefix(largestGroup))
            waiting.removeFirst(group.count)
            if let outputs = try? await commit(group.map { $0.item }), outputs.count == group.count {
                for (entry, output) in zip(group, outputs) { entry.continuation.resume(returning: output) }
                continue
            }
            for entry in group {
                do {
                    let outputs = try await commit([entry.item])
                    guard let output = outputs.first, outputs.count == 1 else { throw MismatchedOutputs(count: outputs.count) }
                    entry.continuation.resume(returning: output)
                } catch {
                    entry.continuation.resume(throwing: error)
                }
            }
        }
        storing = false
    }
}

/// A commit closure returned other than one output for one item: a bug in the closure.
private struct MismatchedOutputs: Error, CustomStringConvertible {
    var count: Int
    var description: String { "a group commit returned \(count) results for one write" }
}
