/// One line of a shipment manifest, as the shipper or broker declared it. Only the description is
/// required; every other field may be missing, which narrows what can be checked.
public struct ManifestLine: Hashable, Sendable, Codable {
    /// The shipment (bill of lading, air waybill) the line belongs to.
    public var shipmentID: String?
    /// The line's number within its shipment.
    public var lineNumber: Int?
    /// The date of the shipment (declaration or dispatch).
    public var date: CalendarDate?
    /// The goods description, free text.
    public var description: String
    /// The declared HS code, as written.
    public var hsCode: String?
    /// The declared CAS number, as written.
    public var cas: String?
    /// The declared quantity.
    public var quantity: Quantity?
    /// The declared value, in the manifest's currency.
    public var value: Double?
    /// The shipper (exporter).
    public var shipper: String?
    /// The consignee (importer).
    public var consignee: String?
    /// The notify party.
    public var notifyParty: String?
    /// The country of origin.
    public var origin: String?
    /// The country of destination.
    public var destination: String?
    /// The port of loading.
    public var portOfLoading: String?
    /// Ports the goods pass through on the way.
    public var transshipmentPorts: [String]
    /// The port of discharge.
    public var portOfDischarge: String?

    /// Creates a line; only the description is required.
    public init(
        shipmentID: String? = nil, lineNumber: Int? = nil, date: CalendarDate? = nil, description: String, hsCode: String? = nil,
        cas: String? = nil, quantity: Quantity? = nil, value: Double? = nil, shipper: String? = nil, consignee: String? = nil,
        notifyParty: String? = nil, origin: String? = nil, destination: String? = nil, portOfLoading: String? = nil,
        transshipmentPorts: [String] = [], portOfDischarge: String? = nil
    ) {
        self.shipmentID = shipmentID
        self.lineNumber = lineNumber
        self.date = date
        self.description = description
        self.hsCode = hsCode
        self.cas = cas
        self.quantity = quantity
        self.value = value
        self.shipper = shipper
        self.consignee = consignee
        self.notifyParty = notifyParty
        self.origin = origin
        self.destination = destination
        self.portOfLoading = portOfLoading
        self.transshipmentPorts = transshipmentPorts
        self.portOfDischarge = portOfDischarge
    }
}
