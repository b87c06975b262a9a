import ArgumentParser
import Foundation
import VigilCore
import VigilKit
import VigilReach
import VigilStore

struct PlaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "place",
        abstract: "Choose k new sites (naloxone boxes, outreach stops) that cover the most overdoses within a radius.",
        discussion: """
            Candidates: --sites FILE (site_id,lat,lon) or --grid KM (cell centres over the events). Events: --events FILE \
            (lat,lon[,weight]) or --from-store [--since DATE] (stored events, at their coordinates or their county's \
            centroid; --half-life-days and --fatal-weight weight them by recency and fatality). The maximal covering location \
            problem: greedy (lazy evaluation; within 1 − 1/e of the optimum, and the output gives an upper bound), or with \
            --exact branch and bound, proven optimal, for small instances. One row per chosen site: site_id, lat, lon, \
            newly_covered, total_covered (events; weights in newly_weight, total_weight). --svg draws the counties of the \
            events with each chosen site's coverage circle.
            """)

    @Option(help: "Candidate sites (site_id,lat,lon).") var sites: String?
    @Option(help: "Candidate sites on a grid of this spacing in km.") var grid: Double?
    @Option(help: "Events (lat,lon[,weight]).") var events: String?
    @Flag(help: "Use the stored events.") var fromStore = false
    @Option(help: "With --from-store: only events from this day (YYYY-MM-DD).") var since: String?
    @Option(help: "With --from-store: an event this many days older than the newest weighs half.") var halfLifeDays: Double?
    @Option(help: "With --from-store: the weight of a fatal event (others 1).") var fatalWeight = 1.0
    @Option(help: "How many sites to choose.") var budget: Int
    @Option(help: "An event within this many km of a site is covered.") var radiusKm: Double
    @Flag(help: "Solve exactly (branch and bound; small instances).") var exact = false
    @Option(help: "Write a map (SVG) here.") var svg: String?
    @Option(help: "table, csv or json.") var format: OutputFormat = .table
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        guard (sites == nil) != (grid == nil) else { throw ValidationError("give either --sites FILE or --grid KM") }
        guard (events == nil) != !fromStore else { throw ValidationError("give either --events FILE or --from-store") }
        if !fromStore, since != nil || halfLifeDays != nil || fatalWeight != 1 {
            throw ValidationError("--since, --half-life-days and --fatal-weight weigh stored events; use them with --from-store")
        }
        if let halfLifeDays, !(halfLifeDays > 0) { throw ValidationError("--half-life-days must be positive") }
        guard fatalWeight >= 0, fatalWeight.isFinite else { throw ValidationError("--fatal-weight must be 0 or more") }
    }

    func run() async throws {
        try await reportingErrors {
            let demand: [ServicePlacement.Demand]
            if let events {
                demand = try ServicePlacement.readEvents(events)
            } else {
                let filter = EventFilter(from: try since.map { try FilterOptions.date($0, option: "--since") })
                demand = try await ServicePlacement.storedEvents(
                    try await storeOptions.openStore(), filter: filter, weighting: .init(halfLifeDays: halfLifeDays, fatalWeight: fatalWeight))
            }
            guard !demand.isEmpty else {
                throw ValidationError(fromStore ? "no stored events with a place" + (since.map { " since \($0)" } ?? "") + "; nothing to cover" : "\(events!) lists no events")
            }
            let candidates = try sites.map(ServicePlacement.readSites) ?? ServicePlacement.grid(kilometres: grid!, over: demand)
            guard budget <= candidates.count else {
                throw ValidationError("--budget \(budget) is more than the \(candidates.count) candidate sites; choose at most \(candidates.count)")
            }
            let plan = try ServicePlacement().plan(candidates: candidates, demand: demand, radiusKilometres: radiusKm, budget: budget, exact: exact)
            var table = OutputTable(columns: ["site_id", "lat", "lon", "newly_covered", "total_covered", "newly_weight", "total_weight"])
            var (count, weight) = (0, 0.0)
            for site in plan.solution.sites {
                let candidate = candidates[site.candidate]
                count += site.newlyCoveredCount
                weight += site.newlyCoveredWeight
                table.rows.append([
                    .text(candidate.id), .number(candidate.location.latitude), .number(candidate.location.longitude), .integer(site.newlyCoveredCount),
                    .integer(count), .number(site.newlyCoveredWeight), .number(weight),
                ])
            }
            print(table.render(format), terminator: "")
            let solution = plan.solution
            printError(
                String(format: "%d sites cover %d of %d events (weight %.1f of %.1f, %.1f %%); ", solution.sites.count, solution.coveredCount,
                       solution.demandCount, solution.coveredWeight, solution.totalWeight, 100 * (solution.coveredShare ?? 0))
                    + (solution.isProvenOptimal ? "proven optimal" : String(format: "no %d sites can cover more than weight %.1f", budget, solution.upperBoundWeight))
                    + (solution.sites.count < budget ? "; no further site adds coverage" : ""))
            if let svg { try drawMap(plan, to: svg) }
        }
    }

    private func drawMap(_ plan: ServicePlacement.Plan, to path: String) throws {
        try ReachMaps.placement(plan).write(toFile: path, atomically: true, encoding: .utf8)
        printError("map written to \(path)")
    }
}
