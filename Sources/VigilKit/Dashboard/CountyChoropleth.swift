import Foundation
public import VigilCore

/// A map of counties drawn from their bundled outlines, shaded by a value (distance to care, burden per
/// capacity), with optional circles (chosen sites and what they cover) and points (facilities): `vigil access
/// --svg`, `vigil place --svg` and the dashboard's access page. Projection: longitude scaled by the cosine of
/// the map's middle latitude (equirectangular), enough for a state or a region.
public enum CountyChoropleth {
    /// A circle on the map: a site and the distance it reaches.
    public struct Circle: Sendable {
        public var centre: GeoPoint
        public var radiusKilometres: Double
        public var label: String

        public init(centre: GeoPoint, radiusKilometres: Double, label: String) {
            self.centre = centre
            self.radiusKilometres = radiusKilometres
            self.label = label
        }
    }

    /// A point on the map: a facility.
    public struct Point: Sendable {
        public var location: GeoPoint
        public var label: String

        public init(location: GeoPoint, label: String) {
            self.location = location
            self.label = label
        }
    }

    /// Sequential shades, light to dark (ColorBrewer's Oranges, 5 classes).
    static let shades = ["#feedde", "#fdbe85", "#fd8d3c", "#e6550d", "#a63603"]

    /// The SVG of counties shaded by `values` in 5 classes of equal width between their smallest and largest
    /// (grey where a county has no value), with circles and points over them.
    /// - Parameters:
    ///   - counties: The counties to draw; the map fits them (and the circles).
    ///   - caption: What the values are, with their unit, for the legend.
    public static func svg(
        values: [RegionCode: Double], counties: [RegionCode], boundaries: CountyBoundaries, caption: String, circles: [Circle] = [],
        points: [Point] = [], width: Double = 640, height: Double = 440
    ) -> String {
        let shapes = counties.compactMap { boundaries.shapes[$0] }
        let title = Markup.escape(caption)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(title)\"><title>\(title)</title>\n"
        guard !shapes.isEmpty else { return svg + "<text x=\"10\" y=\"40\" font-size=\"14\" fill=\"#3c4043\">No counties to draw</text></svg>\n" }
        var (west, south, east, north) = shapes.reduce((Double.infinity, Double.infinity, -Double.infinity, -Double.infinity)) {
            (min($0.0, $1.bounds.west), min($0.1, $1.bounds.south), max($0.2, $1.bounds.east), max($0.3, $1.bounds.north))
        }
        for circle in circles {
            let degrees = circle.radiusKilometres / 111.195
            let stretch = degrees / max(0.05, cos(circle.centre.latitude * .pi / 180))
            (west, east) = (min(west, circle.centre.longitude - stretch), max(east, circle.centre.longitude + stretch))
            (south, north) = (min(south, circle.centre.latitude - degrees), max(north, circle.centre.latitude + degrees))
        }
        let legendHeight = 40.0
        let cosine = cos((north + south) / 2 * .pi / 180)
        let scale = min((width - 20) / max(1e-6, (east - west) * cosine), (height - legendHeight - 20) / max(1e-6, north - south))
        func x(_ longitude: Double) -> Double { 10 + (longitude - west) * cosine * scale }
        func y(_ latitude: Double) -> Double { 10 + (north - latitude) * scale }
        func f(_ value: Double) -> String { Markup.number(value) }
        let shown = shapes.compactMap { values[$0.region] }
        let low = shown.min() ?? 0
        let high = shown.max() ?? 0
        func shade(_ value: Double) -> String {
            guard high > low else { return shades[2] }
            return shades[min(shades.count - 1, Int((value - low) / (high - low) * Double(shades.count)))]
        }
        for shape in shapes {
            var path = ""
            for polygon in shape.polygons {
                for ring in polygon {
                    path += "M" + ring.map { "\(f(x($0.longitude))),\(f(y($0.latitude)))" }.joined(separator: "L") + "Z"
                }
            }
            let name = RegionCatalog.standard.region(shape.region)?.name ?? shape.region.rawValue
            let value = values[shape.region]
            let label = Markup.escape(name) + (value.map { ": " + String(format: "%.1f", $0) } ?? ": no value")
            svg += "<path class=\"county\" data-region=\"\(shape.region.rawValue)\" d=\"\(path)\" fill=\"\(value.map(shade) ?? "#e8eaed")\" "
            svg += "fill-rule=\"evenodd\" stroke=\"#ffffff\" stroke-width=\"0.5\"><title>\(label)</title></path>\n"
        }
        for point in points {
            svg += "<circle class=\"facility\" cx=\"\(f(x(point.location.longitude)))\" cy=\"\(f(y(point.location.latitude)))\" r=\"2.5\" "
            svg += "fill=\"#1a73e8\"><title>\(Markup.escape(point.label))</title></circle>\n"
        }
        for circle in circles {
            let radiusY = circle.radiusKilometres / 111.195 * scale
            let radiusX = radiusY * cosine / max(0.05, cos(circle.centre.latitude * .pi / 180))
            let (cx, cy) = (f(x(circle.centre.longitude)), f(y(circle.centre.latitude)))
            svg += "<ellipse class=\"coverage\" cx=\"\(cx)\" cy=\"\(cy)\" rx=\"\(f(radiusX))\" ry=\"\(f(radiusY))\" fill=\"#1e8e3e\" fill-opacity=\"0.15\" "
            svg += "stroke=\"#1e8e3e\"><title>\(Markup.escape(circle.label))</title></ellipse>\n"
            svg += "<circle class=\"site\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"3\" fill=\"#1e8e3e\"><title>\(Markup.escape(circle.label))</title></circle>\n"
        }
        let legendTop = height - legendHeight + 8
        svg += "<text x=\"10\" y=\"\(f(legendTop))\" font-size=\"11\" fill=\"#3c4043\">\(title)</text>\n"
        for (index, colour) in shades.enumerated() {
            let from = low + (high - low) * Double(index) / Double(shades.count)
            svg += "<rect x=\"\(f(10 + Double(index) * 70))\" y=\"\(f(legendTop + 6))\" width=\"20\" height=\"12\" fill=\"\(colour)\"/>"
            svg += "<text x=\"\(f(34 + Double(index) * 70))\" y=\"\(f(legendTop + 16))\" font-size=\"10\" fill=\"#3c4043\">≥ \(String(format: "%.1f", from))</text>\n"
        }
        return svg + "</svg>\n"
    }
}
