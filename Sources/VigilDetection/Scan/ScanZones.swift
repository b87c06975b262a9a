/// The circles of a scan, the same in the observed data and in every replication: for each centre,
/// its nearest locations in order while the circle stays within the size and radius limits, with
/// the circle's size (cases or population) after each one joins.
struct ScanZones {
    /// Members of all circles, centre by centre: centre c's are `members[starts[c]..<starts[c + 1]]`.
    let members: [Int]
    /// The circle's size once `members[i]` has joined.
    let sizes: [Double]
    /// Where each centre's members start, plus the end.
    let starts: [Int]

    init(_ geometry: ScanGeometry, _ measure: Measure, maxFraction: Double, maxRadiusKilometres: Double?) {
        let cap = maxFraction * measure.total
        var members: [Int] = []
        var sizes: [Double] = []
        var starts = [0]
        for centre in geometry.neighbours.indices {
            var size = 0.0
            for location in geometry.neighbours[centre] {
                let next = size + measure.size(of: location)
                if next > cap { break }
                if let radius = maxRadiusKilometres, geometry.distance(centre, location) > radius { break }
                size = next
                members.append(location)
                sizes.append(size)
            }
            starts.append(members.count)
        }
        self.members = members
        self.sizes = sizes
        self.starts = starts
    }
}
