public import VigilCore

/// The identifier of a stored screening run.
public struct ScreeningRunID: TypedIdentifier {
    /// The store's number.
    public let rawValue: Int64
    /// Wraps a number.
    public init(rawValue: Int64) { self.rawValue = rawValue }
}

/// A screening of a manifest as stored: what was screened, against which watchlist version, with
/// which settings, and how many lines were flagged.
public struct ScreeningRun: Hashable, Sendable, Codable {
    /// Assigned by the store.
    public var id: ScreeningRunID
    /// The manifest (a file path, or `api`).
    public var origin: String
    /// The watchlist version.
    public var watchlistVersion: String
    /// The settings as JSON (weights, threshold, tolerance, windows).
    public var parameters: String
    /// Who ran it (a token id), if known.
    public var startedBy: String?
    /// When (seconds since 1970, UTC).
    public var startedAt: Int64
    /// Lines screened.
    public var linesScreened: Int
    /// Lines flagged.
    public var linesFlagged: Int

    /// Creates a run (its id is assigned when it is stored).
    public init(
        id: ScreeningRunID = ScreeningRunID(rawValue: 0), origin: String, watchlistVersion: String, parameters: String, startedBy: String?,
        startedAt: Int64, linesScreened: Int, linesFlagged: Int
    ) {
        self.id = id
        self.origin = origin
        self.watchlistVersion = watchlistVersion
        self.parameters = parameters
        self.startedBy = startedBy
        self.startedAt = startedAt
        self.linesScreened = linesScreened
        self.linesFlagged = linesFlagged
    }
}

/// An officer's decision on a screened line.
public enum ScreeningDecision: String, Hashable, Sendable, Codable, CaseIterable {
    /// Looked at and let go.
    case cleared
    /// Passed on for inspection or investigation.
    case referred
}

/// One reported line of a stored screening, with the decision recorded against it.
public struct ScreeningLineRecord: Hashable, Sendable, Codable {
    /// One reason, as stored.
    public struct Reason: Hashable, Sendable, Codable {
        /// The risk factor's name.
        public var factor: String
        /// The points it added.
        public var points: Double
        /// What was found.
        public var detail: String

        /// Creates a reason.
        public init(factor: String, points: Double, detail: String) {
            self.factor = factor
            self.points = points
            self.detail = detail
        }
    }

    /// The line's position in the screening (0-based), its key within the run.
    public var position: Int
    /// The manifest file line.
    public var fileLine: Int
    /// The shipment.
    public var shipmentID: String?
    /// The line number within the shipment.
    public var lineNumber: Int?
    /// The description screened.
    public var description: String
    /// The consignee.
    public var consignee: String?
    /// The risk, 0 to 100.
    public var risk: Double
    /// The matched watchlist entry.
    public var matchedID: String?
    /// How it matched.
    public var matchRule: String?
    /// The match's confidence.
    public var confidence: Double?
    /// The reasons, highest points first.
    public var reasons: [Reason]
    /// The decision, once recorded.
    public var decision: ScreeningDecision?
    /// Who recorded it.
    public var decidedBy: String?
    /// When (seconds since 1970, UTC).
    public var decidedAt: Int64?
    /// The officer's note.
    public var note: String?

    /// Creates a line record.
    public init(
        position: Int, fileLine: Int, shipmentID: String?, lineNumber: Int?, description: String, consignee: String?, risk: Double,
        matchedID: String?, matchRule: String?, confidence: Double?, reasons: [Reason], decision: ScreeningDecision? = nil,
        decidedBy: String? = nil, decidedAt: Int64? = nil, note: String? = nil
    ) {
        self.position = position
        self.fileLine = fileLine
        self.shipmentID = shipmentID
        self.lineNumber = lineNumber
        self.description = description
        self.consignee = consignee
        self.risk = risk
        self.matchedID = matchedID
        self.matchRule = matchRule
        self.confidence = confidence
        self.reasons = reasons
        self.decision = decision
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.note = note
    }
}

/// Stores screening runs, their reported lines and the decisions officers record on them, and
/// remembers every consignee screened (so a later screening knows which are new).
public protocol ScreeningStore: Sendable {
    /// Stores a run with its reported lines and the consignees it saw, in one transaction.
    /// - Returns: The run with its id.
    func insertScreeningRun(_ run: ScreeningRun, lines: [ScreeningLineRecord], consignees: [String]) async throws -> ScreeningRun
    /// Runs, newest first.
    func fetchScreeningRuns(limit: Int) async throws -> [ScreeningRun]
    /// A run, or `nil`.
    func fetchScreeningRun(_ id: ScreeningRunID) async throws -> ScreeningRun?
    /// A run's lines, highest risk first, then by position.
    func fetchScreeningLines(_ id: ScreeningRunID) async throws -> [ScreeningLineRecord]
    /// Records (or replaces) the decision on a line.
    /// - Throws: ``StoreError`` `unknownScreeningLine` when the run has no line at that position.
    func recordDecision(
        _ decision: ScreeningDecision, run: ScreeningRunID, position: Int, by: String?, note: String?, at time: Int64
    ) async throws
    /// Every consignee screened so far.
    func fetchKnownConsignees() async throws -> [String]
}
