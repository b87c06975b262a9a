import Foundation

/// The outcome of an overdose.
public enum Outcome: String, Hashable, Sendable, Codable, CaseIterable {
    /// The person died.
    case fatal
    /// The person survived.
    case nonFatal = "nonfatal"
    /// The source does not say.
    case unknown

    /// Reads an outcome code: `fatal`, `nonfatal` (also `non-fatal`, `non_fatal`), `unknown`, any
    /// case. Sources with other codes translate them in their mapping.
    /// - Throws: ``DomainError`` `invalidValue` naming the accepted codes.
    public init(code: some StringProtocol) throws(DomainError) {
        if let exact = Outcome(rawValue: String(code)) {
            self = exact
            return
        }
        switch code.trimmingWhitespace().lowercased() {
        case "fatal": self = .fatal
        case "nonfatal", "non-fatal", "non_fatal", "non fatal": self = .nonFatal
        case "unknown": self = .unknown
        default:
            throw DomainError(
                code: .invalidValue, message: "unknown outcome code '\(code)'; use fatal, nonfatal or unknown")
        }
    }
}

/// The kind of system an event was reported from.
public enum SourceKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Emergency medical services.
    case ems
    /// A hospital emergency department (syndromic surveillance).
    case emergencyDepartment = "ed"
    /// A medical examiner or coroner.
    case medicalExaminer = "medical_examiner"
    /// Police or another law-enforcement agency.
    case lawEnforcement = "law_enforcement"
    /// Anything else (poison centre, outreach, self-report).
    case other

    /// Reads a source-kind code (`ems`, `ed`, `medical_examiner`, `law_enforcement`, `other`); the
    /// spellings `emergency_department`, `me`, `coroner`, `police` are accepted too.
    /// - Throws: ``DomainError`` `invalidValue` naming the accepted codes.
    public init(code: some StringProtocol) throws(DomainError) {
        if let exact = SourceKind(rawValue: String(code)) {
            self = exact
            return
        }
        switch code.trimmingWhitespace().lowercased().replacingOccurrences(of: "-", with: "_") {
        case "ems": self = .ems
        case "ed", "emergency_department": self = .emergencyDepartment
        case "medical_examiner", "me", "coroner": self = .medicalExaminer
        case "law_enforcement", "police": self = .lawEnforcement
        case "other": self = .other
        default:
            throw DomainError(
                code: .invalidValue,
                message: "unknown source kind '\(code)'; use ems, ed, medical_examiner, law_enforcement or other")
        }
    }
}

/// Sex as recorded by the source.
public enum Sex: String, Hashable, Sendable, Codable, CaseIterable {
    /// Female.
    case female
    /// Male.
    case male
    /// Another sex, or recorded as X.
    case other

    /// Reads `female`/`f`, `male`/`m` or `other`/`x`, any case; blank and `unknown`/`u` give `nil`.
    /// - Throws: ``DomainError`` `invalidValue` for anything else.
    public static func parse(_ code: some StringProtocol) throws(DomainError) -> Sex? {
        if let exact = Sex(rawValue: String(code)) { return exact }
        switch code.trimmingWhitespace().lowercased() {
        case "female", "f": return .female
        case "male", "m": return .male
        case "other", "x": return .other
        case "", "unknown", "u", "na", "n/a": return nil
        default:
            throw DomainError(code: .invalidValue, message: "unknown sex code '\(code)'; use female, male, other or unknown")
        }
    }
}

/// Whether naloxone was given, and how many doses when the source counts them.
public enum Naloxone: Hashable, Sendable, Codable {
    /// No naloxone was given.
    case notGiven
    /// Naloxone was given; `doses` is `nil` when the source does not count them.
    case given(doses: Int?)

    /// The number of doses: 0 when not given, `nil` when given but not counted.
    public var doses: Int? {
        switch self {
        case .notGiven: 0
        case .given(let doses): doses
        }
    }

    /// Creates the value for a dose count: 0 is `notGiven`.
    public init(doses: Int) {
        precondition(doses >= 0, "a dose count is never negative")
        self = doses == 0 ? .notGiven : .given(doses: doses)
    }
}
