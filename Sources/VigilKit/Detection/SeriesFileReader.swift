import Foundation
import VigilCore
public import VigilDetection
import VigilIngest

/// Reads count series from a `series,date,count` CSV file, the format `vigil series` writes.
///
/// All series in a file share one interval: weekly when every date falls on the same weekday (and
/// some steps are a week or more), else daily, unless the caller says which. Missing periods inside
/// a series count as zero (files from other tools often omit empty days). An optional `population`
/// column becomes the series' population offset.
public enum SeriesFileReader {
    /// Reads every series in a file, sorted by name.
    /// - Parameter interval: The interval of every series; inferred when `nil`.
    /// - Throws: ``VigilDetection/DetectionError`` `invalidInput` naming the file, line and series
    ///   for a date that does not parse, a negative, non-integer or implausibly large count, a
    ///   duplicate or out-of-order date, or weekly dates that are not a whole number of weeks apart;
    ///   `IngestError` when the file cannot be read.
    public static func read(path: String, interval forced: CountSeries.Interval? = nil) throws -> [CountSeries] {
        let reader = CSVReader(try FileInput(path: path))
        guard try reader.next() else {
            throw DetectionError(code: .invalidInput, message: "\(path) is empty: it needs a header series,date,count")
        }
        let header = (0..<reader.fieldCount).map { reader.string(at: $0)?.trimmingCharacters(in: .whitespaces) ?? "" }
        guard let seriesColumn = header.firstIndex(of: "series"), let dateColumn = header.firstIndex(of: "date"),
            let countColumn = header.firstIndex(of: "count")
        else {
            throw DetectionError(
                code: .invalidInput,
                message: "\(path):1: the header must name the columns series, date and count (it has \(header.joined(separator: ",")))")
        }
        let populationColumn = header.firstIndex(of: "population")
        var order: [String] = []
        var rows: [String: [(line: Int, date: CalendarDate, count: Int, population: Double?)]] = [:]
        while try reader.next() {
            let line = reader.line
            func field(_ index: Int) -> String {
                index < reader.fieldCount ? (reader.string(at: index) ?? "").trimmingCharacters(in: .whitespaces) : ""
            }
            let name = field(seriesColumn)
            func fail(_ reason: String) -> DetectionError {
                DetectionError(code: .invalidInput, message: "\(path):\(line): series '\(name)': \(reason)")
            }
            guard reader.fieldCount == header.count else {
                throw fail("the row has \(reader.fieldCount) fields but the header has \(header.count)")
            }
            guard let date = CalendarDate(iso: field(dateColumn)) else {
                throw fail("'\(field(dateColumn))' is not a date of the form YYYY-MM-DD")
            }
            guard let count = Int(field(countColumn)) else { throw fail("count '\(field(countColumn))' is not a whole number") }
            guard count >= 0 else { throw fail("count \(count) is negative") }
            guard count <= 1_000_000_000 else { throw fail("count \(count) is implausibly large (over 1e9)") }
            var population: Double?
            if let populationColumn {
                guard let value = Double(field(populationColumn)), value > 0 else {
                    throw fail("population '\(field(populationColumn))' is not a positive number")
                }
                population = value
            }
            if let previous = rows[name]?.last {
                guard date != previous.date else { throw fail("\(date) appears twice (also on line \(previous.line))") }
                guard date > previous.date else { throw fail("\(date) comes after \(previous.date); sort the rows by date") }
            } else {
                order.append(name)
            }
            rows[name, default: []].append((line, date, count, population))
        }
        let allDates = rows.values.flatMap { $0.map(\.date) }
        let oneWeekday = Set(allDates.map(\.isoWeekday)).count == 1
        let interval = forced ?? (oneWeekday && rows.values.contains { $0.count > 1 } ? .week : .day)
        var result: [CountSeries] = []
        for name in order.sorted() {
            let entries = rows[name]!
            let steps = zip(entries.dropFirst(), entries).map { $0.date.dayNumber - $1.date.dayNumber }
            if forced == nil, interval == .day, steps.count >= 2, steps.allSatisfy({ $0 == 7 }), let daily = order.first(where: { $0 != name }) {
                throw DetectionError(
                    code: .invalidInput,
                    message: "\(path):\(entries[1].line): series '\(name)' steps by exactly one week but series '\(daily)' is "
                        + "daily; put daily and weekly series in separate files (or give --interval)")
            }
            if interval == .week, let bad = zip(entries.dropFirst(), entries).first(where: { ($0.date.dayNumber - $1.date.dayNumber) % 7 != 0 }) {
                throw DetectionError(
                    code: .invalidInput,
                    message: "\(path):\(bad.0.line): series '\(name)': \(bad.0.date) is not a whole number of weeks after "
                        + "\(bad.1.date); weekly series need dates on one weekday (daily and weekly series go in separate files)")
            }
            let first = entries[0].date.dayNumber
            let length = (entries.last!.date.dayNumber - first) / interval.days + 1
            var counts = [Int](repeating: 0, count: length)
            var population: [Double]? = entries[0].population == nil ? nil : [Double](repeating: .nan, count: length)
            for entry in entries {
                let index = (entry.date.dayNumber - first) / interval.days
                counts[index] = entry.count
                population?[index] = entry.population ?? .nan
            }
            if var filled = population {
                // A missing period carries the population of the period before it.
                for index in filled.indices.dropFirst() where filled[index].isNaN { filled[index] = filled[index - 1] }
                population = filled
            }
            result.append(
                try CountSeries(
                    name: name, interval: interval, dates: (0..<length).map { CalendarDate(dayNumber: first + $0 * interval.days) },
                    counts: counts, population: population))
        }
        return result
    }
}
