public import VigilCore

/// What ``EmergingSubstanceDetector`` found in one evaluation window, with the share series it could
/// not monitor and the parameters it used.
public struct EmergingSubstanceReport: Hashable, Sendable, Codable {
    /// A region whose baseline had too few samples for its shares to be monitored.
    ///
    /// The baseline sample count depends only on the region and the context (all samples, or those
    /// with one anchor), not on the substance, so one entry covers every substance of the region in
    /// that context. Regions are listed only when they have samples in the evaluation window.
    public struct InsufficientBaseline: Hashable, Sendable, Codable {
        /// The region key.
        public var region: String
        /// The anchor whose samples the shares are taken among, or `nil` for all samples.
        public var anchor: SubstanceID?
        /// The baseline samples of the context in the region.
        public var baselineSamples: Int
        /// The samples of the context in the region in the evaluation window.
        public var evaluationSamples: Int

        /// Creates an entry.
        /// - Parameters:
        ///   - region: The region key.
        ///   - anchor: The anchor, or `nil` for all samples.
        ///   - baselineSamples: Baseline samples of the context.
        ///   - evaluationSamples: Evaluation-window samples of the context.
        public init(region: String, anchor: SubstanceID?, baselineSamples: Int, evaluationSamples: Int) {
            self.region = region
            self.anchor = anchor
            self.baselineSamples = baselineSamples
            self.evaluationSamples = evaluationSamples
        }
    }

    /// The findings, sorted by day, region, substance, kind and anchor.
    public var findings: [SubstanceFinding]
    /// The region and context pairs with samples in the window whose baseline was below
    /// ``EmergingSubstanceDetector/Parameters/minimumBaselineSamples``, sorted by region then anchor
    /// (all samples first). Only contexts being monitored are listed.
    public var insufficientBaselines: [InsufficientBaseline]
    /// The first day of the evaluation window.
    public var from: CalendarDate
    /// The last day of the evaluation window.
    public var to: CalendarDate
    /// The parameters used.
    public var parameters: EmergingSubstanceDetector.Parameters

    /// Creates a report.
    /// - Parameters:
    ///   - findings: The sorted findings.
    ///   - insufficientBaselines: The unmonitored region contexts.
    ///   - from: The first day of the window.
    ///   - to: The last day of the window.
    ///   - parameters: The parameters used.
    public init(
        findings: [SubstanceFinding], insufficientBaselines: [InsufficientBaseline], from: CalendarDate,
        to: CalendarDate,
        parameters: EmergingSubstanceDetector.Parameters
    ) {
        self.findings = findings
        self.insufficientBaselines = insufficientBaselines
        self.from = from
        self.to = to
        self.parameters = parameters
    }
}
