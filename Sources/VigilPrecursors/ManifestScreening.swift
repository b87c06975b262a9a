import Dispatch
public import VigilCore

/// A screening of manifest lines against a watchlist, fed in chunks, in order.
///
/// Matching runs in parallel, one ``PrecursorMatcher`` per worker; the checks that depend on what
/// came before (a consignee seen for the first time, notifications already used) run after it, in
/// line order, so a result never depends on the number of workers. After the last chunk,
/// ``reconciliation()`` lists the notifications no line used.
public final class ManifestScreening {
    /// The settings.
    public let settings: RiskSettings
    /// The notifications, or `nil` when the screening has none (the PEN checks are then off).
    public let notifications: NotificationBook?
    private let index: WatchlistIndex
    private let matchers: [PrecursorMatcher]
    private var knownConsignees: [PartyName]
    /// Consignees as written that have been looked at (each is known from then on).
    private var consigneesSeen: Set<String> = []
    private var usedNotifications: Set<Int> = []
    private var screenedCount = 0
    private let watchedPorts: Set<String>

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
    }

    /// Screens the next lines.
    public func screen(_ lines: [ManifestLine]) -> [ScreenedLine] {
        let matches = match(lines)
        return lines.indices.map { assess(lines[$0], matches: matches[$0]) }
    }

    /// How many threads may match lines at once, each with its own worker number.
    public var workers: Int { matchers.count }

    /// A line's watchlist matches (most confident first), by worker `worker`: lines may be matched
    /// on several threads at once as long as each uses its own worker number.
    public func matches(of line: ManifestLine, worker: Int) -> [PrecursorMatch] {
        let cas = line.cas.flatMap { try? CASNumber(parsing: $0) }
        return matchers[worker].matches(description: line.description, declaredCAS: cas).filter { $0.confidence >= settings.minimumConfidence }
    }

    /// Assesses the next line, given its matches: lines are assessed one at a time, in order.
    public func assess(_ line: ManifestLine, matches: [PrecursorMatch]) -> ScreenedLine {
        defer { screenedCount += 1 }
        return assess(line, matches: matches, position: screenedCount)
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

    private func match(_ lines: [ManifestLine]) -> [[PrecursorMatch]] {
        // Safe: each worker writes only the slots of its own lines, and the buffer is read after all finish.
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<[PrecursorMatch]>.allocate(capacity: lines.count)
        results.initialize(repeating: [])
        defer { results.deinitialize().deallocate() }
        let workers = workers
        // Safe: worker `w` uses only its own matcher (see `matches(of:worker:)`).
        nonisolated(unsafe) let screening = self
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for offset in stride(from: worker, to: lines.count, by: workers) {
                results[offset] = screening.matches(of: lines[offset], worker: worker)
            }
        }
        return Array(results)
    }

    // MARK: Risk, in order

    private func assess(_ line: ManifestLine, matches: [PrecursorMatch], position: Int) -> ScreenedLine {
        var reasons: [RiskReason] = []
        func add(_ factor: RiskFactor, _ detail: String, scale: Double = 1) {
            let points = settings.weight(factor) * scale
            if points > 0 { reasons.append(RiskReason(factor: factor, points: points, detail: detail)) }
        }
        let best = matches.first
        let chemical = best.flatMap { index.watchlist[$0.chemical] }
        if let best, let chemical {
            let form = best.isSaltForm ? " (salt or hydrate form)" : ""
            add(.controlledMatch, "\(chemical.name), \(chemical.controlSummary), by \(best.rule) '\(best.matchedForm)'\(form)", scale: best.confidence)
        }
        if let written = line.cas, let cas = try? CASNumber(parsing: written), !cas.hasValidCheckDigit {
            add(.casCheckDigit, "CAS \(cas.rawValue) has check digit \(cas.rawValue.last!), its digits call for \(cas.expectedCheckDigit)")
        } else if let best, best.rule == .casWithWrongCheckDigit {
            add(.casCheckDigit, "CAS \(best.matchedForm) in the description has a wrong check digit")
        }
        if let chemical, let expected = chemical.hsSubheading, let written = line.hsCode, let declared = try? HSCode(parsing: written),
            declared.heading != expected.heading
        {
            add(.hsMismatch, "declared under HS \(declared.dotted); \(chemical.name) is classified under \(expected.dotted)")
        }
        var notificationID: String?
        if let notifications, let chemical {
            if let covering = notifications.covering(line, chemical: chemical.id, settings: settings) {
                usedNotifications.insert(covering)
                let notification = notifications.notifications[covering]
                notificationID = notification.id
                compare(line, with: notification, add: add)
            } else {
                add(.noPEN, "no pre-export notification of \(chemical.name) matches the parties and date")
            }
        }
        let watched = line.transshipmentPorts.filter { watchedPorts.contains($0.lowercased()) }
        if !watched.isEmpty { add(.watchedTransshipment, "transshipped through \(watched.joined(separator: ", "))") }
        if let written = line.consignee, consigneesSeen.insert(written).inserted, let consignee = PartyName(written) {
            if !knownConsignees.contains(where: consignee.matches) {
                add(.newConsignee, "consignee '\(written)' not seen before")
                knownConsignees.append(consignee)
            }
        }
        reasons.sort { ($0.points, $1.factor.rawValue) > ($1.points, $0.factor.rawValue) }
        let risk = min(100, reasons.reduce(0) { $0 + $1.points })
        return ScreenedLine(
            position: position, shipmentID: line.shipmentID, lineNumber: line.lineNumber, risk: risk,
            isFlagged: risk >= settings.flagThreshold, match: best, otherMatches: Array(matches.dropFirst()), reasons: reasons,
            notification: notificationID)
    }

    /// The differences between a line and the notification that covers it.
    private func compare(_ line: ManifestLine, with notification: PreExportNotification, add: (RiskFactor, String, Double) -> Void) {
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
