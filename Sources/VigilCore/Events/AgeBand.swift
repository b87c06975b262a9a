import Foundation

/// A 10-year age band, the finest age detail Vigil keeps about a person.
///
/// Bands follow CDC WONDER's ten-year groups: under 15, 15–24, 25–34, …, 75–84, 85 and over.
public enum AgeBand: String, Hashable, Sendable, Codable, CaseIterable {
    /// Under 15 years.
    case under15 = "0-14"
    /// 15 to 24 years.
    case from15to24 = "15-24"
    /// 25 to 34 years.
    case from25to34 = "25-34"
    /// 35 to 44 years.
    case from35to44 = "35-44"
    /// 45 to 54 years.
    case from45to54 = "45-54"
    /// 55 to 64 years.
    case from55to64 = "55-64"
    /// 65 to 74 years.
    case from65to74 = "65-74"
    /// 75 to 84 years.
    case from75to84 = "75-84"
    /// 85 years and over.
    case from85 = "85+"

    /// The band that contains an age in whole years.
    /// - Throws: ``DomainError`` `invalidValue` for a negative age or one over 120.
    public init(age: Int) throws(DomainError) {
        guard (0...120).contains(age) else {
            throw DomainError(code: .invalidValue, message: "age \(age) is outside 0…120")
        }
        switch age {
        case ..<15: self = .under15
        case ..<25: self = .from15to24
        case ..<35: self = .from25to34
        case ..<45: self = .from35to44
        case ..<55: self = .from45to54
        case ..<65: self = .from55to64
        case ..<75: self = .from65to74
        case ..<85: self = .from75to84
        default: self = .from85
        }
    }

    /// Reads a band label such as `25-34` or `85+`.
    /// - Throws: ``DomainError`` `invalidValue` listing the labels.
    public init(label: some StringProtocol) throws(DomainError) {
        if let exact = AgeBand(rawValue: String(label)) {
            self = exact
            return
        }
        let text = String(label.trimmingWhitespace()).replacingOccurrences(of: "–", with: "-")
        guard let band = AgeBand(rawValue: text) else {
            throw DomainError(
                code: .invalidValue,
                message: "unknown age band '\(label)'; use one of \(AgeBand.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = band
    }
}
