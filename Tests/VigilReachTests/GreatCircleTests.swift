import Foundation
import Testing
import VigilCore
import VigilReach

@Suite("Great-circle distances")
struct GreatCircleTests {
    let degree = ReachFixtures.kilometresPerDegree

    @Test("one degree of latitude is 111.195 km on the mean Earth sphere (R = 6371.0088 km), at any longitude")
    func oneDegreeOfLatitude() {
        #expect(abs(degree - 111.195_080_233_5) < 1e-9)
        for longitude in stride(from: -180.0, through: 180, by: 45) {
            for latitude in [-89.0, -45, 0, 30, 60] {
                let distance = GreatCircle.haversineKilometres(
                    from: ReachFixtures.point(latitude, longitude), to: ReachFixtures.point(latitude + 1, longitude))
                #expect(abs(distance - 111.195) < 0.001)
                #expect(abs(distance - degree) < 1e-9)
            }
        }
    }

    @Test(
        "Nashville to Los Angeles: Rosetta Code's haversine example (2887.26 km at R = 6372.8), rescaled to R = 6371.0088"
    )
    func knownCityPair() {
        // BNA (36.12, −86.67) to LAX (33.94, −118.40) is 2887.2599506071106 km on a sphere of radius 6372.8 km
        // (rosettacode.org, "Haversine formula"); distance scales with the radius.
        let expected = 2887.259_950_607_110_6 * 6371.0088 / 6372.8
        let distance = GreatCircle.haversineKilometres(
            from: ReachFixtures.point(36.12, -86.67), to: ReachFixtures.point(33.94, -118.40))
        #expect(abs(distance - expected) < 1e-8)
        #expect(abs(distance - 2886.448) < 0.001)
    }

    @Test("across the antimeridian and over the pole, one degree is still 111.195 km")
    func antimeridianAndPole() {
        let acrossDateLine = GreatCircle.haversineKilometres(
            from: ReachFixtures.point(0, 179.5), to: ReachFixtures.point(0, -179.5))
        #expect(abs(acrossDateLine - degree) < 1e-9)
        let overPole = GreatCircle.haversineKilometres(
            from: ReachFixtures.point(89.5, 0), to: ReachFixtures.point(89.5, 180))
        #expect(abs(overPole - degree) < 1e-9)
    }

    @Test("antipodes are half the circumference apart, and distance is symmetric")
    func antipodes() {
        let pole = GreatCircle.haversineKilometres(from: ReachFixtures.point(90, 0), to: ReachFixtures.point(-90, 0))
        #expect(abs(pole - GreatCircle.maximumKilometres) < 1e-9)
        #expect(abs(GreatCircle.maximumKilometres - 20_015.1144) < 1e-4)
        let a = ReachFixtures.point(12.5, -3.25)
        let b = ReachFixtures.point(-40.75, 100.5)
        #expect(GreatCircle.haversineKilometres(from: a, to: b) == GreatCircle.haversineKilometres(from: b, to: a))
    }

    @Test("chords convert to arcs exactly: 0, a quarter circle (√2), half a circle (2), and back")
    func chordConversions() {
        #expect(GreatCircle.kilometres(fromChord: 0) == 0)
        #expect(abs(GreatCircle.kilometres(fromChord: 2.0.squareRoot()) - GreatCircle.maximumKilometres / 2) < 1e-9)
        #expect(GreatCircle.kilometres(fromChord: 2) == GreatCircle.maximumKilometres)
        #expect(GreatCircle.kilometres(fromChord: 2.5) == GreatCircle.maximumKilometres)
        #expect(GreatCircle.chord(fromKilometres: GreatCircle.maximumKilometres) == 2)
        #expect(GreatCircle.chord(fromKilometres: 1e9) == 2)
        for kilometres in [0.001, 1, 10, 111.195, 5000, 15_000, 20_000] {
            let roundTrip = GreatCircle.kilometres(fromChord: GreatCircle.chord(fromKilometres: kilometres))
            #expect(abs(roundTrip - kilometres) < 1e-9 * max(1, kilometres))
        }
    }
}
