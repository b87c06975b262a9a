/// A pre-export notification (PEN): an exporting country's advance notice to the importing
/// country of a shipment of a listed chemical, as the INCB's PEN Online system records it.
public struct PreExportNotification: Hashable, Sendable, Codable {
    /// What the importing country answered.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// No answer yet.
        case pending
        /// The importing country did not object (or approved).
        case cleared
        /// The importing country objected: the shipment must not go ahead.
        case objected
        /// The exporting country withdrew the notification.
        case withdrawn
    }

    /// The notification's reference.
    public var id: String
    /// The exporter.
    public var exporter: String?
    /// The importer.
    public var importer: String?
    /// The consignee, where it differs from the importer.
    public var consignee: String?
    /// The substance as notified (name or CAS number).
    public var substance: String
    /// The notified quantity.
    public var quantity: Quantity?
    /// The exporting country.
    public var exportingCountry: String?
    /// The importing country.
    public var importingCountry: String?
    /// The point of entry.
    public var pointOfEntry: String?
    /// The expected dispatch date.
    public var expectedDispatch: CalendarDate?
    /// The importing country's answer.
    public var status: Status

    /// Creates a notification.
    public init(
        id: String, exporter: String? = nil, importer: String? = nil, consignee: String? = nil, substance: String,
        quantity: Quantity? = nil, exportingCountry: String? = nil, importingCountry: String? = nil, pointOfEntry: String? = nil,
        expectedDispatch: CalendarDate? = nil, status: Status = .pending
    ) {
        self.id = id
        self.exporter = exporter
        self.importer = importer
        self.consignee = consignee
        self.substance = substance
        self.quantity = quantity
        self.exportingCountry = exportingCountry
        self.importingCountry = importingCountry
        self.pointOfEntry = pointOfEntry
        self.expectedDispatch = expectedDispatch
        self.status = status
    }
}
