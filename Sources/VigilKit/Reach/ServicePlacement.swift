import Foundation
public import VigilCore
public import VigilReach
public import VigilStore

/// Where to put k new sites (naloxone boxes, outreach stops, a mobile unit) so that they reach the most
/// overdoses (`vigil place`, the dashboard's placement tool): candidate sites from a file or a grid, events
/// from a file or the store (optionally weighted by recency and fatality), and the maximal covering solution
/// of ``VigilReach/MaximalCovering`` (greedy, or exact for small instances).
public struct ServicePlacement: Sendable {
    /// A candidate site.
    public struct Site: Hashable, Sendable {
        /// Its name.
        public var id: String
        /// Where it is.
        public var location: GeoPoint
    }

    /// A point of demand: an overdose event's place and weight.
    public struct Demand: Hashable, Sendable {
        public var location: GeoPoint
        public var weight: Double
    }

    /// How stored events are weighted.
    public struct Weighting: Hashable, Sendable {
        /// An event this many days older than the newest weighs half as much; `nil` for no decay.
        public var halfLifeDays: Double?
        /// A fatal event weighs this much (others 1).
        public var fatalWeight: Double

        /// A weighting; by default every event weighs 1.
        public init(halfLifeDays: Double? = nil, fatalWeight: Double = 1) {
            self.halfLifeDays = halfLifeDays
            self.fatalWeight = fatalWeight
        }
    }

    /// A file that cannot be used: the file, line and what is wrong.
    public struct InputError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The chosen sites and the solution.
    public struct Plan: Sendable {
        /// The candidates, as given.
        public var candidates: [Site]
        /// The demand points.
        public var demand: [Demand]
        /// The solution (its sites index `candidates`).
        public var solution: CoveringSolution
    }

    public init() {}

    /// Candidate sites from a file with the header `site_id,lat,lon`.
    public static func readSites(_ path: String) throws -> [Site] {
        let file = try csv(path)
        guard file.header.starts(with: ["site_id", "lat", "lon"]) else { throw InputError(message: "\(path):1: the header must be site_id,lat,lon") }
        var seen = Set<String>()
        return try file.rows.map { line, fields in
            guard seen.insert(fields[0]).inserted else { throw InputError(message: "\(path):\(line): site '\(fields[0])' is listed twice") }
            return Site(id: fields[0], location: try point(fields[1], fields[2], path: path, line: line))
        }
    }

    /// Demand points from a file with the header `lat,lon` or `lat,lon,weight`.
    public static func readEvents(_ path: String) throws -> [Demand] {
        let file = try csv(path)
        guard file.header.starts(with: ["lat", "lon"]) else { throw InputError(message: "\(path):1: the header must be lat,lon[,weight]") }
        return try file.rows.map { line, fields in
            var weight = 1.0
            if fields.count > 2, !fields[2].isEmpty {
                guard let value = Double(fields[2]), value.isFinite, value >= 0 else {
                    throw InputError(message: "\(path):\(line): weight '\(fields[2])' is not a number of 0 or more")
                }
                weight = value
            }
            return Demand(location: try point(fields[0], fields[1], path: path, line: line), weight: weight)
        }
    }

    /// Demand points from the stored events of a filter, weighted.
    public static func storedEvents(_ store: any EventStore, filter: EventFilter, weighting: Weighting, regions: RegionCatalog = .standard)
        async throws -> [Demand]
    {
        let events = try await store.fetchEvents(filter)
        let newest = events.map(\.occurredAt.localDate.dayNumber).max() ?? 0
        return events.compactMap { event in
            guard let point = event.location ?? event.region.flatMap({ regions.region($0)?.centroid }) else { return nil }
            var weight = event.outcome == .fatal ? weighting.fatalWeight : 1
            if let halfLife = weighting.halfLifeDays {
                weight *= pow(0.5, Double(newest - event.occurredAt.localDate.dayNumber) / halfLife)
            }
            return Demand(location: point, weight: weight)
        }
    }

    /// Candidate sites at the centres of square cells of `kilometres` over the demand points' extent.
    public static func grid(kilometres: Double, over demand: [Demand]) throws -> [Site] {
        guard kilometres > 0, kilometres.isFinite else { throw InputError(message: "the grid spacing must be a positive number of kilometres") }
        guard let south = demand.map(\.location.latitude).min(), let north = demand.map(\.location.latitude).max(),
            let west = demand.map(\.location.longitude).min(), let east = demand.map(\.location.longitude).max()
        else { throw InputError(message: "there are no events to lay a grid over") }
        let step = kilometres / 111.195
        let rows = Int(((north - south) / step).rounded(.up)) + 1
        let middle = cos((north + south) / 2 * .pi / 180)
        let columnStep = step / max(0.05, middle)
        let columns = Int(((east - west) / columnStep).rounded(.up)) + 1
        guard rows * columns <= 2_000_000 else {
            throw InputError(message: "a \(kilometres) km grid over these events has \(rows * columns) cells; use a wider spacing (at most 2,000,000 cells)")
        }
        var sites: [Site] = []
        for row in 0..<rows {
            for column in 0..<columns {
                let latitude = min(90, south + Double(row) * step)
                let longitude = min(180, west + Double(column) * columnStep)
                sites.append(Site(id: "grid-\(row)-\(column)", location: try GeoPoint(latitude: latitude, longitude: longitude)))
            }
        }
        return sites
    }

    /// Chooses `budget` sites.
    /// - Throws: ``VigilReach/ReachError`` for a radius of 0 or less, a budget below 1 or above the number of
    ///   candidates, no demand, or an instance too large for `exact`.
    public func plan(candidates: [Site], demand: [Demand], radiusKilometres: Double, budget: Int, exact: Bool) throws -> Plan {
        let covering = try MaximalCovering(.init(radiusKilometres: radiusKilometres, budget: budget))
        let sets = try covering.coverage(candidates: candidates.map(\.location), demand: demand.map(\.location), weights: demand.map(\.weight))
        let solution = exact ? try covering.exact(sets) : try covering.greedy(sets)
        return Plan(candidates: candidates, demand: demand, solution: solution)
    }

    private static func csv(_ path: String) throws -> SmallCSV {
        do { return try SmallCSV(path: path) } catch let problem as SmallCSV.Problem {
            throw InputError(message: "\(path):\(problem.line): \(problem.reason)")
        }
    }

    private static func point(_ latitude: String, _ longitude: String, path: String, line: Int) throws -> GeoPoint {
        guard let lat = Double(latitude), let lon = Double(longitude) else {
            throw InputError(message: "\(path):\(line): coordinates '\(latitude)', '\(longitude)' are not numbers")
        }
        do { return try GeoPoint(latitude: lat, longitude: lon) } catch { throw InputError(message: "\(path):\(line): \(error.message)") }
    }
}
