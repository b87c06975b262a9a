public import VigilCore
import VigilReach

/// The county maps of access and placement, as `vigil access --svg`, `vigil place --svg` and the dashboard's
/// access pages draw them (``CountyChoropleth`` over the bundled outlines).
public enum ReachMaps {
    /// What the access map shades.
    public enum Shade: String, Sendable, CaseIterable {
        /// The median distance from an overdose to the nearest facility.
        case distance
        /// Overdoses per unit of stated capacity, or per facility where a county's facilities state none.
        case burden
    }

    /// The counties with overdoses, shaded.
    /// - Throws: `CocoaError` when the bundled outlines are missing.
    public static func access(_ outcome: TreatmentAccess.Outcome, kind: ServiceKind, shade: Shade = .distance) throws -> String {
        let rows = outcome.report.regions.filter { $0.region.level == .county && $0.eventCount > 0 }
        let values: [RegionCode: Double] = Dictionary(uniqueKeysWithValues: rows.compactMap { row in
            switch shade {
            case .distance:
                return row.medianKilometres.map { (row.region, $0) }
            case .burden:
                if let capacity = outcome.capacity[row.region], capacity > 0 { return (row.region, Double(row.eventCount) / Double(capacity)) }
                return row.facilityCount > 0 ? (row.region, Double(row.eventCount) / Double(row.facilityCount)) : nil
            }
        })
        let caption = shade == .burden
            ? "Overdoses per \(kind.rawValue) capacity (per facility where capacity is not stated)"
            : "Median km from an overdose to the nearest \(kind.rawValue)"
        return CountyChoropleth.svg(values: values, counties: rows.map(\.region), boundaries: try CountyBoundaries.bundled(), caption: caption)
    }

    /// The counties of the demand, shaded by its weight, with each chosen site and its reach.
    /// - Throws: `CocoaError` when the bundled outlines are missing.
    public static func placement(_ plan: ServicePlacement.Plan) throws -> String {
        let boundaries = try CountyBoundaries.bundled()
        var weights: [RegionCode: Double] = [:]
        for demand in plan.demand {
            if let county = boundaries.county(containing: demand.location) { weights[county, default: 0] += demand.weight }
        }
        let radius = plan.solution.parameters.radiusKilometres
        let circles = plan.solution.sites.map { site in
            let candidate = plan.candidates[site.candidate]
            return CountyChoropleth.Circle(
                centre: candidate.location, radiusKilometres: radius, label: "\(candidate.id): \(site.newlyCoveredCount) overdoses newly covered")
        }
        return CountyChoropleth.svg(
            values: weights, counties: weights.keys.sorted(), boundaries: boundaries,
            caption: "Overdoses per county (weighted); chosen sites and their \(Markup.number(radius)) km reach", circles: circles)
    }
}
