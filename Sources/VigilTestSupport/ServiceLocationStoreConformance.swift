import Testing
import VigilCore
public import VigilStore

/// The behaviour every ``VigilStore/ServiceLocationStore`` backend must show.
public enum ServiceLocationStoreConformance {
    /// The checks, by name, for parameterised tests.
    public static let checks: [(name: String, run: @Sendable (any ServiceLocationStore) async throws -> Void)] = [
        ("service locations read back as stored, by kind and region; storing them again adds nothing", roundTrip),
    ]

    static func roundTrip(_ store: any ServiceLocationStore) async throws {
        let locations = [
            ServiceLocation(
                id: ServiceLocationID(rawValue: "otp:2"), kind: .otp, name: "Clínica \"Cayey\"", location: try GeoPoint(latitude: 18.11, longitude: -66.16),
                region: RegionCode(rawValue: "72035"), address: "Calle 1, Cayey, PR 00736", capacity: 250, hours: "Mo-Fr 05:30-13:00"),
            ServiceLocation(
                id: ServiceLocationID(rawValue: "otp:1"), kind: .otp, name: "New Haven OTP", location: try GeoPoint(latitude: 41.3, longitude: -72.92),
                region: RegionCode(rawValue: "09009")),
            ServiceLocation(
                id: ServiceLocationID(rawValue: "sut:1"), kind: .treatment, name: "Hartford Recovery", location: try GeoPoint(latitude: 41.76, longitude: -72.67),
                region: RegionCode(rawValue: "09003")),
            ServiceLocation(
                id: ServiceLocationID(rawValue: "nal:1"), kind: .naloxone, name: "Vending machine", location: try GeoPoint(latitude: 41.2, longitude: -73.1)),
        ]
        #expect(try await store.insertServiceLocations(locations) == 4)
        #expect(try await store.insertServiceLocations(locations) == 0)
        let all = try await store.fetchServiceLocations(kind: nil, region: nil)
        #expect(all.map(\.id.rawValue) == ["nal:1", "otp:1", "otp:2", "sut:1"])
        #expect(all.first { $0.id.rawValue == "otp:2" } == locations[0])
        #expect(all.first { $0.id.rawValue == "nal:1" } == locations[3])
        #expect(try await store.fetchServiceLocations(kind: .otp, region: nil).map(\.id.rawValue) == ["otp:1", "otp:2"])
        #expect(try await store.fetchServiceLocations(kind: nil, region: RegionCode(rawValue: "09")).map(\.id.rawValue) == ["otp:1", "sut:1"])
        #expect(try await store.fetchServiceLocations(kind: .treatment, region: RegionCode(rawValue: "09009")).isEmpty)
    }
}
