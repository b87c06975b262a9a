import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import VigilTestSupport

@Suite("vigil serve and vigil token, end to end", .serialized)
struct ServeCommandTests {
    let folder: URL

    init() throws { folder = try Fixtures.temporaryDirectory() }

    /// A GET over real HTTP on loopback.
    func get(_ url: String, token: String?) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: url)!)
        if let token { request.setValue("Bearer " + token, forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test("a token created on the command line opens the API of a running server until it is revoked")
    func serveWithToken() async throws {
        let create = try VigilProcess.run(
            ["token", "create", "--role", "analyst", "--jurisdiction", "09", "--name", "CT analyst", "--database", "s.sqlite"], in: folder)
        #expect(create.status == 0, "\(create.standardError)")
        let secret = create.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("vgl_") && create.standardError.contains("shown only now"))
        let listed = try VigilProcess.run(["token", "list", "--database", "s.sqlite", "--format", "csv"], in: folder)
        #expect(listed.standardOutput.contains("CT analyst,analyst,09") && !listed.standardOutput.contains(secret))
        let bad = try VigilProcess.run(["token", "create", "--role", "chief", "--jurisdiction", "09", "--name", "x", "--database", "s.sqlite"], in: folder)
        #expect(bad.status != 0 && bad.standardError.contains("--role 'chief'"))

        let port = Int.random(in: 20_000...40_000)
        let server = try VigilProcess.start(["serve", "--database", "s.sqlite", "--port", String(port)], in: folder)
        defer { if server.isRunning { server.terminate() } }
        let base = "http://127.0.0.1:\(port)/api/v1"
        var healthy = false
        for _ in 0..<100 where !healthy {
            healthy = (try? await get(base + "/health", token: nil).status) == 200
            if !healthy { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(healthy)
        #expect(try await get(base + "/events", token: nil).status == 401)
        let events = try await get(base + "/events", token: secret)
        #expect(events.status == 200 && events.body.contains("\"events\""))

        let id = try #require(listed.standardOutput.split(separator: "\n").dropFirst().first?.split(separator: ",").first.map(String.init))
        #expect(try VigilProcess.run(["token", "revoke", id, "--database", "s.sqlite"], in: folder).status == 0)
        #expect(try await get(base + "/events", token: secret).status == 401)
        // SIGTERM stops the server cleanly.
        server.terminate()
        server.waitUntilExit()
        #expect(server.terminationReason == .exit)
    }
}
