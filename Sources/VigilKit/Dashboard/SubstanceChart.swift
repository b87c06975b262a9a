import VigilCore

/// The drug-market chart: the share of samples containing each of the most frequent substances, month
/// by month, one line each, with a ring where a substance was first seen in the area.
public enum SubstanceChart {
    /// Line colours, distinguishable for common colour-vision deficiencies (Okabe–Ito).
    static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    /// The SVG of the first `limit` substances of a summary.
    public static func svg(_ summary: DrugMarketSummary, limit: Int = 8, width: Double = 640, height: Double = 260) -> String {
        let title = "Share of samples containing each substance, by month"
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(title)\"><title>\(title)</title>\n"
        guard summary.samples.contains(where: { $0 > 0 }) else {
            return svg + "<text x=\"10\" y=\"40\" font-size=\"14\" fill=\"#3c4043\">No samples in these months</text></svg>\n"
        }
        let margin = (left: 40.0, right: 150.0, top: 12.0, bottom: 24.0)
        let plotWidth = width - margin.left - margin.right
        let plotHeight = height - margin.top - margin.bottom
        let step = summary.months.count > 1 ? plotWidth / Double(summary.months.count - 1) : 0
        func x(_ month: Int) -> Double { margin.left + Double(month) * step }
        func y(_ share: Double) -> Double { margin.top + plotHeight * (1 - share) }
        func f(_ value: Double) -> String { Markup.number(value) }
        svg += "<text x=\"4\" y=\"\(f(margin.top + 4))\" font-size=\"11\" fill=\"#3c4043\">100%</text>\n"
        svg += "<text x=\"4\" y=\"\(f(height - margin.bottom))\" font-size=\"11\" fill=\"#3c4043\">0%</text>\n"
        for (index, line) in summary.lines.prefix(limit).enumerated() {
            let colour = colours[index % colours.count]
            var points: [String] = []
            for month in summary.months.indices where summary.samples[month] > 0 {
                points.append("\(f(x(month))),\(f(y(Double(line.counts[month]) / Double(summary.samples[month]))))")
            }
            let name = Markup.escape(line.name)
            svg += "<polyline class=\"substance\" data-substance=\"\(Markup.escape(line.key))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" "
            svg += "points=\"\(points.joined(separator: " "))\"><title>\(name)</title></polyline>\n"
            if let month = summary.months.lastIndex(where: { $0 <= line.firstSeen }), line.firstSeen >= summary.months[0], summary.samples[month] > 0 {
                let share = Double(line.counts[month]) / Double(summary.samples[month])
                svg += "<circle class=\"first-seen\" cx=\"\(f(x(month)))\" cy=\"\(f(y(share)))\" r=\"6\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\">"
                svg += "<title>\(name) first seen \(line.firstSeen)</title></circle>\n"
            }
            let legendY = margin.top + 14 + Double(index) * 16
            svg += "<rect x=\"\(f(width - margin.right + 10))\" y=\"\(f(legendY - 9))\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
            svg += "<text x=\"\(f(width - margin.right + 24))\" y=\"\(f(legendY))\" font-size=\"11\" fill=\"#3c4043\">\(name)\(line.isDangerous ? " ⚠" : "")</text>\n"
        }
        svg += "<text x=\"\(f(margin.left))\" y=\"\(f(height - 6))\" font-size=\"11\" fill=\"#3c4043\">\(summary.months.first!.description.prefix(7))</text>\n"
        svg += "<text x=\"\(f(width - margin.right))\" y=\"\(f(height - 6))\" font-size=\"11\" fill=\"#3c4043\" text-anchor=\"end\">\(summary.months.last!.description.prefix(7))</text>\n"
        return svg + "</svg>\n"
    }
}
