import ArgumentParser
import Foundation
import VigilCore
import VigilDetection
import VigilKit

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find space-time clusters with a prospective scan statistic (SaTScan's definitions).",
        discussion: """
            cases.csv: location_id,date[,count]; locations.csv: location_id,lat,lon (or location_id,x,y in km); \
            population.csv (Poisson model): location_id,population. Windows end on --as-of (default: the last case \
            date) and start no earlier than --from (default: the first case date). Clusters are listed most likely \
            first; secondary clusters share no location with a stronger one.

            With --from-store, stored events are counted per county per day (at the bundled county centroids) over the \
            --study-days days ending on --as-of (default yesterday), and clusters with p ≤ --alert-p become alerts of \
            kind space-time-cluster ('vigil alerts'), updated while a cluster with the same centre persists. The Poisson             model needs --population with county FIPS codes (every county listed is scanned, with or without events).
            """)

    @Option(help: "The cases file (location_id,date[,count]).")
    var cases: String?

    @Option(help: "The locations file (location_id,lat,lon or location_id,x,y).")
    var locations: String?

    @Flag(help: "Scan the stored events (counties) and record alerts.")
    var fromStore = false

    @Option(help: "With --from-store: the days of the study period ending on --as-of.")
    var studyDays: Int = 365

    @Option(help: "With --from-store: clusters with a p-value at most this become alerts.")
    var alertP: Double = 0.05

    @Option(help: "With --from-store: aggregate events to square cells of this many km by their own coordinates.")
    var gridKm: Double?

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The population file (location_id,population), for --model poisson; with --from-store, county FIPS codes.")
    var population: String?

    @Option(help: "space-time-permutation or poisson.")
    var model: String = SpaceTimeScan.Model.permutation.rawValue

    @Option(help: "The first study day (YYYY-MM-DD).")
    var from: String?

    @Option(help: "The last study day, on which windows end (YYYY-MM-DD).")
    var asOf: String?

    @Option(help: "The largest share of cases (permutation) or population (Poisson) in a cluster, in (0, 0.5].")
    var maxSpatialFraction: Double = 0.5

    @Option(help: "The largest cluster radius in km.")
    var maxRadiusKm: Double?

    @Option(help: "The longest window in days (default: half the study period).")
    var maxTemporalDays: Int?

    @Option(help: "The fewest cases in a cluster.")
    var minCases: Int = 2

    @Option(help: "Monte Carlo replications (at least 9).")
    var replications: Int = 999

    @Option(help: "The Monte Carlo seed.")
    var seed: UInt64 = 1

    @Flag(help: "For public outputs: show each cluster's set of locations, not its centre and radius.")
    var regionsOnly = false

    @Option(help: "For public outputs: leave out clusters with fewer cases than this (10 suppresses counts 1–9).")
    var suppressBelow: Int = 0

    @Option(help: "Also draw the locations, the clusters and a timeline to this SVG file.")
    var svg: String?

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    func validate() throws {
        guard fromStore != (cases != nil || locations != nil) else {
            throw ValidationError("give either --cases and --locations, or --from-store")
        }
        if !fromStore, cases == nil || locations == nil { throw ValidationError("--cases and --locations go together") }
        guard suppressBelow >= 0 else { throw ValidationError("--suppress-below must not be negative") }
        guard (2...3_650).contains(studyDays) else { throw ValidationError("--study-days must be from 2 to 3650") }
        guard alertP > 0, alertP <= 1 else { throw ValidationError("--alert-p must be in (0, 1]") }
        if let gridKm, !(gridKm >= 0.05 && gridKm <= 1_000) { throw ValidationError("--grid-km must be from 0.05 to 1000") }
        guard let chosen = SpaceTimeScan.Model(rawValue: model) else {
            throw ValidationError("--model '\(model)' is not space-time-permutation or poisson")
        }
        if chosen == .poisson, population == nil { throw ValidationError("--model poisson needs --population FILE") }
        if chosen == .poisson, gridKm != nil { throw ValidationError("--model poisson scans counties; --grid-km cells have no population") }
        if let asOf, (CalendarDate(iso: asOf)?.year ?? 0) < 1900 { throw ValidationError("--as-of '\(asOf)' must be a date from 1900 on") }
        for (option, text) in [("--from", from), ("--as-of", asOf)] {
            if let text, CalendarDate(iso: text) == nil { throw ValidationError("\(option) '\(text)' is not a date of the form YYYY-MM-DD") }
        }
    }

    func run() async throws {
        try await reportingErrors {
            let scan = try SpaceTimeScan(
                .init(
                    model: SpaceTimeScan.Model(rawValue: model)!, maxSpatialFraction: maxSpatialFraction,
                    maxRadiusKilometres: maxRadiusKm, maxTemporalDays: maxTemporalDays, minimumCases: minCases,
                    replications: replications, seed: seed))
            if fromStore { return try await runOnStore(scan) }
            guard let cases, let locations else { return }
            let loaded = try ScanFileReader.read(
                cases: cases, locations: locations, population: population, from: from.flatMap(CalendarDate.init(iso:)),
                asOf: asOf.flatMap(CalendarDate.init(iso:)))
            let result = scan.run(loaded.input)
            if loaded.casesAfterAsOf > 0 { printError("note: \(loaded.casesAfterAsOf) cases after --as-of were not scanned") }
            var table = OutputTable(columns: [
                "cluster", "centre", "locations", "radius_km", "start", "end", "observed", "expected", "observed_over_expected",
                "llr", "p_value", "gumbel_p_value", "recurrence_days",
            ])
            let published = ScanPublication.publish(result.clusters, regionsOnly: regionsOnly, suppressBelow: suppressBelow)
            if published.suppressed > 0 {
                printError("note: \(published.suppressed) clusters with fewer than \(suppressBelow) cases are not shown")
            }
            if let svg {
                try ScanMap.svg(input: loaded.input, clusters: published.clusters).write(toFile: svg, atomically: true, encoding: .utf8)
            }
            for shown in published.clusters {
                let cluster = shown.cluster
                table.rows.append([
                    .integer(shown.rank), shown.centre.map(Cell.text) ?? .null,
                    .text(format == .table && cluster.locations.count > 4
                        ? "\(cluster.locations.count): " + cluster.locations.prefix(3).joined(separator: ";") + ";…"
                        : cluster.locations.joined(separator: ";")),
                    shown.radiusKilometres.map { .number(($0 * 100).rounded() / 100) } ?? .null, .text(cluster.start.description),
                    .text(cluster.end.description), .integer(cluster.observed), .number((cluster.expected * 100).rounded() / 100),
                    .number((cluster.relativeRisk * 100).rounded() / 100),
                    .number((cluster.logLikelihoodRatio * 1_000_000).rounded() / 1_000_000), .number(cluster.pValue),
                    .number(Double(String(format: "%.3g", cluster.gumbelPValue)) ?? cluster.gumbelPValue),
                    .number((cluster.recurrenceIntervalDays * 10).rounded() / 10),
                ])
            }
            if format == .table {
                let days = loaded.input.days
                print("Prospective \(model) scan: \(result.totalCases) cases, \(loaded.input.locationIDs.count) locations, "
                      + "\(days.first.map(\.description) ?? "-") to \(days.last.map(\.description) ?? "-"), "
                      + "\(result.replications) replications (seed \(seed))")
                if result.clusters.isEmpty { print("no clusters") }
            }
            if !(format == .table && result.clusters.isEmpty) { print(table.render(format), terminator: "") }
        }
    }

    private func runOnStore(_ scan: SpaceTimeScan) async throws {
        let store = try await storeOptions.openStore()
        let now = Date()
        let day = lastCompleteDay(asOf, now: now)
        let populations = try population.map { try ScanFileReader.readCountyPopulation($0) }
        let outcome = try await StoreScan(events: store, alerts: store, samples: store).run(
            scan, asOf: day, studyDays: studyDays, alertLevel: alertP, now: Int64(now.timeIntervalSince1970), gridKilometres: gridKm,
            populations: populations)
        if outcome.eventsWithoutCounty > 0 {
            printError("note: \(outcome.eventsWithoutCounty) events without a county were not scanned")
        }
        let summary = "Prospective scan of stored events, \(outcome.days.first!) to \(outcome.days.last!): "
            + "\(outcome.result.totalCases) events, \(outcome.result.clusters.count) clusters, \(outcome.alerts.count) alerts (p ≤ \(alertP))"
        // Only the table carries a heading; csv and json stay machine-readable.
        if format == .table { print(summary) } else { printError(summary) }
        print(AlertTable.render(outcome.alerts, format: format), terminator: "")
    }
}
