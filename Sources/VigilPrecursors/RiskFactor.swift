/// A reason a manifest line is risky; each has a weight in ``RiskSettings``.
public enum RiskFactor: String, Hashable, Sendable, Codable, CaseIterable {
    /// The line carries a watchlist chemical; its points are the weight times the match's confidence.
    case controlledMatch = "controlled-match"
    /// The declared or written CAS number's check digit is wrong.
    case casCheckDigit = "cas-check-digit"
    /// The declared HS heading is not the one the matched chemical is classified under.
    case hsMismatch = "hs-mismatch"
    /// No pre-export notification covers the shipment.
    case noPEN = "no-pen"
    /// More was shipped than the notification says.
    case quantityAbovePEN = "quantity-above-pen"
    /// The consignee is not the notification's importer or consignee.
    case consigneeDiffersFromPEN = "consignee-differs-from-pen"
    /// The destination or port of discharge is not the notification's.
    case routeDiffersFromPEN = "route-differs-from-pen"
    /// The importing country objected to the notification.
    case importerObjected = "importer-objected"
    /// The goods pass through a port the settings name.
    case watchedTransshipment = "watched-transshipment"
    /// The consignee has not been seen before (not in a notification, not earlier in the screening,
    /// not among the known parties given).
    case newConsignee = "new-consignee"
}

/// One reason on a screened line, with the points it added and what it is about.
public struct RiskReason: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The factor.
    public var factor: RiskFactor
    /// The points it added to the line's risk.
    public var points: Double
    /// What was found, for the officer.
    public var detail: String

    /// Creates a reason.
    public init(factor: RiskFactor, points: Double, detail: String) {
        self.factor = factor
        self.points = points
        self.detail = detail
    }

    public var description: String { "\(factor.rawValue) (+\(Int(points.rounded()))): \(detail)" }
}
