import Foundation
public import VigilCore
public import VigilDetection
import VigilIngest

/// Reads the files of `vigil scan`: locations (`location_id,lat,lon` or `location_id,x,y`), cases
/// (`location_id,date[,count]`) and, for the Poisson model, population (`location_id,population`).
public enum ScanFileReader {
    /// What was read, and the cases left out because they fall after the analysis day.
    public struct Loaded: Sendable {
        /// The scan input.
        public var input: ScanInput
        /// Cases dated after `asOf`, not scanned.
        public var casesAfterAsOf: Int
    }

    /// Reads and checks the files.
    /// - Parameters:
    ///   - from: The first study day; the first case date when `nil`.
    ///   - asOf: The last study day (a prospective scan judges windows ending then); the last case
    ///     date when `nil`.
    /// - Throws: ``VigilDetection/DetectionError`` `invalidInput` naming the file, line and value: an
    ///   unknown location, a date that does not parse, a negative count, a location listed twice
    ///   with different coordinates, coordinates out of range, a missing or non-positive population.
    public static func read(
        cases casesPath: String, locations locationsPath: String, population populationPath: String?,
        from: CalendarDate? = nil, asOf: CalendarDate? = nil
    ) throws -> Loaded {
        var ids: [String] = []
        var coordinates: [ScanCoordinate] = []
        var index: [String: Int] = [:]
        let locations = try table(locationsPath)
        let geographic = locations.header.count >= 3 && locations.header[1] == "lat"
        guard locations.header.count >= 3, geographic || (locations.header[1] == "x" && locations.header[2] == "y"),
            locations.header[0] == "location_id"
        else {
            throw fail(locationsPath, 1, "the header must be location_id,lat,lon or location_id,x,y")
        }
        for (line, row) in locations.rows {
            guard let first = Double(row[1]), let second = Double(row[2]) else {
                throw fail(locationsPath, line, "coordinates '\(row[1])', '\(row[2])' are not numbers")
            }
            let coordinate: ScanCoordinate
            if geographic {
                do { _ = try GeoPoint(latitude: first, longitude: second) } catch {
                    throw fail(locationsPath, line, "location '\(row[0])': \(error.message)")
                }
                coordinate = .geographic(latitude: first, longitude: second)
            } else {
                coordinate = .cartesian(x: first, y: second)
            }
            if let existing = index[row[0]] {
                guard coordinates[existing] == coordinate else {
                    throw fail(locationsPath, line, "location '\(row[0])' is listed twice with different coordinates")
                }
                continue
            }
            index[row[0]] = ids.count
            ids.append(row[0])
            coordinates.append(coordinate)
        }

        let cases = try table(casesPath)
        guard cases.header.count >= 2, cases.header[0] == "location_id", cases.header[1] == "date" else {
            throw fail(casesPath, 1, "the header must be location_id,date[,count]")
        }
        var entries: [(location: Int, date: CalendarDate, count: Int)] = []
        for (line, row) in cases.rows {
            guard let location = index[row[0]] else {
                throw fail(casesPath, line, "location '\(row[0])' is not in \(locationsPath)")
            }
            guard let date = parseDate(row[1]) else {
                throw fail(casesPath, line, "'\(row[1])' is not a date of the form YYYY-MM-DD (or SaTScan's YYYY/M/D)")
            }
            let count = row.count > 2 && !row[2].isEmpty ? Int(row[2]) : 1
            guard let count, count >= 0, count <= 1_000_000 else {
                throw fail(casesPath, line, "count '\(row[2])' is not a whole number from 0 to 1,000,000")
            }
            entries.append((location, date, count))
        }
        var population: [Double]?
        if let populationPath {
            var values = [Double?](repeating: nil, count: ids.count)
            for row in try readPopulation(populationPath) {
                guard let location = index[row.id] else {
                    throw fail(populationPath, row.line, "location '\(row.id)' is not in \(locationsPath)")
                }
                values[location] = row.population
            }
            if let missing = values.firstIndex(where: { $0 == nil }) {
                throw fail(populationPath, 1, "location '\(ids[missing])' has no population; the Poisson model needs one for every location")
            }
            population = values.map { $0! }
        }

        let first = from ?? entries.map(\.date).min()
        let last = asOf ?? entries.map(\.date).max()
        guard let first, let last, first <= last else {
            return Loaded(input: ScanInput(locationIDs: ids, coordinates: coordinates, days: [], counts: [], population: population), casesAfterAsOf: 0)
        }
        let dayCount = last.dayNumber - first.dayNumber + 1
        guard dayCount <= 36_600 else { throw fail(casesPath, 1, "the study period of \(dayCount) days is longer than 100 years") }
        var counts = [Int](repeating: 0, count: ids.count * dayCount)
        var after = 0
        for entry in entries {
            if entry.date > last { after += entry.count; continue }
            guard entry.date >= first else { continue }
            counts[entry.location * dayCount + entry.date.dayNumber - first.dayNumber] += entry.count
        }
        return Loaded(
            input: ScanInput(
                locationIDs: ids, coordinates: coordinates, days: (0..<dayCount).map { first.adding(days: $0) }, counts: counts,
                population: population),
            casesAfterAsOf: after)
    }

    /// Reads `YYYY-MM-DD`, or SaTScan's `YYYY/M/D` with or without leading zeros.
    static func parseDate(_ text: String) -> CalendarDate? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// Reads a population file (`location_id,population`).
    /// - Returns: Each row's location, line and population.
    /// - Throws: ``VigilDetection/DetectionError`` `invalidInput` naming the file, line and value for
    ///   a wrong header, a population that is not a positive number, or a location listed twice.
    public static func readPopulation(_ path: String) throws -> [(id: String, line: Int, population: Double)] {
        let table = try table(path)
        guard table.header.count >= 2, table.header[0] == "location_id", table.header[1] == "population" else {
            throw fail(path, 1, "the header must be location_id,population")
        }
        var seen: [String: Int] = [:]
        return try table.rows.map { line, row in
            guard let value = Double(row[1]), value > 0, value.isFinite else {
                throw fail(path, line, "population '\(row[1])' of '\(row[0])' must be a positive number")
            }
            if let earlier = seen.updateValue(line, forKey: row[0]) {
                throw fail(path, line, "location '\(row[0])' is listed twice (first on line \(earlier))")
            }
            return (row[0], line, value)
        }
    }

    /// Reads a county population file (`location_id,population` with county FIPS codes), for the
    /// Poisson scan of stored events.
    /// - Throws: ``VigilDetection/DetectionError`` `invalidInput` naming the file, line and value,
    ///   also for a code that is not a county with a centroid in `regions`.
    public static func readCountyPopulation(_ path: String, regions: RegionCatalog = .standard) throws -> [RegionCode: Double] {
        var populations: [RegionCode: Double] = [:]
        for row in try readPopulation(path) {
            guard let code = RegionCode(rawValue: row.id), code.level == .county, regions.region(code)?.centroid != nil else {
                throw fail(path, row.line, "'\(row.id)' is not a county FIPS code Vigil knows (five digits, e.g. 09003)")
            }
            populations[code] = row.population
        }
        return populations
    }

    private static func fail(_ path: String, _ line: Int, _ reason: String) -> DetectionError {
        DetectionError(code: .invalidInput, message: "\(path):\(line): \(reason)")
    }

    /// A CSV file's trimmed header and rows with their line numbers.
    private static func table(_ path: String) throws -> (header: [String], rows: [(Int, [String])]) {
        do {
            let file = try SmallCSV(path: path)
            return (file.header, file.rows.map { ($0.line, $0.fields) })
        } catch let problem as SmallCSV.Problem {
            throw fail(path, problem.line, problem.reason)
        }
    }
}
