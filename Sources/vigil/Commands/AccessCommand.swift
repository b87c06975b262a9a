import ArgumentParser
import Foundation
import VigilCore
import VigilKit
import VigilReach

struct AccessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "How far overdoses happen from care: per county, events, rates, distances to the nearest facility, facilities.",
        discussion: """
            The stored events (filters as 'vigil events') against the stored service locations ('vigil import --kind \
            services'). Columns: region, name, events, rate_per_100k, median_km, p90_km (R's type 7 quantiles of the \
            great-circle distance from each event to the nearest facility of --kind), facilities, facilities_per_100k, \
            share_over_10_km, share_over_25_km, share_over_50_km; one row per county with events (--all-regions adds those \
            with facilities only). Rates need --population (county FIPS,population): Vigil \
            does not bundle populations. Events without coordinates stand at their county's centroid. --svg draws the \
            counties with events shaded by median distance (or, with --shade burden, events per unit of capacity, or per facility where capacity is not stated).
            """)

    @OptionGroup var filterOptions: FilterOptions
    @Option(help: "otp, treatment, naloxone or outreach: the facilities distances are measured to.") var kind = ServiceKind.otp.rawValue
    @Option(help: "county or state.") var by = TreatmentAccess.Grouping.county.rawValue
    @Option(help: "A population file (location_id,population with county FIPS codes), for rates.") var population: String?
    @Flag(help: "Also list regions with facilities but no events.") var allRegions = false
    @Option(help: "Write a county map (SVG) here.") var svg: String?
    @Option(help: "With --svg: distance (median km) or burden (events per capacity, or per facility).") var shade = "distance"
    @Option(help: "table, csv or json.") var format: OutputFormat = .table
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        guard ServiceKind(rawValue: kind) != nil else {
            throw ValidationError("--kind '\(kind)' is not one of " + ServiceKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard TreatmentAccess.Grouping(rawValue: by) != nil else { throw ValidationError("--by '\(by)' is not county or state") }
        guard ReachMaps.Shade(rawValue: shade) != nil else { throw ValidationError("--shade '\(shade)' is not distance or burden") }
    }

    func run() async throws {
        try await reportingErrors {
            let store = try await storeOptions.openStore()
            let populations = try population.map { try ScanFileReader.readCountyPopulation($0).mapValues { Int($0.rounded()) } } ?? [:]
            let outcome = try await TreatmentAccess(events: store, locations: store).run(
                kind: ServiceKind(rawValue: kind)!, filter: try filterOptions.makeFilter(), grouping: TreatmentAccess.Grouping(rawValue: by)!,
                populations: populations)
            var table = OutputTable(columns: [
                "region", "name", "events", "rate_per_100k", "median_km", "p90_km", "facilities", "facilities_per_100k", "share_over_10_km",
                "share_over_25_km", "share_over_50_km",
            ])
            func rounded(_ value: Double?, _ places: Double) -> Cell { value.map { .number(($0 * places).rounded() / places) } ?? .null }
            for row in outcome.report.regions where row.eventCount > 0 || (allRegions && row.facilityCount > 0) {
                let name = RegionCatalog.standard.region(row.region)?.name ?? (row.region.rawValue == "US" ? "no county" : row.region.rawValue)
                table.rows.append(
                    [.text(row.region.rawValue), .text(name), .integer(row.eventCount), rounded(row.eventsPerHundredThousand, 100),
                     rounded(row.medianKilometres, 100), rounded(row.percentile90Kilometres, 100), .integer(row.facilityCount),
                     rounded(row.facilitiesPerHundredThousand, 100)]
                        + row.beyond.map { rounded($0.share, 10_000) })
            }
            print(table.render(format), terminator: "")
            printError(
                "\(outcome.events) events (\(outcome.eventsAtCentroid) at their county's centroid; \(outcome.eventsWithoutPlace) without a place, left out); "
                    + "facilities: " + ServiceKind.allCases.map { "\(outcome.facilities[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
                    + (populations.isEmpty ? "; no --population, so no rates" : ""))
            if let svg { try drawMap(outcome, to: svg) }
        }
    }

    private func drawMap(_ outcome: TreatmentAccess.Outcome, to path: String) throws {
        guard by == "county" else { throw ValidationError("--svg draws counties; use it with --by county") }
        try ReachMaps.access(outcome, kind: ServiceKind(rawValue: kind)!, shade: ReachMaps.Shade(rawValue: shade)!)
            .write(toFile: path, atomically: true, encoding: .utf8)
        printError("map written to \(path)")
    }
}
