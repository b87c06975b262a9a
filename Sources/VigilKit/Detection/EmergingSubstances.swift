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
        let stored = try await store.fetchSamples(SampleFilter(to: to))
        return (try Self.evaluate(stored, from: from, to: to, parameters: parameters), stored.count)
    }

    /// The findings on samples already read.
    static func evaluate(
        _ stored: [DrugSample], from: CalendarDate, to: CalendarDate, parameters: EmergingSubstanceDetector.Parameters
    ) throws -> EmergingSubstanceReport {
        let detector = try EmergingSubstanceDetector(parameters)
        let samples = stored.map { sample in
            SubstanceSample(day: sample.collectedOn, region: regionKey(sample), substances: sample.substances.map { SubstanceID(rawValue: $0.key) })
        }
        return detector.evaluate(samples, from: from, to: to)
    }

    /// The region a sample is grouped under: its region code, else its place, else `unknown`.
    static func regionKey(_ sample: DrugSample) -> String { sample.region?.rawValue ?? sample.place ?? "unknown" }
}
