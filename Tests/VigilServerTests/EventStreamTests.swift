import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import VigilCore
import VigilKit
import VigilServer
import VigilStore
import VigilStoreSQLite

/// Reads a server-sent event stream as it arrives.
final class StreamReader: NSObject, URLSessionDataDelegate, Sendable {
    let text = Mutex("")

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        text.withLock { $0 += String(decoding: data, as: UTF8.self) }
    }
}

@Suite("Alert event stream")
struct EventStreamTests {
    @Test("an alert raised by live detection arrives on the streams of tokens that may see it, and only those")
    func stream() async throws {
        let store = try SQLiteEventStore.inMemory()
        try await DeliveryTests.history(store)
        let issuer = TokenIssuer(store: store)
        let reporter = try await issuer.create(name: "EMS", role: .reporter, jurisdictions: try Jurisdictions(parsing: "09"), now: 1).secret
        let connecticut = try await issuer.create(name: "CT", role: .analyst, jurisdictions: try Jurisdictions(parsing: "09"), now: 1).secret
        let pennsylvania = try await issuer.create(name: "PA", role: .analyst, jurisdictions: try Jurisdictions(parsing: "42"), now: 1).secret
        let service = VigilService(store: store, options: .init(debounce: .milliseconds(50)))
        let today = CalendarDate(dayNumber: Int(Date().timeIntervalSince1970) / 86_400).description
        let spike = (0..<15).map { #"{"id":"s\#($0)","occurred_at":"\#(today)","region":"09009","outcome":"fatal"}"# }.joined(separator: "\n")
        try await service.application(port: 0).test(.live) { client in
            let readers = [StreamReader(), StreamReader()]
            var sessions: [URLSession] = []
            for (reader, token) in zip(readers, [connecticut, pennsylvania]) {
                var request = URLRequest(url: URL(string: "http://127.0.0.1:\(client.port!)/api/v1/alerts/stream")!)
                request.setValue("Bearer " + token, forHTTPHeaderField: "Authorization")
                let session = URLSession(configuration: .ephemeral, delegate: reader, delegateQueue: nil)
                session.dataTask(with: request).resume()
                sessions.append(session)
            }
            try await DeliveryTests.wait { readers.allSatisfy { $0.text.withLock { $0.contains(": connected") } } }
            let answer = try await client.call(.post, "/api/v1/events", token: reporter, body: spike, contentType: "application/x-ndjson")
            #expect(answer.status == .ok)
            try await DeliveryTests.wait { readers[0].text.withLock { $0.contains("event: alert") } }
            try await Task.sleep(for: .milliseconds(300))
            let received = readers[0].text.withLock { $0 }
            #expect(received.contains("\"series\":\"09009\"") && received.contains("data: {"))
            #expect(!readers[1].text.withLock { $0.contains("event: alert") }, "Pennsylvania's stream stays silent")
            for session in sessions { session.invalidateAndCancel() }
        }
    }
}
