import Foundation
import Testing
import VigilCore
import VigilPrecursors

@Suite("Manifest screening: risk factors and pre-export notifications")
struct ManifestScreeningTests {
    private let notification = PreExportNotification(
        id: "PEN-1", exporter: "Alpha Chemical Co., Ltd.", importer: "Beta Imports LLC", substance: "N-phenethyl-4-piperidone",
        quantity: Quantity(value: 100, unit: .kg), exportingCountry: "CN", importingCountry: "MX", pointOfEntry: "Manzanillo",
        expectedDispatch: CalendarDate(year: 2026, month: 3, day: 10), status: .cleared)

    private func line(
        _ description: String, date: (Int, Int, Int) = (2026, 3, 12), quantity: Double = 100, consignee: String = "BETA IMPORTS",
        destination: String = "MX", port: String = "Manzanillo", hs: String? = nil, cas: String? = nil, via: [String] = []
    ) -> ManifestLine {
        ManifestLine(
            shipmentID: "S1", lineNumber: 1, date: CalendarDate(year: date.0, month: date.1, day: date.2), description: description,
            hsCode: hs, cas: cas, quantity: Quantity(value: quantity, unit: .kg), shipper: "ALPHA CHEMICAL LIMITED",
            consignee: consignee, destination: destination, transshipmentPorts: via, portOfDischarge: port)
    }

    private func screen(_ lines: [ManifestLine], settings: RiskSettings = .standard, workers: Int = 2) -> [ScreenedLine] {
        let book = NotificationBook([notification], index: TestWatchlist.index)
        return ManifestScreening(index: TestWatchlist.index, settings: settings, notifications: book, workers: workers).screen(lines)
    }

    private func factors(_ line: ScreenedLine) -> Set<RiskFactor> { Set(line.reasons.map(\.factor)) }

    @Test("a notified shipment that agrees with its notification carries only the controlled-match points")
    func covered() throws {
        let screened = try #require(screen([line("NPP, 100 kg")]).first)
        #expect(screened.notification == "PEN-1")
        #expect(factors(screened) == [.controlledMatch])
        #expect(screened.risk == 50 * 0.9 && screened.isFlagged, "NPP is an abbreviation: 0.9")
    }

    @Test("each difference from the notification is its own reason", arguments: [
        (120.0, "Beta Imports", "MX", "Manzanillo", RiskFactor.quantityAbovePEN),
        (100.0, "Beta Imports", "GT", "Manzanillo", .routeDiffersFromPEN),
        (100.0, "Beta Imports", "MX", "Lazaro Cardenas", .routeDiffersFromPEN),
    ])
    func differences(quantity: Double, consignee: String, destination: String, port: String, factor: RiskFactor) throws {
        let screened = try #require(
            screen([line("N-phenethyl-4-piperidone", quantity: quantity, consignee: consignee, destination: destination, port: port)]).first)
        #expect(screened.notification == "PEN-1")
        #expect(factors(screened) == [.controlledMatch, factor])
    }

    @Test("within the tolerance is not above the notification; a consignee other than the notified one is named")
    func toleranceAndConsignee() throws {
        #expect(try #require(screen([line("NPP", quantity: 109)]).first).reasons.count == 1)
        // The shipper matches the notification's exporter, so the notification applies, with another consignee.
        let other = try #require(screen([line("NPP", consignee: "Gamma Trading SA")]).first)
        #expect(factors(other) == [.controlledMatch, .consigneeDiffersFromPEN, .newConsignee])
    }

    @Test("outside the dispatch window, or for another chemical, no notification covers the line")
    func noNotification() throws {
        let late = try #require(screen([line("NPP", date: (2026, 6, 1))]).first)
        #expect(late.notification == nil && factors(late) == [.controlledMatch, .noPEN])
        let otherChemical = try #require(screen([line("4-piperidone")]).first)
        #expect(factors(otherChemical) == [.controlledMatch, .noPEN])
        let benign = try #require(screen([line("cotton t-shirts")]).first)
        #expect(benign.reasons.isEmpty && !benign.isFlagged)
    }

    @Test("an objection, a misdeclared HS heading, a wrong CAS check digit and a watched port each add their weight")
    func otherFactors() throws {
        var objected = notification
        objected.status = .objected
        let book = NotificationBook([objected], index: TestWatchlist.index)
        var settings = RiskSettings.standard
        settings.watchedPorts = ["Port Alpha"]
        let screening = ManifestScreening(index: TestWatchlist.index, settings: settings, notifications: book)
        let screened = screening.screen([
            line("NPP", hs: "8471.30", cas: "39742-60-5", via: ["port alpha", "Colombo"])
        ])[0]
        #expect(factors(screened) == [.controlledMatch, .importerObjected, .hsMismatch, .casCheckDigit, .watchedTransshipment])
        #expect(screened.risk == 100, "capped")
        #expect(screened.reasons.first?.factor == .controlledMatch, "highest points first")
        let sameHeading = screening.screen([line("NPP", hs: "2933.39.90")])[0]
        #expect(!factors(sameHeading).contains(.hsMismatch), "same heading 2933, another subheading")
    }

    @Test("a consignee is new only the first time it is seen, and results do not depend on the number of workers")
    func orderAndWorkers() {
        let lines = (0..<200).map { index in
            line(index % 3 == 0 ? "NPP" : index % 3 == 1 ? "ephedrine HCl" : "office chairs", consignee: "Buyer \(index % 7)")
        }
        let one = screen(lines, workers: 1)
        let two = screen(lines, workers: 2)
        #expect(one == two)
        #expect(one.filter { $0.reasons.contains { $0.factor == .newConsignee } }.count == 7)
    }

    @Test("notifications that no line used, and those naming a substance not on the list, are reported")
    func reconciliation() {
        let unknown = PreExportNotification(id: "PEN-2", substance: "sodium chloride")
        let book = NotificationBook([notification, unknown], index: TestWatchlist.index)
        let screening = ManifestScreening(index: TestWatchlist.index, notifications: book)
        _ = screening.screen([line("cotton t-shirts")])
        let (unused, unrecognised) = screening.reconciliation()
        #expect(unused.map(\.id) == ["PEN-1"])
        #expect(unrecognised.map(\.id) == ["PEN-2"])
    }

    @Test("an empty watchlist, a repeated id and a bad weight are refused with what to fix")
    func badSettings() throws {
        #expect(throws: PrecursorError.self) { try Watchlist(entries: [], version: "x") }
        do {
            _ = try Watchlist(entries: [TestWatchlist.entries[0], TestWatchlist.entries[0]], version: "x")
            Issue.record("a repeated id was accepted")
        } catch {
            #expect(error.code == .duplicateID && error.message.contains("'npp'"))
        }
        let json = #"{"weights": {"no-pen": -1}}"#
        #expect(throws: PrecursorError.self) { try JSONDecoder().decode(RiskSettings.self, from: Data(json.utf8)) }
        let unknown = #"{"weights": {"moon-phase": 3}}"#
        #expect(throws: PrecursorError.self) { try JSONDecoder().decode(RiskSettings.self, from: Data(unknown.utf8)) }
        let partial = try JSONDecoder().decode(RiskSettings.self, from: Data(#"{"weights": {"no-pen": 35}}"#.utf8))
        #expect(partial.weight(.noPEN) == 35 && partial.weight(.controlledMatch) == 50)
    }
}
