import Foundation
import VigilCore
import VigilDetection
import VigilTestSupport

/// The series and R `surveillance` outputs in `Tests/Fixtures/detection/` (see its README).
enum ReferenceFixtures {
    /// One expected row: upper bound (nil for R's NA) and alarm (nil for NA).
    struct Expected {
        var upperBound: Double?
        var alarm: Bool?
    }

    /// Every series in the fixture files, by name, with its interval.
    static let series: [String: CountSeries] = {
        var result: [String: CountSeries] = [:]
        for (file, interval) in [
            ("series_agona_weekly.csv", CountSeries.Interval.week), ("series_ct_weekly.csv", .week),
            ("series_ct_daily.csv", .day),
        ] {
            var dates: [String: [CalendarDate]] = [:]
            var counts: [String: [Int]] = [:]
            for line in lines(file) {
                dates[line[0], default: []].append(CalendarDate(iso: line[1])!)
                counts[line[0], default: []].append(Int(line[2])!)
            }
            for name in dates.keys {
                result[name] = try! CountSeries(name: name, interval: interval, dates: dates[name]!, counts: counts[name]!)
            }
        }
        return result
    }()

    /// Expected rows of one file, keyed by series, method and date.
    static func expected(_ file: String) -> [String: Expected] {
        var result: [String: Expected] = [:]
        for line in lines(file) {
            let bound = Double(line[3].trimmingCharacters(in: .whitespaces))
            let alarm: Bool? = line[4].isEmpty ? nil : line[4] == "1"
            result[line[0] + "|" + line[2] + "|" + line[1]] = Expected(upperBound: bound, alarm: alarm)
        }
        return result
    }

    private static func lines(_ file: String) -> [[String]] {
        let text = try! String(contentsOfFile: Fixtures.path("detection/" + file), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Compares a detector's output with the reference rows for every period the reference judged.
    /// - Returns: Descriptions of the mismatches (empty when all agree) and the number of rows compared.
    static func compare(
        _ result: DetectionResult, with expected: [String: Expected], relativeTolerance: Double
    ) -> (mismatches: [String], compared: Int) {
        var mismatches: [String] = []
        var compared = 0
        for period in result.periods {
            guard let reference = expected[result.series + "|" + result.method + "|" + period.date.description] else {
                if period.status == .evaluated {
                    mismatches.append("\(result.series) \(result.method) \(period.date): judged here but not by R")
                }
                continue
            }
            compared += 1
            let boundMatches: Bool
            switch (reference.upperBound, period.upperBound) {
            case (nil, nil): boundMatches = true
            case (let r?, let v?): boundMatches = abs(r - v) <= relativeTolerance * max(1, abs(r))
            default: boundMatches = false
            }
            let alarmMatches = (reference.alarm ?? false) == period.isAlarm && (reference.alarm != nil || period.status != .evaluated)
            if !boundMatches || !alarmMatches {
                mismatches.append(
                    "\(result.series) \(result.method) \(period.date): R \(reference.upperBound.map { "\($0)" } ?? "NA")/"
                        + "\(reference.alarm.map { "\($0)" } ?? "NA"), Vigil \(period.upperBound.map { "\($0)" } ?? "nil")/"
                        + "\(period.isAlarm) (\(period.status))")
            }
        }
        return (mismatches, compared)
    }
}
