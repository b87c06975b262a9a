import Foundation
import Testing
import VigilCore
import VigilIngest
import VigilStore
import VigilTestSupport

@Suite("Entity and link files")
struct NetworkReaderTests {
    private func write(_ text: String, name: String) throws -> String {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private static let entities = """
        id,schema,name,alias,birth_date,registration_number,number,nickname,source
        P1,person,Ana Example,Anita;La Jefa,1980-02-29,,,,case file 7
        P2,Person,Bo Sample,,,,,,
        C1,company,Placeholder Trading Co.,,,REG-1,,,
        PH1,phone,+52 55 0000 0000,,,,+525500000000,,
        A1,address,1 Fictional Way,,,,,,
        X1,spaceship,Nope,,,,,,
        P3,person,Cy Test,,1980-13-01,,,,
        C2,company,Bad Co,,1999-01-01,,,,
        P1,person,Ana Again,,,,,,
        ,person,No Id,,,,,,
        """

    @Test("entities are read with their properties; bad rows are reported with line, column and value and left out")
    func entities() throws {
        let (entities, issues) = try NetworkReader.readEntities(.file(try write(Self.entities, name: "entities.csv")))
        #expect(entities.map(\.id.rawValue) == ["P1", "P2", "C1", "PH1", "A1"])
        #expect(entities[0].properties[.alias] == ["Anita", "La Jefa"] && entities[0].properties[.birthDate] == ["1980-02-29"])
        #expect(entities[0].provenance == RecordSource(source: "case file 7", record: "line 2"))
        #expect(entities[1].schema == .person, "schema names are read case-insensitively")
        #expect(entities[2].properties[.registrationNumber] == ["REG-1"])
        let found = issues.map { "\($0.line) \($0.issue.column ?? "-") \($0.issue.value ?? "-")" }
        #expect(found == [
            "1 nickname -", "7 schema spaceship", "8 birth_date 1980-13-01", "9 birth_date 1999-01-01", "10 id P1", "11 id -",
        ])
        #expect(issues[3].issue.reason.contains("a company has no birth_date"))
    }

    @Test("links join known entities with the schemata their type allows; anything else is reported")
    func links() throws {
        let (entities, _) = try NetworkReader.readEntities(.file(try write(Self.entities, name: "entities.csv")))
        let path = try write(
            """
            source,target,type,start,end,weight,id
            P1,C1,directorship,2020-01-01,2022-06-30,,
            P1,P2,communication,,,41,
            P1,PH1,ownership,,,,
            P1,Z9,associate,,,,
            C1,P1,family,,,,
            P1,P2,bribery,,,,
            P2,A1,located_at,2021-05-01,2021-04-01,,
            P2,P1,payment,,,-3,
            P2,P1,associate,,,,K1
            P2,P1,associate,,,,K1
            """, name: "links.csv")
        let (links, issues) = try NetworkReader.readLinks(.file(path), between: entities)
        #expect(links.map(\.id.rawValue) == ["L2", "L3", "L4", "K1"])
        #expect(links[0].kind == .directorship && links[0].start == CalendarDate(year: 2020, month: 1, day: 1))
        #expect(links[1].weight == 41 && links[1].source.rawValue == "P1" && links[1].target.rawValue == "P2")
        let found = issues.map { "\($0.line) \($0.issue.column ?? "-") \($0.issue.value ?? "-")" }
        #expect(found == ["5 target Z9", "6 type family", "7 type bribery", "8 end 2021-04-01", "9 weight -3", "11 id K1"])
    }

    @Test("a file without a required column is refused as a whole")
    func missingColumn() throws {
        let path = try write("id,name\nP1,Ana\n", name: "entities.csv")
        #expect(throws: IngestError.self) { try NetworkReader.readEntities(.file(path)) }
    }
}
