/// The screening of one manifest line: its risk, what it matched and why it is risky.
public struct ScreenedLine: Hashable, Sendable, Codable {
    /// The line's position among the lines screened, from 0.
    public var position: Int
    /// The line's shipment.
    public var shipmentID: String?
    /// The line's number within its shipment.
    public var lineNumber: Int?
    /// The risk, 0 to 100: the sum of the reasons' points, capped.
    public var risk: Double
    /// Whether the risk reaches the settings' flag threshold.
    public var isFlagged: Bool
    /// The most confident watchlist match.
    public var match: PrecursorMatch?
    /// Other watchlist entries the line also names.
    public var otherMatches: [PrecursorMatch]
    /// The reasons, highest points first.
    public var reasons: [RiskReason]
    /// The pre-export notification the line was reconciled with.
    public var notification: String?

    /// Creates a screened line.
    public init(
        position: Int, shipmentID: String?, lineNumber: Int?, risk: Double, isFlagged: Bool, match: PrecursorMatch?,
        otherMatches: [PrecursorMatch], reasons: [RiskReason], notification: String?
    ) {
        self.position = position
        self.shipmentID = shipmentID
        self.lineNumber = lineNumber
        self.risk = risk
        self.isFlagged = isFlagged
        self.match = match
        self.otherMatches = otherMatches
        self.reasons = reasons
        self.notification = notification
    }
}
