/// What a token holder is: the roles of Vigil's privacy model.
///
/// Public-health records (overdose events, their series and alerts) and law-enforcement records
/// (precursor and network data) are separate compartments: `analyst` works in the first,
/// `investigator` in the second, and neither sees the other's records.
public enum Role: String, Hashable, Sendable, Codable, CaseIterable {
    /// Everything, including tokens and the audit log.
    case admin
    /// Public-health data: events, series, alerts and detection.
    case analyst
    /// Precursor and network data; public aggregates of health data only.
    case investigator
    /// Submits events and nothing else.
    case reporter
    /// Aggregates with small counts suppressed.
    case `public`

    /// Whether the role may do something.
    public func allows(_ permission: Permission) -> Bool {
        switch self {
        case .admin: true
        case .analyst: permission != .administer && permission != .screenPrecursors && permission != .investigateNetworks
        case .investigator:
            [.readAggregates, .screenPrecursors, .investigateNetworks, .submitSamples, .readSamples].contains(permission)
        case .public: permission == .readAggregates
        case .reporter: permission == .submitEvents || permission == .submitSamples
        }
    }
}

/// Something a request does, checked against its token's role.
public enum Permission: String, Hashable, Sendable, CaseIterable {
    /// Submit overdose events.
    case submitEvents
    /// Read event records, count series and tallies.
    case readEvents
    /// Read alerts and clusters.
    case readAlerts
    /// Acknowledge and close alerts.
    case manageAlerts
    /// Run detection on demand.
    case runDetection
    /// Read aggregates with small counts suppressed.
    case readAggregates
    /// Screen manifests for controlled precursors, read screening runs and record decisions on them
    /// (the law-enforcement compartment, which public-health analysts do not see).
    case screenPrecursors
    /// Read the entities and links of trafficking networks (the law-enforcement compartment).
    case investigateNetworks
    /// Submit drug samples (seizures, lab and drug-checking results).
    case submitSamples
    /// Read drug samples: the drug market is shared by both compartments (samples name no person).
    case readSamples
    /// Manage tokens and read the audit log.
    case administer
}
