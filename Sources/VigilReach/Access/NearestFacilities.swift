/// For every event, the nearest facility of one kind and its great-circle distance.
public struct NearestFacilities: Hashable, Sendable, Codable {
    /// The kind of facility.
    public var kind: AccessFacility.Kind
    /// The number of facilities of this kind.
    public var facilityCount: Int
    /// Per event, in event order: the index, in the facilities given to the analysis, of the nearest facility of
    /// this kind (the lowest index when several are equally near).
    public var facilityIndices: [Int]
    /// Per event, in event order: the great-circle distance to that facility, in kilometres.
    public var kilometres: [Double]

    /// Creates a result.
    public init(kind: AccessFacility.Kind, facilityCount: Int, facilityIndices: [Int], kilometres: [Double]) {
        self.kind = kind
        self.facilityCount = facilityCount
        self.facilityIndices = facilityIndices
        self.kilometres = kilometres
    }
}
