public import VigilCore
public import VigilDetection
public import VigilStore

/// Emerging-substance detection on the stored drug samples: the `vigil samples emerging` use case.
/// Reads every sample collected up to the window's end (the earlier history is the baseline) and runs
/// ``VigilDetection/EmergingSubstanceDetector`` on them, region by region; samples without a region are
/// grouped by their place.
public struct EmergingSubstances: Sendable {
    private let store: any SampleStore

    /// Detection on a store.
    public init(store: any SampleStore) {
        self.store = store
    }

    /// The findings for `from` to `to`, and how many samples were read.
    public func run(
        from: CalendarDate, to: CalendarDate, parameters: EmergingSubstanceDetector.Parameters
    ) async throws -> (report: EmergingSubstanceReport, samplesRead: Int) {
        let detector = try EmergingSubstanceDetector(parameters)
        let stored = try await store.fetchSamples(SampleFilter(to: to))
        let samples = stored.map { sample in
            SubstanceSample(
                day: sample.collectedOn, region: sample.region?.rawValue ?? sample.place ?? "unknown",
                substances: sample.substances.map { $0.substance ?? SubstanceID(rawValue: $0.key) })
        }
        return (detector.evaluate(samples, from: from, to: to), stored.count)
    }
}
