import Foundation
import VigilCore

/// Writes a large, realistic event file in Vigil's CSV format from a seed, for benchmarks and
/// load tests: the same seed and row count give the same bytes.
///
/// Events fall on days over ten years in US counties, with coordinates near the county's
/// centroid, a mix of outcomes, naloxone doses, one to three substances (quoted, as many
/// exporters write them), age bands and sex.
public enum SyntheticEventFile {
    /// The header line of Vigil's CSV format.
    public static let header =
        "id,occurred_at,latitude,longitude,region,outcome,naloxone_doses,suspected_substances,confirmed_substances,source_kind,age_band,sex"

    /// Writes `rows` events to `path`.
    /// - Throws: File-system errors.
    public static func write(rows: Int, to path: String, using generator: inout some RandomNumberGenerator) throws {
        let counties = RegionCatalog.standard.regions(at: .county).filter { $0.centroid != nil }
        let substances = ["fentanyl", "xylazine", "heroin", "cocaine", "methamphetamine", "carfentanil",
                          "para-fluorofentanyl", "bromazolam", "medetomidine", "oxycodone", "Fentanyl HCl", "tranq"]
        let outcomes = ["nonfatal", "nonfatal", "nonfatal", "fatal", "unknown"]
        let kinds = ["ems", "ed", "medical_examiner", "law_enforcement"]
        let sexes = ["female", "male", "male", ""]
        let firstDay = CalendarDate(year: 2016, month: 1, day: 1)!.dayNumber
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        defer { try? handle.close() }
        var text = header + "\n"
        for index in 0..<rows {
            let county = counties[Int.random(in: 0..<counties.count, using: &generator)]
            let centre = county.centroid!
            let day = CalendarDate(dayNumber: firstDay + Int.random(in: 0..<3650, using: &generator))
            let latitude = min(90, max(-90, centre.latitude + Double.random(in: -0.2...0.2, using: &generator)))
            let longitude = min(180, max(-180, centre.longitude + Double.random(in: -0.2...0.2, using: &generator)))
            let count = Int.random(in: 1...3, using: &generator)
            let mentions = (0..<count).map { _ in substances[Int.random(in: 0..<substances.count, using: &generator)] }
            let hasTime = Bool.random(using: &generator)
            let time = hasTime
                ? day.description + "T" + String(format: "%02d:%02d:00-05:00", Int.random(in: 0..<24, using: &generator),
                                                 Int.random(in: 0..<60, using: &generator))
                : day.description
            let confirmed = Int.random(in: 0..<4, using: &generator) == 0
            let band = AgeBand.allCases[Int.random(in: 1..<7, using: &generator)].rawValue
            text += "ev\(index),\(time),\(String(format: "%.5f", latitude)),\(String(format: "%.5f", longitude)),"
            text += "\(county.code),\(outcomes[Int.random(in: 0..<outcomes.count, using: &generator)]),"
            text += "\(Int.random(in: 0...3, using: &generator)),"
            text += confirmed ? "\"\",\"\(mentions.joined(separator: ";"))\"," : "\"\(mentions.joined(separator: ";"))\",\"\","
            text += "\(kinds[Int.random(in: 0..<kinds.count, using: &generator)]),\(band),"
            text += "\(sexes[Int.random(in: 0..<sexes.count, using: &generator)])\n"
            if text.utf8.count > 1 << 20 {
                handle.write(Data(text.utf8))
                text.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(text.utf8))
    }
}
