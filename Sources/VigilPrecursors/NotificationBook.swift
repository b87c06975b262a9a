public import VigilCore

/// Pre-export notifications with the watchlist entry each one notifies, and the rule that pairs a
/// shipment line with one of them.
///
/// A line carrying chemical X is covered by a notification of X whose expected dispatch date is
/// within the settings' window around the line's date (when both dates are known) and which shares
/// a party with it (its exporter is the shipper, or its importer or consignee is the consignee);
/// when the line names no parties, the nearest in date is taken. Among several, the one sharing
/// the most parties, then the nearest in date, then the first given.
public struct NotificationBook: Sendable {
    /// The notifications, as given.
    public let notifications: [PreExportNotification]
    /// The entry each notification notifies, `nil` when its substance is not on the watchlist.
    public let chemicals: [ChemicalID?]
    private let byChemical: [ChemicalID: [Int]]

    /// Resolves each notification's substance (a name or a CAS number) against the watchlist.
    public init(_ notifications: [PreExportNotification], index: WatchlistIndex) {
        let matcher = PrecursorMatcher(index: index)
        var chemicals: [ChemicalID?] = []
        var byChemical: [ChemicalID: [Int]] = [:]
        for (position, notification) in notifications.enumerated() {
            let cas = try? CASNumber(parsing: notification.substance)
            let chemical = matcher.matches(description: notification.substance, declaredCAS: cas).first?.chemical
            chemicals.append(chemical)
            if let chemical { byChemical[chemical, default: []].append(position) }
        }
        self.notifications = notifications
        self.chemicals = chemicals
        self.byChemical = byChemical
    }

    /// The notification covering a line of a chemical, by the rule above.
    func covering(_ line: ManifestLine, chemical: ChemicalID, settings: RiskSettings) -> Int? {
        let shipper = PartyName(line.shipper)
        let consignee = PartyName(line.consignee)
        var best: (position: Int, shared: Int, days: Int)?
        for position in byChemical[chemical] ?? [] {
            let notification = notifications[position]
            var days = 0
            if let date = line.date, let dispatch = notification.expectedDispatch {
                days = date.dayNumber - dispatch.dayNumber
                guard days >= -settings.daysBeforeDispatch, days <= settings.daysAfterDispatch else { continue }
            }
            var shared = 0
            if let shipper, let exporter = PartyName(notification.exporter), shipper.matches(exporter) { shared += 1 }
            if let consignee, [notification.importer, notification.consignee].contains(where: { PartyName($0).map(consignee.matches) ?? false }) {
                shared += 1
            }
            guard shared > 0 || (shipper == nil && consignee == nil) else { continue }
            if let current = best, (current.shared, -abs(current.days)) >= (shared, -abs(days)) { continue }
            best = (position, shared, days)
        }
        return best?.position
    }
}
