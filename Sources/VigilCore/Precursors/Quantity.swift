/// An amount of goods with its unit, as a manifest or a pre-export notification states it.
public struct Quantity: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A unit of mass, volume or count.
    public enum Unit: String, Hashable, Sendable, Codable, CaseIterable {
        case mg, g, kg, t, lb, ml, l, gal, units

        /// What the unit measures; amounts compare only within one dimension.
        public enum Dimension: Hashable, Sendable { case mass, volume, count }

        /// The unit's dimension.
        public var dimension: Dimension {
            switch self {
            case .mg, .g, .kg, .t, .lb: .mass
            case .ml, .l, .gal: .volume
            case .units: .count
            }
        }

        /// How many base units (kilograms, litres, units) one of this unit is.
        public var inBaseUnits: Double {
            switch self {
            case .mg: 1e-6
            case .g: 1e-3
            case .kg, .l, .units: 1
            case .t: 1000
            case .lb: 0.45359237
            case .ml: 1e-3
            case .gal: 3.785411784
            }
        }

        /// Reads the ways manifests write units: `kg`, `KGS`, `kilograms`, `MT`, `tonnes`,
        /// `lbs`, `L`, `litres`, `liters`, `pcs`, `drums`…; `nil` for anything else.
        public init?(parsing text: String) {
            if let unit = Self.spellings[text] {
                self = unit
                return
            }
            let key = text.trimmingWhitespace().lowercased().filter { $0 != "." }
            guard let unit = Self.spellings[key] else { return nil }
            self = unit
        }

        private static let spellings: [String: Unit] = {
            var table: [String: Unit] = [:]
            let names: [(Unit, [String])] = [
                (.mg, ["mg", "milligram", "milligrams"]),
                (.g, ["g", "gr", "gram", "grams", "gramme", "grammes"]),
                (.kg, ["kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "kilogrammes"]),
                (.t, ["t", "mt", "ton", "tons", "tonne", "tonnes", "metric ton", "metric tons"]),
                (.lb, ["lb", "lbs", "pound", "pounds"]),
                (.ml, ["ml", "millilitre", "millilitres", "milliliter", "milliliters"]),
                (.l, ["l", "lt", "ltr", "litre", "litres", "liter", "liters"]),
                (.gal, ["gal", "gallon", "gallons"]),
                (.units, ["units", "unit", "pcs", "pc", "pieces", "piece", "drums", "drum", "bags", "bag", "cartons",
                          "carton", "packages", "package", "pkgs", "bottles", "bottle", "boxes", "box", "ea", "each"]),
            ]
            for (unit, spellings) in names { for spelling in spellings { table[spelling] = unit } }
            return table
        }()
    }

    /// The amount.
    public var value: Double
    /// Its unit.
    public var unit: Unit

    /// Creates a quantity.
    public init(value: Double, unit: Unit) {
        self.value = value
        self.unit = unit
    }

    /// The amount in kilograms, litres or units.
    public var inBaseUnits: Double { value * unit.inBaseUnits }

    /// Whether two quantities measure the same dimension and so can be compared.
    public func isComparable(to other: Quantity) -> Bool { unit.dimension == other.unit.dimension }

    public var description: String {
        let number = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        return "\(number) \(unit.rawValue)"
    }
}
