public import VigilCore
import VigilStore

/// Reads the entities and links of a network from CSV or NDJSON files.
///
/// `entities.csv`: `id,schema,name` required; `schema` is one of ``VigilCore/EntitySchema``'s values
/// (`person`, `organization`, `company`, `address`, `phone`, `email`, `vehicle`, `vessel`,
/// `bank_account`, `crypto_wallet`, `seizure`, `case`); any other column named after an
/// ``VigilCore/EntityProperty`` (`alias`, `birth_date`, `nationality`, `country`, `id_number`,
/// `registration_number`, `number`, `iban`, `imo_number`, `date`, `substance`, `sample` (a seizure's stored
/// sample ids)…) holds that property,
/// several values separated by `;`; `source` and `record` say where the record came from.
///
/// `links.csv`: `source,target,type` required (`type` one of ``VigilCore/LinkKind``'s values:
/// `ownership`, `directorship`, `employment`, `family`, `associate`, `communication`, `payment`,
/// `shipment_sender`, `shipment_receiver`, `seizure_involvement`, `located_at`); optional `id`
/// (default `L` and the line number), `start`, `end` (dates), `weight` (0 or more), `dataset`,
/// `record`.
///
/// A bad row is reported with its line, column and value and left out; the rest is read. A
/// property a schema does not have, a link to an entity that is not in the entities, and a link
/// whose ends are of schemata its type does not join are bad rows; a column nothing reads is
/// reported once.
public enum NetworkReader {
    /// The entity file's fields besides the properties.
    static let entityFields = ["id", "schema", "name", "source", "record"]

    /// Every entity of a file, and the problems found.
    /// - Throws: ``IngestError`` when the file cannot be read or lacks `id`, `schema` or `name`.
    public static func readEntities(_ source: TableSource) throws -> (entities: [Entity], issues: [LineIssue]) {
        let properties = EntityProperty.allCases.map(\.rawValue)
        let table = try FieldTable(source, fields: entityFields + properties, required: ["id", "schema", "name"])
        var issues = unreadColumnIssues(table)
        var entities: [Entity] = []
        var lines: [EntityID: Int] = [:]
        try table.forEachRow { row in
            let id = row.parsed("id") { text in
                guard let id = EntityID(rawValue: text) else { throw CellParsing.Problem(description: "'\(text)' is not an id") }
                return id
            }
            let schema = row.parsed("schema") { text in
                guard let schema = EntitySchema(rawValue: text.lowercased()) else {
                    throw CellParsing.Problem(
                        description: "unknown schema '\(text)'; use " + EntitySchema.allCases.map(\.rawValue).joined(separator: ", "))
                }
                return schema
            }
            if row.text("id") == nil { row.report("id", value: nil, reason: "the id is blank; every entity needs one") }
            let name = row.text("name")
            if name == nil { row.report("name", value: nil, reason: "the name is blank; every entity needs one") }
            var values: [EntityProperty: [String]] = [:]
            for property in EntityProperty.allCases {
                guard let text = row.text(property.rawValue) else { continue }
                if let schema, !schema.properties.contains(property) {
                    row.report(property.rawValue, value: text, reason: "a \(schema.rawValue) has no \(property.rawValue); leave it blank or change the schema")
                    continue
                }
                let parts = text.split(separator: ";").map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
                if property.isDate, let bad = parts.first(where: { CalendarDate(iso: $0) == nil }) {
                    row.report(property.rawValue, value: bad, reason: "'\(bad)' is not a date; write it as 1984-06-30")
                    continue
                }
                values[property] = parts
            }
            if let id, let earlier = lines[id] {
                row.report("id", value: id.rawValue, reason: "id '\(id)' is already used on line \(earlier); give each entity its own id")
            }
            if let id, let schema, let name, row.isClean {
                lines[id] = row.line
                entities.append(
                    Entity(id: id, schema: schema, name: name, properties: values, provenance: recordSource(&row, table: table, field: "source")))
            }
            issues += row.lineIssues
        }
        return (entities, issues)
    }

    /// Every link of a file between the entities given, and the problems found.
    /// - Throws: ``IngestError`` when the file cannot be read or lacks `source`, `target` or `type`.
    public static func readLinks(_ source: TableSource, between entities: [Entity]) throws -> (links: [Link], issues: [LineIssue]) {
        let table = try FieldTable(
            source, fields: ["id", "source", "target", "type", "start", "end", "weight", "dataset", "record"],
            required: ["source", "target", "type"])
        var issues = unreadColumnIssues(table)
        let schemata = Dictionary(entities.map { ($0.id, $0.schema) }, uniquingKeysWith: { first, _ in first })
        var links: [Link] = []
        var seen: Set<LinkID> = []
        try table.forEachRow { row in
            let ends = ["source", "target"].map { field in
                row.parsed(field) { text -> (EntityID, EntitySchema) in
                    guard let id = EntityID(rawValue: text), let schema = schemata[id] else {
                        throw CellParsing.Problem(description: "no entity '\(text)' in the entities; add it there or correct the id")
                    }
                    return (id, schema)
                }
            }
            let kind = row.parsed("type") { text in
                guard let kind = LinkKind(rawValue: text.lowercased()) else {
                    throw CellParsing.Problem(description: "unknown type '\(text)'; use " + LinkKind.allCases.map(\.rawValue).joined(separator: ", "))
                }
                return kind
            }
            if let kind, let from = ends[0], let to = ends[1], let allowed = kind.allowedEnds,
                !allowed.source.contains(from.1) || !allowed.target.contains(to.1)
            {
                row.report(
                    "type", value: kind.rawValue,
                    reason: "a \(kind.rawValue) link does not go from a \(from.1.rawValue) to a \(to.1.rawValue); check the type or the direction")
            }
            let start = row.parsed("start") { try date($0) }
            let end = row.parsed("end") { try date($0) }
            if let start, let end, end < start { row.report("end", value: end.description, reason: "the link ends before it starts") }
            let weight = row.parsed("weight", CellParsing.number)
            let id = row.text("id").flatMap(LinkID.init(rawValue:)) ?? LinkID(rawValue: "L\(row.line)")!
            if !seen.insert(id).inserted { row.report("id", value: id.rawValue, reason: "link id '\(id)' is used twice; give each link its own id") }
            if let kind, let from = ends[0], let to = ends[1], row.isClean {
                links.append(
                    Link(
                        id: id, kind: kind, source: from.0, target: to.0, start: start, end: end, weight: weight,
                        provenance: recordSource(&row, table: table, field: "dataset")))
            }
            issues += row.lineIssues
        }
        return (links, issues)
    }

    private static func date(_ text: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso: text) else { throw CellParsing.Problem(description: "'\(text)' is not a date; write it as 2026-03-05") }
        return date
    }

    /// Where a row came from: its `source`/`dataset` column, else the file, and its `record` column,
    /// else its line.
    private static func recordSource(_ row: inout CellRow, table: FieldTable, field: String) -> RecordSource {
        RecordSource(source: row.text(field) ?? table.layout.origin, record: row.text("record") ?? "line \(row.line)")
    }

    private static func unreadColumnIssues(_ table: FieldTable) -> [LineIssue] {
        table.unreadColumns.map { column in
            LineIssue(
                origin: table.layout.origin, line: 1,
                issue: RowIssue(column: column, value: nil, reason: "no field is read from column '\(column)'; rename it or leave it out"))
        }
    }
}
