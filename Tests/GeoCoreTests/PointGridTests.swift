import GeoCore
import XCTest

/// `PointGrid` answers radius and nearest queries exactly as measuring every point would.
final class PointGridTests: XCTestCase {
    /// A reproducible scatter over Japan, denser around Tokyo.
    static func scatter(_ count: Int) -> [Coordinate] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        return (0..<count).map { i in
            i % 3 == 0 ? Coordinate(x: 139.5 + next() * 0.6, y: 35.4 + next() * 0.5)
                       : Coordinate(x: 128 + next() * 18, y: 30 + next() * 15)
        }
    }

    func testWithinEqualsBruteForce() {
        let points = Self.scatter(20_000)
        let grid = PointGrid(points: points)
        for (centre, metres) in [(Coordinate(x: 139.7, y: 35.68), 5_000.0), (Coordinate(x: 141.35, y: 43.06), 80_000.0),
                                 (Coordinate(x: 130.4, y: 33.6), 250_000.0), (Coordinate(x: 150.0, y: 45.0), 10_000.0)] {
            let expected = points.indices.map { ($0, GeodesicDistance.metres(from: centre, to: points[$0])) }
                .filter { $0.1 <= metres }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            let found = grid.within(metres, of: centre)
            XCTAssertEqual(found.map(\.index), expected.map(\.0), "\(centre) \(metres) m")
            for (a, b) in zip(found, expected) { XCTAssertEqual(a.metres, b.1, accuracy: 1e-9) }
            XCTAssertTrue(found.map(\.metres) == found.map(\.metres).sorted(), "nearest first")
        }
    }

    func testNearestEqualsBruteForce() throws {
        let points = Self.scatter(5_000)
        let grid = PointGrid(points: points)
        for centre in [Coordinate(x: 139.7, y: 35.68), Coordinate(x: 153.9, y: 24.3), Coordinate(x: 127.7, y: 26.2)] {
            let expected = points.indices.min { (GeodesicDistance.metres(from: centre, to: points[$0]), $0) < (GeodesicDistance.metres(from: centre, to: points[$1]), $1) }!
            let found = try XCTUnwrap(grid.nearest(to: centre))
            XCTAssertEqual(found.index, expected, "\(centre)")
        }
        XCTAssertNil(PointGrid(points: []).nearest(to: Coordinate(x: 139, y: 35)))
        XCTAssertEqual(PointGrid(points: []).within(1_000, of: Coordinate(x: 139, y: 35)).count, 0)
    }
}
