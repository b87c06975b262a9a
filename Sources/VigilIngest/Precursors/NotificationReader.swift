public import VigilCore

/// Reads a pre-export notification file (CSV or NDJSON) with the columns `pen_id, exporter,
/// importer, consignee, substance, quantity, unit, exporting_country, importing_country,
/// point_of_entry, expected_dispatch, status`; `pen_id` and `substance` are required. `status` is
/// `pending` (the default), `cleared`, `objected` or `withdrawn`. Bad values are reported per line,
/// as for manifests; a row without an id or substance is reported and left out.
public enum NotificationReader {
    /// The file's fields.
    public static let fields = [
        "pen_id", "exporter", "importer", "consignee", "substance", "quantity", "unit", "exporting_country", "importing_country",
        "point_of_entry", "expected_dispatch", "status",
    ]

    /// Reads every notification of a file or received bytes.
    /// - Throws: ``IngestError`` when the file cannot be read or lacks a required column.
    public static func read(_ source: TableSource, mapping: ManifestMapping = .vigil) throws -> (
        notifications: [PreExportNotification], issues: [LineIssue]
    ) {
        let table = try FieldTable(source, fields: fields, required: ["pen_id", "substance"], columnNames: mapping.columns)
        var notifications: [PreExportNotification] = []
        var issues: [LineIssue] = []
        try table.forEachRow { row in
            let id = row.text("pen_id")
            let substance = row.text("substance")
            if id == nil { row.report("pen_id", value: nil, reason: "the notification id is blank; every notification needs one") }
            if substance == nil { row.report("substance", value: nil, reason: "the substance is blank; name it or give its CAS number") }
            let status = row.parsed("status") { text in
                guard let status = PreExportNotification.Status(rawValue: text.lowercased()) else {
                    throw CellParsing.Problem(
                        description: "unknown status '\(text)'; use "
                            + PreExportNotification.Status.allCases.map(\.rawValue).joined(separator: ", "))
                }
                return status
            }
            let quantity = row.quantity("quantity", unitField: "unit")
            let dispatch = row.parsed("expected_dispatch") { try CellParsing.date($0, order: mapping.dateOrder) }
            let notification = PreExportNotification(
                id: id ?? "", exporter: row.text("exporter"), importer: row.text("importer"), consignee: row.text("consignee"),
                substance: substance ?? "", quantity: quantity, exportingCountry: row.text("exporting_country"),
                importingCountry: row.text("importing_country"), pointOfEntry: row.text("point_of_entry"), expectedDispatch: dispatch,
                status: status ?? .pending)
            if id != nil, substance != nil { notifications.append(notification) }
            issues.append(contentsOf: row.lineIssues)
        }
        return (notifications, issues)
    }
}
