import Testing
import VigilCore
import VigilIngest
import VigilStore
import VigilTestSupport

/// Maps every row of a fixture file and returns the results with their lines.
func mapFixture(_ relative: String, mapping name: String, asOf: Int64 = 1_764_000_000) throws
    -> (rows: [(line: Int, result: RecordMapper.Mapped)], mapper: RecordMapper)
{
    let path = Fixtures.path(relative)
    let mapping = try MappingCatalog.load(name)
    let mapper = try RecordMapper(
        mapping: mapping, source: SourceSystemID(rawValue: mapping.sourceSystem ?? "test")!, asOf: asOf)
    let source = CSVRowSource(try FileInput(path: path), origin: path)
    try mapper.bind(to: source, origin: path)
    var rows: [(Int, RecordMapper.Mapped)] = []
    while try source.next() { rows.append((source.line, mapper.map(source))) }
    return (rows, mapper)
}

extension RecordMapper.Mapped {
    var event: OverdoseEvent? {
        if case .event(let event) = self { event } else { nil }
    }
    var issues: [RowIssue] {
        if case .rejected(_, let issues) = self { issues } else { [] }
    }
}

@Suite("Vigil's own format")
struct VigilFormatTests {
    @Test("valid rows become events with every field")
    func validRows() throws {
        let rows = try mapFixture("ingest/vigil_mixed.csv", mapping: "vigil").rows
        let events = rows.compactMap(\.result.event)
        #expect(events.map(\.provenance.sourceRecordID) == ["a1", "a2", "a3", "a4", "a5"])
        let a1 = events[0]
        #expect(a1.occurredAt == .day(CalendarDate(iso: "2024-03-01")!))
        #expect(a1.location == (try GeoPoint(latitude: 41.31, longitude: -72.92)))
        #expect(a1.region?.rawValue == "09009")
        #expect(a1.outcome == .nonFatal)
        #expect(a1.naloxone == .given(doses: 2))
        #expect(a1.substances.map(\.substance?.rawValue) == ["fentanyl", "xylazine"])
        #expect(a1.substances.allSatisfy { $0.certainty == .suspected })
        #expect(a1.sourceKind == .ems && a1.ageBand == .from25to34 && a1.sex == .male)
        let a2 = events[1]
        #expect(a2.occurredAt.epochSeconds == 1_709_353_800 && a2.occurredAt.localDate.description == "2024-03-01")
        #expect(a2.naloxone == .notGiven)
        #expect(a2.substances.map(\.substance?.rawValue) == ["fentanyl", "carfentanil"])
        #expect(a2.substances.allSatisfy { $0.certainty == .confirmed })
        #expect(events[2].substances.map(\.text) == ["heroin", "mystery powder"])
        #expect(events[2].substances[1].substance == nil)
        #expect(events[3].substances.map(\.substance?.rawValue) == ["fentanyl-analogue", "xylazine"])
        let a5 = events[4]
        #expect(a5.region == nil && a5.location != nil)
        #expect(a5.substances.map(\.text) == ["\"speedball\" mix\nfrom the scene"])
        #expect(rows.last!.line == 13)
    }

    @Test("each invalid row is rejected with its line, column, value and reason", arguments: [
        (6, "occurred_at", "2024-02-30", "not a valid date"),
        (7, "occurred_at", nil, "date is missing"),
        (8, "occurred_at", "2099-01-01", "in the future"),
        (9, "latitude", "95.0", "outside −90…90"),
        (10, "outcome", "overdose", "unknown outcome code 'overdose'"),
        (11, nil, nil, "the row has 6 fields but the header has 12"),
        (12, "region", "99999", "not a known county FIPS code"),
    ] as [(Int, String?, String?, String)])
    func invalidRows(line: Int, column: String?, value: String?, reason: String) throws {
        let rows = try mapFixture("ingest/vigil_mixed.csv", mapping: "vigil").rows
        let row = try #require(rows.first { $0.line == line })
        #expect(row.result.event == nil)
        let issue = try #require(row.result.issues.first { $0.reason.contains(reason) }, "\(row.result.issues)")
        #expect(issue.column == column)
        #expect(issue.value == value)
    }

    @Test("unknown mentions are counted for the report")
    func unknownMentions() throws {
        let mapper = try mapFixture("ingest/vigil_mixed.csv", mapping: "vigil").mapper
        #expect(mapper.unknownMentions == ["mystery powder": 1, "\"speedball\" mix\nfrom the scene": 1])
        #expect(mapper.absentColumns.isEmpty)
    }

    @Test("identical rows without identifiers get distinct, repeatable keys")
    func contentKeys() throws {
        let text = "occurred_at,region\n2024-01-01,09009\n2024-01-01,09009\n2024-01-02,09009\n"
        func keys() throws -> [String] {
            let mapper = try RecordMapper(mapping: MappingCatalog.load("vigil"), source: SourceSystemID(rawValue: "t")!, asOf: 1_764_000_000)
            let source = CSVRowSource(MemoryInput(text), origin: "t.csv")
            try mapper.bind(to: source, origin: "t.csv")
            var keys: [String] = []
            while try source.next() { keys.append(try #require(mapper.map(source).event).provenance.sourceRecordID) }
            return keys
        }
        let first = try keys()
        #expect(first == (try keys()))
        #expect(Set(first).count == 3)
        #expect(first[1] == first[0] + "#2")
        #expect(first[0].hasPrefix("sha256:") && first[0].count == 7 + 32)
    }

    @Test("a file without the date column is refused as a whole, naming the column")
    func missingDateColumn() throws {
        let mapper = try RecordMapper(mapping: MappingCatalog.load("vigil"), source: SourceSystemID(rawValue: "t")!, asOf: 0)
        #expect {
            try mapper.bind(to: CSVRowSource(MemoryInput("date,region\n2024-01-01,09009\n"), origin: "x.csv"), origin: "x.csv")
        } throws: { error in
            (error as? IngestError)?.code == .missingColumn && "\(error)".contains("occurred_at")
        }
    }

    @Test("invalid UTF-8 in a cell rejects the row and names the column; a header-only file has no rows")
    func invalidUTF8AndHeaderOnly() throws {
        let mapper = try RecordMapper(mapping: MappingCatalog.load("vigil"), source: SourceSystemID(rawValue: "t")!, asOf: 1_764_000_000)
        let bytes = Array("occurred_at,region,suspected_substances\n2024-01-01,09009,".utf8) + [0x66, 0xE9, 0x6E] + [0x0A]
        let source = CSVRowSource(MemoryInput(bytes), origin: "latin1.csv")
        try mapper.bind(to: source, origin: "latin1.csv")
        #expect(try source.next())
        let issues = mapper.map(source).issues
        #expect(issues.map(\.column) == ["suspected_substances"])
        #expect(issues.first?.reason.contains("not valid UTF-8") == true)
        let headerOnly = CSVRowSource(MemoryInput("occurred_at,region\n"), origin: "h.csv")
        try mapper.bind(to: headerOnly, origin: "h.csv")
        #expect(try !headerOnly.next())
    }

    @Test("an empty file is refused: it has no header")
    func emptyFile() throws {
        let mapper = try RecordMapper(mapping: MappingCatalog.load("vigil"), source: SourceSystemID(rawValue: "t")!, asOf: 0)
        #expect {
            try mapper.bind(to: CSVRowSource(MemoryInput(""), origin: "empty.csv"), origin: "empty.csv")
        } throws: { error in
            (error as? IngestError)?.code == .emptyInput
        }
    }
}

@Suite("Mappings of public data sets")
struct PublicMappingTests {
    @Test("Connecticut OCME: counties, fallbacks, flags and free text")
    func connecticut() throws {
        let (rows, mapper) = try mapFixture("ingest/ct_ocme_excerpt.csv", mapping: "ct-ocme")
        let events = rows.compactMap(\.result.event)
        try #require(events.count == 16, "\(rows.flatMap(\.result.issues))")
        #expect(events.allSatisfy { $0.outcome == .fatal && $0.sourceKind == .medicalExaminer })
        #expect(events[0].occurredAt == .day(CalendarDate(iso: "2022-12-31")!))
        #expect(events[0].region?.rawValue == "09009")
        #expect(events[0].location == (try GeoPoint(latitude: 41.55490000000003, longitude: -73.04646999999994)))
        #expect(events[0].ageBand == .from45to54 && events[0].sex == .male)
        #expect(events[1].region?.rawValue == "09015")
        #expect(events[1].substances.map(\.substance?.rawValue) == ["fentanyl", "fentanyl-analogue", "xylazine"])
        #expect(events[3].substances.map(\.substance?.rawValue) == ["ethanol", "buprenorphine"])
        // 04/17/2013: no injury county, death county FAIRFIELD; a bare "CT" point is not used; "Y (PTCH)" is a yes.
        #expect(events[10].region?.rawValue == "09001")
        #expect(events[10].location == nil)
        #expect(events[10].substances.map(\.text) == ["Fentanyl", "Benzodiazepine", "Doxy", "phenobarb"])
        #expect(events[10].substances.map(\.substance?.rawValue) == ["fentanyl", "benzodiazepine", nil, nil])
        // No county anywhere: the state.
        #expect(events[11].region?.rawValue == "09")
        #expect(events[12].substances.map(\.text).contains("PCP"))
        #expect(events[12].substances.first { $0.text == "PCP" }?.substance?.rawValue == "pcp")
        #expect(events[13].region?.rawValue == "36119")
        // UNKNOWN injury county: the death county.
        #expect(events[14].region?.rawValue == "09003")
        #expect(mapper.unknownMentions["Doxy"] == 1)
    }

    @Test("Allegheny County ME: local times in America/New_York, drug columns, the county")
    func allegheny() throws {
        let events = try mapFixture("ingest/allegheny_me_excerpt.csv", mapping: "allegheny-me").rows.compactMap(\.result.event)
        try #require(events.count == 15)
        #expect(events.allSatisfy { $0.region?.rawValue == "42003" && $0.outcome == .fatal })
        #expect(events[0].provenance.sourceRecordID == "11567450")
        // 2024-10-28T16:37 EDT is UTC-4.
        #expect(events[0].occurredAt == .instant(epochSeconds: 1_730_147_820, utcOffsetSeconds: -14_400))
        // 2012-03-14T04:53 is after the 2012-03-11 switch to EDT; 2008-03-16 too; 2007-05-18 is EDT.
        #expect(events[5].occurredAt.utcOffsetSeconds == -14_400)
        // 2009-04-23 row has age 0.
        #expect(events[10].ageBand == .under15)
        #expect(events[0].substances.map(\.text) == ["1,1-Difluoroethane"])
        #expect(events[12].substances.map(\.substance?.rawValue) == ["xylazine", "fentanyl"])
        #expect(events[12].substances.allSatisfy { $0.certainty == .confirmed })
    }

    @Test("Tempe EMS: coordinates, naloxone flags, suspected opioid, content keys")
    func tempe() throws {
        let events = try mapFixture("ingest/tempe_ems_excerpt.csv", mapping: "tempe-ems").rows.compactMap(\.result.event)
        try #require(events.count == 12)
        #expect(events.allSatisfy { $0.region?.rawValue == "04013" && $0.sourceKind == .ems && $0.outcome == .unknown })
        #expect(events.map(\.naloxone).prefix(4).allSatisfy { $0 == .given(doses: nil) })
        #expect(events[4].naloxone == .notGiven)
        #expect(events[8].naloxone == nil)
        #expect(events[0].location == (try GeoPoint(latitude: 33.3958, longitude: -111.9773)))
        #expect(events[0].substances == [SubstanceMention(substance: SubstanceID(rawValue: "opioid"), text: "opioid", certainty: .suspected)])
        #expect(events[0].provenance.sourceRecordID.hasPrefix("sha256:"))
    }

    @Test("every built-in mapping loads; an unknown name says what exists")
    func catalogue() throws {
        for name in MappingCatalog.builtInNames { #expect(try MappingCatalog.load(name).name == name) }
        #expect {
            _ = try MappingCatalog.load("no-such-mapping")
        } throws: { error in
            (error as? IngestError)?.code == .unknownMapping && "\(error)".contains("ct-ocme")
        }
    }
}
