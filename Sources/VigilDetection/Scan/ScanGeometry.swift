import Foundation

/// Neighbour orders and distances, computed once per input.
struct ScanGeometry {
    /// For each centre, all locations nearest first (the centre itself first).
    let neighbours: [[Int]]
    private let points: [SIMD3<Double>]

    init(_ input: ScanInput) {
        points = input.coordinates.map(\.point)
        let points = self.points
        neighbours = points.indices.map { centre in
            points.indices.sorted { a, b in
                let (da, db) = (Self.squaredDistance(points[centre], points[a]), Self.squaredDistance(points[centre], points[b]))
                if da != db { return da < db }
                let (pa, pb) = (points[a], points[b])
                return (pa.x, pa.y, pa.z, a) < (pb.x, pb.y, pb.z, b)
            }
        }
    }

    /// The chord distance between two locations, in kilometres.
    func distance(_ a: Int, _ b: Int) -> Double { Self.squaredDistance(points[a], points[b]).squareRoot() }

    private static func squaredDistance(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
        let d = a - b
        return (d * d).sum()
    }
}
