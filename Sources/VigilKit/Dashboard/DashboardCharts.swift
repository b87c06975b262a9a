import Foundation
public import VigilCore
public import VigilStore

/// The dashboard's drawings as self-contained SVG (no fonts, scripts or tiles): a map of counts by
/// county as proportional circles at the county centroids, and a daily trend with an alarm marker.
public enum DashboardCharts {
    /// A county's count for the map.
    public struct CountyCount: Sendable {
        /// The county.
        public var region: RegionCode
        /// Its events.
        public var count: Int

        /// Creates a count.
        public init(region: RegionCode, count: Int) {
            self.region = region
            self.count = count
        }
    }

    /// The day a chart ends: today, or the last day with data when the data are older (an archive).
    public static func chartEnd(_ counts: [DailyCount], today: CalendarDate) -> CalendarDate {
        min(today, counts.map(\.date).max() ?? today)
    }

    /// The total of each of the `length` days that end on `last`, zero where there is no count.
    public static func days(_ counts: [DailyCount], length: Int, endingOn last: CalendarDate) -> [(date: CalendarDate, count: Int)] {
        let first = last.adding(days: 1 - length)
        let byDay = Dictionary(counts.filter { $0.date >= first && $0.date <= last }.map { ($0.date, $0.count) }, uniquingKeysWith: +)
        return (0..<length).map { first.adding(days: $0) }.map { (date: $0, count: byDay[$0] ?? 0) }
    }

    /// Proportional circles (area ∝ count) at county centroids, on an equirectangular projection
    /// scaled by the cosine of the mean latitude; every county of the jurisdiction is drawn as a dot.
    public static func countyMap(_ counts: [CountyCount], counties: [Region], width: Double = 640, height: Double = 420) -> String {
        let placed = counties.compactMap { region in region.centroid.map { (region, $0) } }
        guard !placed.isEmpty else { return emptyChart("No counties to draw", width: width, height: 80) }
        let meanLatitude = placed.map(\.1.latitude).reduce(0, +) / Double(placed.count)
        let xScale = cos(meanLatitude * .pi / 180)
        let xs = placed.map { $0.1.longitude * xScale }
        let ys = placed.map(\.1.latitude)
        let margin = 30.0
        let scale = min((width - 2 * margin) / max(xs.max()! - xs.min()!, 0.2), (height - 2 * margin) / max(ys.max()! - ys.min()!, 0.2))
        let byRegion = Dictionary(counts.map { ($0.region, $0.count) }, uniquingKeysWith: +)
        let largest = Double(max(1, byRegion.values.max() ?? 1))
        var svg = open(width: width, height: height, title: "Events by county")
        for (index, (region, _)) in placed.enumerated() {
            let x = margin + (xs[index] - xs.min()!) * scale
            let y = height - margin - (ys[index] - ys.min()!) * scale
            let count = byRegion[region.code] ?? 0
            let radius = count == 0 ? 2 : 4 + 26 * (Double(count) / largest).squareRoot()
            let label = "\(escape(region.name)): \(count) event\(count == 1 ? "" : "s")"
            svg += "<circle class=\"county\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(radius))\" fill=\"\(count == 0 ? "#9aa0a6" : "#b3261e")\" "
            svg += "fill-opacity=\"\(count == 0 ? "1" : "0.55")\" stroke=\"#ffffff\"><title>\(label)</title></circle>\n"
        }
        return svg + "</svg>\n"
    }

    /// Daily counts as bars, with the alarm day in red and, when given, the threshold of that day
    /// as a dashed line.
    public static func trend(_ days: [(date: CalendarDate, count: Int)], alarm: CalendarDate? = nil, threshold: Double? = nil,
                             width: Double = 640, height: Double = 200) -> String {
        guard !days.isEmpty else { return emptyChart("No events in this period", width: width, height: 80) }
        let margin = (left: 36.0, right: 10.0, top: 12.0, bottom: 24.0)
        let top = max(Double(days.map(\.count).max() ?? 1), threshold ?? 0, 1)
        let barWidth = (width - margin.left - margin.right) / Double(days.count)
        let plotHeight = height - margin.top - margin.bottom
        func y(_ value: Double) -> Double { margin.top + plotHeight * (1 - value / top) }
        var svg = open(width: width, height: height, title: "Events per day")
        svg += "<text x=\"4\" y=\"\(f(margin.top + 4))\" font-size=\"11\" fill=\"#3c4043\">\(Int(top))</text>\n"
        svg += "<text x=\"4\" y=\"\(f(height - margin.bottom))\" font-size=\"11\" fill=\"#3c4043\">0</text>\n"
        for (index, day) in days.enumerated() {
            let x = margin.left + Double(index) * barWidth
            let isAlarm = day.date == alarm
            svg += "<rect class=\"\(isAlarm ? "alarm" : "day")\" x=\"\(f(x))\" y=\"\(f(y(Double(day.count))))\" width=\"\(f(max(1, barWidth - 1)))\" "
            svg += "height=\"\(f(plotHeight * Double(day.count) / top))\" fill=\"\(isAlarm ? "#b3261e" : "#5f6368")\">"
            svg += "<title>\(day.date): \(day.count)</title></rect>\n"
        }
        if let threshold {
            svg += "<line class=\"threshold\" x1=\"\(f(margin.left))\" x2=\"\(f(width - margin.right))\" y1=\"\(f(y(threshold)))\" y2=\"\(f(y(threshold)))\" "
            svg += "stroke=\"#b3261e\" stroke-dasharray=\"4 3\"><title>threshold \(f(threshold))</title></line>\n"
        }
        svg += "<text x=\"\(f(margin.left))\" y=\"\(f(height - 6))\" font-size=\"11\" fill=\"#3c4043\">\(days.first!.date)</text>\n"
        svg += "<text x=\"\(f(width - margin.right))\" y=\"\(f(height - 6))\" font-size=\"11\" fill=\"#3c4043\" text-anchor=\"end\">\(days.last!.date)</text>\n"
        return svg + "</svg>\n"
    }

    private static func open(width: Double, height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(title)\"><title>\(title)</title>\n"
    }

    private static func emptyChart(_ message: String, width: Double, height: Double) -> String {
        open(width: width, height: height, title: message) + "<text x=\"10\" y=\"40\" font-size=\"14\" fill=\"#3c4043\">\(message)</text></svg>\n"
    }

    private static func f(_ value: Double) -> String { Markup.number(value) }

    private static func escape(_ text: String) -> String { Markup.escape(text) }
}
