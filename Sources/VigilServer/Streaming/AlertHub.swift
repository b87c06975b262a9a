import VigilCore
import VigilStore

/// Fans new and changed alerts out to the open event streams, each limited to its token's
/// jurisdictions.
actor AlertHub {
    private var streams: [Int: (jurisdictions: Jurisdictions, continuation: AsyncStream<Alert>.Continuation)] = [:]
    private var nextID = 0

    /// A stream of the alerts within `jurisdictions`, until the caller stops reading.
    func subscribe(_ jurisdictions: Jurisdictions) -> AsyncStream<Alert> {
        let (stream, continuation) = AsyncStream<Alert>.makeStream(bufferingPolicy: .bufferingNewest(1000))
        let id = nextID
        nextID += 1
        streams[id] = (jurisdictions, continuation)
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        return stream
    }

    /// Sends alerts to every stream that may see them.
    func publish(_ alerts: [Alert]) {
        for alert in alerts {
            for stream in streams.values where stream.jurisdictions.covers(alert.latest.region) { stream.continuation.yield(alert) }
        }
    }

    private func remove(_ id: Int) { streams[id] = nil }
}

