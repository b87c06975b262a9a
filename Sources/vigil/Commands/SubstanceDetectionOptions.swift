import ArgumentParser
import VigilCore
import VigilDetection

/// The emerging-substance detector's options, shared by `vigil samples emerging` and `vigil detect
/// --from-store --kind substance`.
struct SubstanceDetectionOptions: ParsableArguments {
    @Option(help: "Substances: days without the substance after which it counts as new again.") var quietDays = 180
    @Option(help: "Substances: anchor substances (comma-separated).") var anchors = "fentanyl"
    @Option(help: "Substances: the share period, month, week, or a number of days.") var period = "month"
    @Option(help: "Substances: the CUSUM threshold h.") var threshold = 5.0

    /// The detector's parameters.
    func parameters() throws -> EmergingSubstanceDetector.Parameters {
        let share: EmergingSubstanceDetector.Period
        switch period {
        case "month": share = .calendarMonth
        case "week": share = .week
        default:
            guard let days = Int(period), days > 0 else { throw ValidationError("--period '\(period)' is not month, week or a number of days") }
            share = .days(days)
        }
        let anchorIDs = anchors.split(separator: ",").map { SubstanceCatalog.standard.resolve($0) ?? SubstanceID(rawValue: $0.lowercased()) }
        return .init(quietDays: quietDays, anchors: anchorIDs, period: share, threshold: threshold)
    }
}
