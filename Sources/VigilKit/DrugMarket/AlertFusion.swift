public import VigilCore
public import VigilStore

/// Joins the drug market to overdose alerts: the drug samples collected in an alert's area and days
/// (counts, substances, when each was first seen in the area, which are new to it), the substances
/// recorded on the overdose events themselves, and a severity raised to red when a dangerous or new
/// substance is among the samples.
public struct AlertFusion: Sendable {
    /// Where and when to look for samples around an alert.
    public struct Area: Hashable, Sendable {
        /// Regions whose samples count (a state includes its counties).
        public var regions: [RegionCode]
        /// Samples with coordinates within ``radiusKilometres`` of this point count too.
        public var centre: GeoPoint?
        /// The distance around ``centre``.
        public var radiusKilometres: Double?
        /// The first day searched.
        public var from: CalendarDate
        /// The last day searched.
        public var to: CalendarDate

        /// An area.
        public init(regions: [RegionCode], centre: GeoPoint? = nil, radiusKilometres: Double? = nil, from: CalendarDate, to: CalendarDate) {
            self.regions = regions
            self.centre = centre
            self.radiusKilometres = radiusKilometres
            self.from = from
            self.to = to
        }
    }

    private let samples: any SampleStore
    private let events: any EventStore
    private let settings: DrugMarketSettings
    private let catalog: SubstanceCatalog

    /// Fusion over a store's samples and events.
    public init(samples: any SampleStore, events: any EventStore, settings: DrugMarketSettings, catalog: SubstanceCatalog = .standard) {
        self.samples = samples
        self.events = events
        self.settings = settings
        self.catalog = catalog
    }

    /// The signal with the area's evidence added to what it already has, and its severity raised to red
    /// when a dangerous or new substance is among the samples (saying so in the evidence's notes).
    public func fuse(_ signal: AlertSignal, area: Area) async throws -> AlertSignal {
        var fused = signal
        var evidence = signal.evidence ?? AlertEvidence()
        let nearby = try await nearbySamples(area)
        evidence.samples = nearby
        evidence.eventSubstances = try await eventSubstances(area)
        let alarming = nearby.substances.filter { $0.isDangerous || $0.isNew }
        if !alarming.isEmpty {
            let list = alarming.map { substance in
                var qualities: [String] = []
                if substance.isDangerous { qualities.append("dangerous") }
                if substance.isNew { qualities.append("new to the area, first seen \(substance.firstSeen)") }
                return "\(substance.name) (\(qualities.joined(separator: ", ")); \(substance.samples) sample\(substance.samples == 1 ? "" : "s"))"
            }
            if fused.severity != .red {
                evidence.notes.append("Severity raised to red: nearby drug samples contain " + list.joined(separator: "; ") + ".")
                fused.severity = .red
            } else {
                evidence.notes.append("Nearby drug samples contain " + list.joined(separator: "; ") + ".")
            }
        }
        fused.evidence = evidence
        return fused
    }

    /// The samples of the area and days, and what they contain.
    public func nearbySamples(_ area: Area) async throws -> NearbySamples {
        let lookbackStart = area.from.adding(days: -settings.newWithinDays)
        var history: [SampleID: DrugSample] = [:]
        for region in area.regions {
            for sample in try await samples.fetchSamples(SampleFilter(from: lookbackStart, to: area.to, region: region)) {
                history[sample.id] = sample
            }
        }
        if let centre = area.centre, let radius = area.radiusKilometres {
            for sample in try await samples.fetchSamples(SampleFilter(from: lookbackStart, to: area.to)) {
                if let point = sample.location, point.distanceKilometres(to: centre) <= radius { history[sample.id] = sample }
            }
        }
        let ordered = history.values.sorted { ($0.collectedOn, $0.id.rawValue) < ($1.collectedOn, $1.id.rawValue) }
        let hasEarlierSamples = ordered.first.map { $0.collectedOn < area.from } ?? false
        var firstSeen: [String: CalendarDate] = [:]
        var names: [String: String] = [:]
        var counts: [String: Int] = [:]
        var inWindow: [DrugSample] = []
        for sample in ordered {
            for substance in sample.substances where firstSeen[substance.key] == nil {
                firstSeen[substance.key] = sample.collectedOn
                names[substance.key] = substance.substance.flatMap { catalog.substance($0)?.name } ?? substance.text
            }
            guard sample.collectedOn >= area.from else { continue }
            inWindow.append(sample)
            for substance in sample.substances { counts[substance.key, default: 0] += 1 }
        }
        let substances = counts.map { key, count in
            // Without samples before the window there is no history to be new against.
            let first = firstSeen[key]!
            return NearbySamples.Substance(
                key: key, name: names[key] ?? key, samples: count, firstSeen: first, isNew: hasEarlierSamples && first >= area.from,
                isDangerous: settings.isDangerous(key, catalog: catalog))
        }.sorted { a, b in
            let rankA = (a.isNew ? 0 : 2) + (a.isDangerous ? 0 : 1)
            let rankB = (b.isNew ? 0 : 2) + (b.isDangerous ? 0 : 1)
            return (rankA, -a.samples, a.key) < (rankB, -b.samples, b.key)
        }
        return NearbySamples(
            from: area.from, to: area.to, regions: area.regions, radiusKilometres: area.centre == nil ? nil : area.radiusKilometres,
            centre: area.radiusKilometres == nil ? nil : area.centre, sampleIdentifiers: inWindow.prefix(100).map(\.id.rawValue),
            count: inWindow.count, substances: substances)
    }

    /// The substances recorded on the overdose events of the area's regions and days, most frequent first.
    public func eventSubstances(_ area: Area) async throws -> [SubstanceTally] {
        var counts: [String: Int] = [:]
        for region in area.regions {
            for tally in try await events.fetchTally(.substance, filter: EventFilter(region: region, from: area.from, to: area.to)) {
                counts[tally.key, default: 0] += tally.count
            }
        }
        return counts.map { key, count in
            let name = key.hasPrefix("unknown:") ? String(key.dropFirst(8)) : DrugMarketSettings.name(of: key, catalog: catalog)
            return SubstanceTally(key: key, name: name, count: count)
        }.sorted { ($1.count, $0.key) < ($0.count, $1.key) }
    }
}
