import ArgumentParser
import Foundation
import Hummingbird
import Logging
import VigilServer
import VigilStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API (see /api/v1/openapi.json) until SIGINT or SIGTERM.",
        discussion: """
            Requests need a bearer token from 'vigil token create'; every record is checked against the token's role and \
            jurisdictions, and every authenticated request is written to the audit log. Binds 127.0.0.1 unless --host \
            says otherwise; put it behind a TLS proxy before exposing it (README).
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: "Public aggregates suppress counts from 1 to this − 1.")
    var suppressBelow = 10

    @Option(help: "Requests a second per token, with bursts of twice as many (0: no limit).")
    var rateLimit: Double = 500

    func validate() throws {
        guard rateLimit >= 0 else { throw ValidationError("--rate-limit must not be negative") }
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be from 1 to 65535") }
        guard (1...1_000).contains(suppressBelow) else { throw ValidationError("--suppress-below must be from 1 to 1000") }
    }

    func run() async throws {
        try await reportingErrors {
            let store = try await storeOptions.openStore()
            var logger = storeOptions.makeLogger()
            logger.logLevel = storeOptions.verbose ? .info : .notice
            let app = VigilService(store: store, options: .init(suppressBelow: suppressBelow, rateLimit: rateLimit), logger: logger).application(host: host, port: port)
            printError("Vigil serving http://\(host):\(port)/api/v1 (database \(store.location))")
            try await app.runService()
        }
    }
}
