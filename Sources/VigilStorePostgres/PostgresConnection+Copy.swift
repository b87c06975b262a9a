import NIOCore
import PostgresNIO
import Synchronization
import VigilStore

extension PostgresConnection {
    /// `COPY table (columns) FROM STDIN` of rows in text format.
    ///
    /// postgres-nio 1.33 leaves `copyFrom` suspended forever when the connection drops while a
    /// copy starts. A watcher checks the connection while the copy runs (and stops with it), so that
    /// an import whose database goes away fails (and rolls back) instead of hanging.
    func copy(_ rows: ByteBuffer, into table: String, columns: [String] = [], logger: Logger) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let once = ResumeOnce(continuation)
            let watcher = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(100))
                    if self.isClosed {
                        once.resume(with: .failure(StoreError(code: .cannotOpen, message: "the connection to PostgreSQL was lost while copying into \(table)")))
                        return
                    }
                }
            }
            Task {
                do {
                    try await self.copyFrom(table: table, columns: columns, logger: logger) { try await $0.write(rows) }
                    once.resume(with: .success(()))
                } catch {
                    once.resume(with: .failure(error))
                }
                watcher.cancel()
            }
        }
    }
}

/// A continuation resumed by whichever result comes first; later ones are dropped.
private final class ResumeOnce: Sendable {
    private let continuation: Mutex<CheckedContinuation<Void, any Error>?>

    init(_ continuation: CheckedContinuation<Void, any Error>) { self.continuation = Mutex(continuation) }

    func resume(with result: Result<Void, any Error>) {
        continuation.withLock { pending in
            pending?.resume(with: result)
            pending = nil
        }
    }
}
