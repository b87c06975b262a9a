import Foundation
public import VigilCore

/// The outlines of US counties (Census 1:20,000,000 cartographic boundaries, bundled): which county a point
/// lies in, and the shapes that maps draw.
public struct CountyBoundaries: Sendable {
    /// One county's outline: polygons of rings (the first ring of a polygon is its outer edge, later ones
    /// holes), points as (longitude, latitude), and the bounding box.
    public struct Shape: Sendable {
        /// The county.
        public var region: RegionCode
        /// The polygons; each is a list of rings of (longitude, latitude).
        public var polygons: [[[(longitude: Double, latitude: Double)]]]
        /// The smallest and largest longitude and latitude.
        public var bounds: (west: Double, south: Double, east: Double, north: Double)

        /// Whether a point is inside (even–odd rule over every ring, so holes are outside).
        public func contains(longitude: Double, latitude: Double) -> Bool {
            guard longitude >= bounds.west, longitude <= bounds.east, latitude >= bounds.south, latitude <= bounds.north else { return false }
            var inside = false
            for polygon in polygons {
                for ring in polygon {
                    var previous = ring[ring.count - 1]
                    for point in ring {
                        if (point.latitude > latitude) != (previous.latitude > latitude),
                            longitude < (previous.longitude - point.longitude) * (latitude - point.latitude) / (previous.latitude - point.latitude) + point.longitude
                        {
                            inside.toggle()
                        }
                        previous = point
                    }
                }
            }
            return inside
        }
    }

    /// Every county's shape, by code.
    public let shapes: [RegionCode: Shape]

    /// The bundled boundaries.
    /// - Throws: `CocoaError` when the bundled file is missing (a broken installation).
    public static func bundled() throws -> CountyBoundaries {
        guard let url = Bundle.module.url(forResource: "us_counties_20m", withExtension: "txt", subdirectory: "Boundaries") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "the bundled county boundaries are missing; reinstall Vigil"])
        }
        return CountyBoundaries(text: try String(contentsOf: url, encoding: .utf8))
    }

    /// Boundaries from the bundled file's text format (see `Boundaries/README.md`).
    init(text: String) {
        var shapes: [RegionCode: Shape] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "|")
            guard let code = parts.first.flatMap({ RegionCode(rawValue: String($0)) }) else { continue }
            var bounds = (west: Double.infinity, south: Double.infinity, east: -Double.infinity, north: -Double.infinity)
            let polygons = parts.dropFirst().map { polygon in
                polygon.split(separator: ";").map { ring in
                    ring.split(separator: " ").compactMap { pair -> (longitude: Double, latitude: Double)? in
                        let xy = pair.split(separator: ",")
                        guard xy.count == 2, let x = Double(xy[0]), let y = Double(xy[1]) else { return nil }
                        bounds = (min(bounds.west, x), min(bounds.south, y), max(bounds.east, x), max(bounds.north, y))
                        return (x, y)
                    }
                }.filter { $0.count >= 3 }
            }
            shapes[code] = Shape(region: code, polygons: polygons, bounds: bounds)
        }
        self.shapes = shapes
    }

    /// The county a point lies in; Connecticut's legacy counties (09001–09015) unless `planningRegions`.
    public func county(containing point: GeoPoint, planningRegions: Bool = false) -> RegionCode? {
        for (code, shape) in shapes where shape.contains(longitude: point.longitude, latitude: point.latitude) {
            let isPlanningRegion = code.rawValue.hasPrefix("091")
            if isPlanningRegion == planningRegions || !code.rawValue.hasPrefix("09") { return code }
        }
        return nil
    }
}
