/// What an alert rests on besides its counts, stored with it: for a substance alert, the drug-market
/// finding; for an overdose alert, the drug samples collected around it, the substances recorded on
/// its events, and why its severity was raised or its thresholds lowered.
public struct AlertEvidence: Hashable, Sendable, Codable {
    /// For an alert of kind `substance`: the finding that raised it.
    public var finding: SubstanceFindingEvidence?
    /// For an overdose alert: the drug samples collected near it in place and time.
    public var samples: NearbySamples?
    /// For an overdose alert: the substances recorded on the overdose events of its area and window,
    /// most frequent first.
    public var eventSubstances: [SubstanceTally]
    /// Plain sentences on what the evidence changed: a severity raised because a dangerous or new
    /// substance is present, thresholds lowered because the region is on watch.
    public var notes: [String]

    /// Creates evidence.
    public init(
        finding: SubstanceFindingEvidence? = nil, samples: NearbySamples? = nil, eventSubstances: [SubstanceTally] = [],
        notes: [String] = []
    ) {
        self.finding = finding
        self.samples = samples
        self.eventSubstances = eventSubstances
        self.notes = notes
    }

    /// Whether there is nothing to show.
    public var isEmpty: Bool { finding == nil && samples == nil && eventSubstances.isEmpty && notes.isEmpty }
}

/// A substance and how many records (samples or events) contain it.
public struct SubstanceTally: Hashable, Sendable, Codable {
    /// The catalogue id, or the unknown name in lower case.
    public var key: String
    /// The name to show.
    public var name: String
    /// How many records contain it.
    public var count: Int

    /// Creates a tally.
    public init(key: String, name: String, count: Int) {
        self.key = key
        self.name = name
        self.count = count
    }
}

/// The drug-market finding behind a substance alert: a substance that appeared in a region (ever, or
/// again after a quiet period), appeared with an anchor substance, or rose in share of the samples.
public struct SubstanceFindingEvidence: Hashable, Sendable, Codable {
    /// `firstAppearance`, `newCooccurrence` or `risingShare`.
    public var kind: String
    /// The substance's catalogue id, or its unknown name in lower case.
    public var substance: String
    /// The substance's name.
    public var substanceName: String
    /// The anchor substance of a co-occurrence or of the share's denominator.
    public var anchor: String?
    /// The first day of the finding.
    public var day: CalendarDate
    /// The last day of the finding (the same as `day` for appearances).
    public var lastDay: CalendarDate
    /// For a re-appearance, the last earlier day the substance was seen.
    public var previousDay: CalendarDate?
    /// Samples of the context in the region over the finding's days.
    public var samples: Int
    /// Those containing the substance.
    public var samplesWithSubstance: Int
    /// For a rising share, the baseline share.
    public var baselineShare: Double?
    /// For a rising share, the share over the finding's days.
    public var recentShare: Double?
    /// Whether the substance belongs to a class configured as dangerous.
    public var isDangerous: Bool
    /// The samples of the region on the finding's days that contain the substance (at most 50).
    public var sampleIdentifiers: [String]

    /// Creates finding evidence.
    public init(
        kind: String, substance: String, substanceName: String, anchor: String?, day: CalendarDate, lastDay: CalendarDate,
        previousDay: CalendarDate?, samples: Int, samplesWithSubstance: Int, baselineShare: Double?, recentShare: Double?,
        isDangerous: Bool, sampleIdentifiers: [String]
    ) {
        self.kind = kind
        self.substance = substance
        self.substanceName = substanceName
        self.anchor = anchor
        self.day = day
        self.lastDay = lastDay
        self.previousDay = previousDay
        self.samples = samples
        self.samplesWithSubstance = samplesWithSubstance
        self.baselineShare = baselineShare
        self.recentShare = recentShare
        self.isDangerous = isDangerous
        self.sampleIdentifiers = sampleIdentifiers
    }
}

/// The drug samples collected near an overdose alert: which area and days were searched, what the
/// samples contained, and which substances are new to the area.
public struct NearbySamples: Hashable, Sendable, Codable {
    /// One substance found in the nearby samples.
    public struct Substance: Hashable, Sendable, Codable {
        /// The catalogue id, or the unknown name in lower case.
        public var key: String
        /// The name to show.
        public var name: String
        /// Nearby samples containing it.
        public var samples: Int
        /// The first day any sample of the area contained it.
        public var firstSeen: CalendarDate
        /// Whether it was first seen in the area within the search window (new to the area).
        public var isNew: Bool
        /// Whether its class is configured as dangerous.
        public var isDangerous: Bool

        /// Creates a substance entry.
        public init(key: String, name: String, samples: Int, firstSeen: CalendarDate, isNew: Bool, isDangerous: Bool) {
            self.key = key
            self.name = name
            self.samples = samples
            self.firstSeen = firstSeen
            self.isNew = isNew
            self.isDangerous = isDangerous
        }
    }

    /// The first day searched.
    public var from: CalendarDate
    /// The last day searched.
    public var to: CalendarDate
    /// The regions searched (a state includes its counties).
    public var regions: [RegionCode]
    /// Also samples with coordinates within this distance of ``centre``, when set.
    public var radiusKilometres: Double?
    /// The centre of the distance search.
    public var centre: GeoPoint?
    /// The samples found, oldest first (at most 100 listed; ``count`` has them all).
    public var sampleIdentifiers: [String]
    /// How many samples were found.
    public var count: Int
    /// The substances they contained, new and dangerous ones first, then by count.
    public var substances: [Substance]

    /// Creates the nearby-samples evidence.
    public init(
        from: CalendarDate, to: CalendarDate, regions: [RegionCode], radiusKilometres: Double?, centre: GeoPoint?,
        sampleIdentifiers: [String], count: Int, substances: [Substance]
    ) {
        self.from = from
        self.to = to
        self.regions = regions
        self.radiusKilometres = radiusKilometres
        self.centre = centre
        self.sampleIdentifiers = sampleIdentifiers
        self.count = count
        self.substances = substances
    }
}
