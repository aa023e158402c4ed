import XCTest
import GeoCore

final class GeodesicDistanceTests: XCTestCase {
    /// Reference values from pyproj `Geod(ellps="GRS80").inv` (Karney's algorithm).
    func testAgreesWithKarneyWithinAMillimetre() {
        let cases: [(Coordinate, Coordinate, Double)] = [
            (Coordinate(x: 139.6917, y: 35.6895), Coordinate(x: 135.5023, y: 34.6937), 397_183.086_218),
            (Coordinate(x: 141.3544, y: 43.0621), Coordinate(x: 127.6809, y: 26.2124), 2_244_050.600_799),
            (Coordinate(x: 139.0, y: 35.0), Coordinate(x: 139.0, y: 35.001), 110.940_584),
        ]
        for (a, b, expected) in cases {
            XCTAssertEqual(GeodesicDistance.metres(from: a, to: b), expected, accuracy: 0.001, "\(a) → \(b)")
        }
        XCTAssertEqual(GeodesicDistance.metres(from: cases[0].0, to: cases[0].0), 0)
    }
}
