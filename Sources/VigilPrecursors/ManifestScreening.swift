import Dispatch
public import VigilCore

/// A screening of manifest lines against a watchlist, fed in chunks, in order.
///
/// Matching and the checks of a line by itself run in parallel, one ``PrecursorMatcher`` per worker;
/// the checks that depend on what came before (a consignee seen for the first time, notifications
/// already used) run after them, in line order, so a result never depends on the number of workers. After the last chunk,
/// ``reconciliation()`` lists the notifications no line used.
public final class ManifestScreening {
    /// The settings.
    public let settings: RiskSettings
    /// The notifications, or `nil` when the screening has none (the PEN checks are then off).
    public let notifications: NotificationBook?
    private let index: WatchlistIndex
    private let matchers: [PrecursorMatcher]
    private var knownConsignees: [PartyName]
    /// The consignees of the lines assessed so far, as written (each is known from then on).
    public private(set) var consigneesSeen: Set<String> = []
    private var usedNotifications: Set<Int> = []
    private var screenedCount = 0
    private let watchedPorts: Set<String>
    /// What the risk reasons say of each entry, written once rather than for every line that names it.
    private let listings: [ChemicalID: Listing]

    /// An entry as risk reasons name it.
    private struct Listing {
        var name: String
        /// The name and how it is controlled: `NPP, UN Table I; US List I`.
        var nameAndControl: String
        var hsSubheading: HSCode?
    }

    /// Prepares a screening.
    /// - Parameters:
    ///   - knownConsignees: Parties already known (from earlier screenings); a consignee that is not
    ///     among them, not in a notification and not earlier in this screening is new.
    ///   - workers: How many threads match lines.
    public init(
        index: WatchlistIndex, settings: RiskSettings = .standard, notifications: NotificationBook? = nil,
        knownConsignees: [String] = [], workers: Int = 2
    ) {
        precondition(workers > 0, "a screening needs at least one worker")
        self.index = index
        self.settings = settings
        self.notifications = notifications
        matchers = (0..<workers).map { _ in PrecursorMatcher(index: index) }
        let notified = notifications?.notifications.flatMap { [$0.importer, $0.consignee] } ?? []
        self.knownConsignees = (knownConsignees + notified.compactMap { $0 }).compactMap(PartyName.init)
        watchedPorts = Set(settings.watchedPorts.map { $0.lowercased().trimmingWhitespace() }.map(String.init))
        listings = Dictionary(
            uniqueKeysWithValues: index.watchlist.entries.map { entry in
                (entry.id, Listing(name: entry.name, nameAndControl: "\(entry.name), \(entry.controlSummary)", hsSubheading: entry.hsSubheading))
            })
    }

    /// What a line shows by itself, whatever came before it: its watchlist matches (most confident
    /// first) and the risk reasons they and its own fields give. Found for many lines at once, in any
    /// order, then weighed in line order by ``assess(_:findings:)``.
    public struct Findings: Sendable {
        /// The watchlist matches, most confident first.
        public var matches: [PrecursorMatch]
        /// The reasons that depend on the line alone.
        fileprivate var reasons: [RiskReason]
    }

    /// The manifest fields (by their names in the manifest format) that no check of this screening reads:
    /// those of the notification checks when it has no notifications, the transshipment ports when no
    /// port is watched, and the notify party, origin, port of loading and value always. A reader may
    /// check them and leave them out of the lines, sparing their text.
    public var fieldsNotWeighed: Set<String> {
        var fields: Set<String> = ["notify_party", "origin", "port_of_loading", "value"]
        if notifications == nil { fields.formUnion(["date", "shipper", "quantity", "destination", "port_of_discharge"]) }
        if watchedPorts.isEmpty { fields.insert("transshipment_ports") }
        return fields
    }

    /// Screens the next lines.
    public func screen(_ lines: [ManifestLine]) -> [ScreenedLine] {
        let findings = examine(lines)
        return lines.indices.map { assess(lines[$0], findings: findings[$0]) }
    }

    /// How many threads may examine lines at once, each with its own worker number.
    public var workers: Int { matchers.count }

    /// A line's findings, by worker `worker`: lines may be examined on several threads at once as long
    /// as each uses its own worker number.
    public func findings(of line: ManifestLine, worker: Int) -> Findings {
        let declared = line.cas.flatMap { try? CASNumber(parsing: $0) }
        let matches = matchers[worker].matches(description: line.description, declaredCAS: declared)
            .filter { $0.confidence >= settings.minimumConfidence }
        var reasons: [RiskReason] = []
        func add(_ factor: RiskFactor, _ detail: @autoclosure () -> String, scale: Double = 1) {
            if let reason = weighed(factor, scale: scale, detail()) { reasons.append(reason) }
        }
        let best = matches.first
        let listing = best.flatMap { listings[$0.chemical] }
        if let best, let listing {
            let form = best.isSaltForm ? " (salt or hydrate form)" : ""
            add(.controlledMatch, "\(listing.nameAndControl), by \(best.rule) '\(best.matchedForm)'\(form)", scale: best.confidence)
        }
        if let declared, !declared.hasValidCheckDigit {
            add(.casCheckDigit, "CAS \(declared.rawValue) has check digit \(declared.rawValue.last!), its digits call for \(declared.expectedCheckDigit)")
        } else if let best, best.rule == .casWithWrongCheckDigit {
            add(.casCheckDigit, "CAS \(best.matchedForm) in the description has a wrong check digit")
        }
        if let listing, let expected = listing.hsSubheading, let written = line.hsCode, let declared = try? HSCode(parsing: written),
            declared.heading != expected.heading
        {
            add(.hsMismatch, "declared under HS \(declared.dotted); \(listing.name) is classified under \(expected.dotted)")
        }
        if !watchedPorts.isEmpty {
            let watched = line.transshipmentPorts.filter { watchedPorts.contains($0.lowercased()) }
            if !watched.isEmpty { add(.watchedTransshipment, "transshipped through \(watched.joined(separator: ", "))") }
        }
        return Findings(matches: matches, reasons: reasons)
    }

    /// Weighs the next line, given its findings: lines are assessed one at a time, in order, since a
    /// consignee is new only the first time and a notification covers only so much.
    public func assess(_ line: ManifestLine, findings: Findings) -> ScreenedLine {
        defer { screenedCount += 1 }
        return assess(line, findings: findings, position: screenedCount)
    }

    /// The notifications no screened line was reconciled with, and those whose substance is not on
    /// the watchlist.
    public func reconciliation() -> (unused: [PreExportNotification], unrecognised: [PreExportNotification]) {
        guard let notifications else { return ([], []) }
        var unused: [PreExportNotification] = []
        var unrecognised: [PreExportNotification] = []
        for (position, notification) in notifications.notifications.enumerated() {
            if notifications.chemicals[position] == nil {
                unrecognised.append(notification)
            } else if !usedNotifications.contains(position) {
                unused.append(notification)
            }
        }
        return (unused, unrecognised)
    }

    // MARK: Matching, in parallel

    private func examine(_ lines: [ManifestLine]) -> [Findings] {
        // Safe: each worker writes only the slots of its own lines, and the buffer is read after all finish.
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<Findings>.allocate(capacity: lines.count)
        let workers = workers
        // Safe: worker `w` uses only its own matcher (see `findings(of:worker:)`).
        nonisolated(unsafe) let screening = self
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for offset in stride(from: worker, to: lines.count, by: workers) {
                (results.baseAddress! + offset).initialize(to: screening.findings(of: lines[offset], worker: worker))
            }
        }
        defer { results.deinitialize().deallocate() }
        return Array(results)
    }

    // MARK: Risk, in order

    private func assess(_ line: ManifestLine, findings: Findings, position: Int) -> ScreenedLine {
        var reasons = findings.reasons
        func add(_ factor: RiskFactor, _ detail: @autoclosure () -> String, scale: Double = 1) {
            if let reason = weighed(factor, scale: scale, detail()) { reasons.append(reason) }
        }
        let best = findings.matches.first
        var notificationID: String?
        if let notifications, let best, let chemical = index.watchlist[best.chemical] {
            if let covering = notifications.covering(line, chemical: chemical.id, settings: settings) {
                usedNotifications.insert(covering)
                let notification = notifications.notifications[covering]
                notificationID = notification.id
                compare(line, with: notification, add: add)
            } else {
                add(.noPEN, "no pre-export notification of \(chemical.name) matches the parties and date")
            }
        }
        if let written = line.consignee, consigneesSeen.insert(written).inserted, let consignee = PartyName(written) {
            if !knownConsignees.contains(where: consignee.matches) {
                add(.newConsignee, "consignee '\(written)' not seen before")
                knownConsignees.append(consignee)
            }
        }
        if reasons.count > 1 { reasons.sort { ($0.points, $1.factor.rawValue) > ($1.points, $0.factor.rawValue) } }
        let risk = min(100, reasons.reduce(0) { $0 + $1.points })
        return ScreenedLine(
            position: position, shipmentID: line.shipmentID, lineNumber: line.lineNumber, risk: risk,
            isFlagged: risk >= settings.flagThreshold, match: best, otherMatches: Array(findings.matches.dropFirst()), reasons: reasons,
            notification: notificationID)
    }

    /// A factor's reason with its points (its weight times `scale`), or `nil` when that is no points: the
    /// detail is only written for a reason that counts.
    private func weighed(_ factor: RiskFactor, scale: Double, _ detail: @autoclosure () -> String) -> RiskReason? {
        let points = settings.weight(factor) * scale
        return points > 0 ? RiskReason(factor: factor, points: points, detail: detail()) : nil
    }

    /// The differences between a line and the notification that covers it.
    private func compare(_ line: ManifestLine, with notification: PreExportNotification, add: (RiskFactor, @autoclosure () -> String, Double) -> Void) {
        if notification.status == .objected {
            add(.importerObjected, "the importing country objected to notification \(notification.id)", 1)
        }
        if let shipped = line.quantity, let notified = notification.quantity, shipped.isComparable(to: notified),
            shipped.inBaseUnits > notified.inBaseUnits * (1 + settings.quantityTolerance)
        {
            add(.quantityAbovePEN, "shipped \(shipped), notified \(notified) (\(notification.id))", 1)
        }
        if let consignee = PartyName(line.consignee) {
            let named = [notification.importer, notification.consignee].compactMap { PartyName($0) }
            if !named.isEmpty, !named.contains(where: consignee.matches) {
                add(.consigneeDiffersFromPEN, "consignee '\(line.consignee!)' is not the notified importer or consignee (\(notification.id))", 1)
            }
        }
        var routeDifferences: [String] = []
        if let destination = line.destination, let importing = notification.importingCountry, !Self.samePlace(destination, importing) {
            routeDifferences.append("destination \(destination), notified \(importing)")
        }
        if let port = line.portOfDischarge, let entry = notification.pointOfEntry, !Self.samePlace(port, entry) {
            routeDifferences.append("port of discharge \(port), notified point of entry \(entry)")
        }
        if !routeDifferences.isEmpty {
            add(.routeDiffersFromPEN, routeDifferences.joined(separator: "; ") + " (\(notification.id))", 1)
        }
    }

    private static func samePlace(_ a: String, _ b: String) -> Bool {
        a.trimmingWhitespace().lowercased() == b.trimmingWhitespace().lowercased()
    }
}
