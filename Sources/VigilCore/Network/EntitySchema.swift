/// What kind of thing an entity is, in the spirit of the FollowTheMoney schemata: the people and
/// organisations of a trafficking network, the means they use to communicate, move goods and
/// money, and the events (seizures, cases, shipments) that tie them together.
public enum EntitySchema: String, Hashable, Sendable, Codable, CaseIterable {
    case person, organization, company, address, phone, email, vehicle, vessel
    case bankAccount = "bank_account"
    case cryptoWallet = "crypto_wallet"
    case seizure
    case `case`
    /// A consignment declared in a manifest or a pre-export notification.
    case shipment

    /// Whether the schema is a legal or natural person (one that can own, direct or employ).
    public var isParty: Bool { self == .person || self == .organization || self == .company }

    /// The properties an entity of this schema may carry, besides its name.
    public var properties: Set<EntityProperty> {
        let common: Set<EntityProperty> = [.alias, .notes, .country]
        switch self {
        case .person: return common.union([.birthDate, .nationality, .idNumber])
        case .organization, .company: return common.union([.registrationNumber, .incorporationDate, .idNumber])
        case .address: return common.union([.city, .postalCode])
        case .phone: return common.union([.number])
        case .email: return common.union([.number])
        case .vehicle: return common.union([.registrationNumber, .make, .model])
        case .vessel: return common.union([.imoNumber, .mmsi, .flag])
        case .bankAccount: return common.union([.iban, .number, .currency])
        case .cryptoWallet: return common.union([.number, .currency])
        case .seizure: return common.union([.date, .substance, .quantity, .location, .sample])
        case .case: return common.union([.number, .date, .status])
        case .shipment: return common.union([.number, .date, .status, .substance, .quantity, .location])
        }
    }
}

/// A property of an entity, as a column of `entities.csv` names it.
public enum EntityProperty: String, Hashable, Sendable, Codable, CaseIterable {
    case alias, notes, country, nationality, city, status, substance, quantity, location, make, model, flag, currency
    case birthDate = "birth_date"
    case incorporationDate = "incorporation_date"
    case idNumber = "id_number"
    case registrationNumber = "registration_number"
    case postalCode = "postal_code"
    case number, iban, mmsi, date
    /// The stored drug samples analysed from a seizure (their sample ids, as `vigil samples` lists them).
    case sample
    case imoNumber = "imo_number"

    /// Whether the property holds dates (`YYYY-MM-DD`).
    public var isDate: Bool { self == .birthDate || self == .incorporationDate || self == .date }
}
