import Foundation
import VigilCore
public import VigilDetection

/// Draws scan results as a self-contained SVG: every location, each cluster as a circle (or, when
/// only regions are published, its locations highlighted), and a timeline of daily cases with the
/// most likely cluster's window and cases. No fonts, scripts or tiles are loaded.
public enum ScanMap {
    /// The SVG document.
    public static func svg(input: ScanInput, clusters: [PublishedCluster]) -> String {
        let (width, mapHeight, timelineHeight, margin) = (800.0, 540.0, 160.0, 24.0)
        let geographic = input.coordinates.first.map { if case .geographic = $0 { true } else { false } } ?? false
        let raw = input.coordinates.map { coordinate -> (Double, Double) in
            switch coordinate {
            case .geographic(let latitude, let longitude): (longitude, latitude)
            case .cartesian(let x, let y): (x, y)
            }
        }
        let meanLatitude = geographic ? raw.map(\.1).reduce(0, +) / Double(max(1, raw.count)) : 0
        let xScale = geographic ? cos(meanLatitude * .pi / 180) : 1
        let projected = raw.map { ($0.0 * xScale, $0.1) }
        let (minX, maxX) = (projected.map(\.0).min() ?? 0, projected.map(\.0).max() ?? 1)
        let (minY, maxY) = (projected.map(\.1).min() ?? 0, projected.map(\.1).max() ?? 1)
        let scale = min((width - 2 * margin) / max(maxX - minX, 1e-9), (mapHeight - 2 * margin) / max(maxY - minY, 1e-9))
        let kilometresPerUnit = geographic ? 111.2 : 1
        func point(_ index: Int) -> (Double, Double) {
            (margin + (projected[index].0 - minX) * scale, mapHeight - margin - (projected[index].1 - minY) * scale)
        }
        let index = Dictionary(uniqueKeysWithValues: input.locationIDs.enumerated().map { ($1, $0) })
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(mapHeight + timelineHeight))" \
            viewBox="0 0 \(Int(width)) \(Int(mapHeight + timelineHeight))" role="img">
            <title>Space-time clusters</title>
            <rect width="100%" height="100%" fill="#ffffff"/>
            <clipPath id="map-area"><rect width="\(Int(width))" height="\(Int(mapHeight))"/></clipPath>
            <g clip-path="url(#map-area)">
            <g class="locations" fill="#9aa0a6">

            """
        for location in input.locationIDs.indices {
            let (x, y) = point(location)
            svg += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"2\"><title>\(escape(input.locationIDs[location]))</title></circle>\n"
        }
        svg += "</g>\n<g class=\"clusters\" fill=\"none\" stroke=\"#c5221f\" stroke-width=\"2\">\n"
        for shown in clusters {
            let members = shown.locations.compactMap { index[$0] }
            if let centre = shown.centre.flatMap({ index[$0] }), let radius = shown.radiusKilometres {
                let (x, y) = point(centre)
                let pixels = max(6, radius / kilometresPerUnit * scale)
                svg += "<circle class=\"cluster\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(pixels))\">"
                svg += "<title>cluster \(shown.rank): \(shown.cluster.observed) cases, expected \(f(shown.cluster.expected))</title></circle>\n"
                svg += "<text x=\"\(f(x + pixels + 2))\" y=\"\(f(y))\" fill=\"#c5221f\" stroke=\"none\" font-size=\"12\">\(shown.rank)</text>\n"
            } else {
                for member in members {
                    let (x, y) = point(member)
                    svg += "<circle class=\"member\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"4\" fill=\"#c5221f\"/>\n"
                }
            }
        }
        svg += "</g>\n</g>\n"
        svg += timeline(input, most: clusters.first, top: mapHeight, width: width, height: timelineHeight, margin: margin, index: index)
        return svg + "</svg>\n"
    }

    /// Daily cases as grey bars, with the most likely cluster's cases in its window in red.
    private static func timeline(
        _ input: ScanInput, most: PublishedCluster?, top: Double, width: Double, height: Double, margin: Double,
        index: [String: Int]
    ) -> String {
        let days = input.days.count
        guard days > 0 else { return "" }
        let totals = (0..<days).map { day in input.locationIDs.indices.reduce(0) { $0 + input.counts[$1 * days + day] } }
        var clusterCounts = [Int](repeating: 0, count: days)
        if let most {
            let members = most.locations.compactMap { index[$0] }
            let first = most.cluster.start.dayNumber - input.days[0].dayNumber
            for day in max(0, first)..<days { clusterCounts[day] = members.reduce(0) { $0 + input.counts[$1 * days + day] } }
        }
        let peak = Double(max(1, totals.max() ?? 1))
        let barWidth = (width - 2 * margin) / Double(days)
        let base = top + height - margin
        var svg = "<g class=\"timeline\">\n<line x1=\"\(f(margin))\" y1=\"\(f(base))\" x2=\"\(f(width - margin))\" y2=\"\(f(base))\" stroke=\"#5f6368\"/>\n"
        for day in 0..<days {
            let x = margin + Double(day) * barWidth
            let total = Double(totals[day]) / peak * (height - 2 * margin)
            svg += "<rect x=\"\(f(x))\" y=\"\(f(base - total))\" width=\"\(f(max(0.5, barWidth - 0.5)))\" height=\"\(f(total))\" fill=\"#c4c7c5\"/>\n"
            if clusterCounts[day] > 0 {
                let part = Double(clusterCounts[day]) / peak * (height - 2 * margin)
                svg += "<rect x=\"\(f(x))\" y=\"\(f(base - part))\" width=\"\(f(max(0.5, barWidth - 0.5)))\" height=\"\(f(part))\" fill=\"#c5221f\"/>\n"
            }
        }
        svg += "<text x=\"\(f(margin))\" y=\"\(f(top + 14))\" font-size=\"12\" fill=\"#202124\">cases per day, \(input.days[0]) to "
        svg += "\(input.days[days - 1])\(most.map { "; cluster \($0.rank) in red" } ?? "")</text>\n</g>\n"
        return svg
    }

    private static func f(_ value: Double) -> String { Markup.number(value) }

    private static func escape(_ text: String) -> String { Markup.escape(text) }
}
