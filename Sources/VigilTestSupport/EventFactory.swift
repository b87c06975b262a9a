public import VigilCore

/// Builds events for tests with sensible defaults.
public enum EventFactory {
    /// An event in `region` on `date`, from source `test`, with record identifier `id`.
    public static func event(
        _ id: String, on date: String, region: String? = "09009", outcome: Outcome = .nonFatal,
        substances: [String] = ["fentanyl"], source: String = "test", location: GeoPoint? = nil
    ) -> OverdoseEvent {
        let mentions = substances.map { text in
            SubstanceMention(substance: SubstanceCatalog.standard.resolve(text), text: text, certainty: .suspected)
        }
        return OverdoseEvent(
            occurredAt: .day(CalendarDate(iso: date)!), location: location, region: region.flatMap(RegionCode.init(rawValue:)),
            outcome: outcome, naloxone: .given(doses: 1), substances: mentions, sourceKind: .ems, ageBand: .from25to34,
            sex: .female, provenance: Provenance(sourceSystem: SourceSystemID(rawValue: source)!, sourceRecordID: id, importBatch: nil))
    }
}
