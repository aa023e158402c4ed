import GeoCore
import XCTest

/// Visvalingam–Whyatt with a displacement limit (the tile scales'): a long narrow spit made of
/// many small corners fades away under plain VW, one small triangle at a time; with the limit
/// no source point ends farther than it from the simplified arc.
final class SimplifyDisplacementLimitTests: XCTestCase {
    /// An open arc along the equator with a spit 2 km long and about 20 m wide, drawn with a
    /// point every 20 m on each side.
    static func arcWithSpit() -> [Coordinate] {
        let degreesPerMetre = 1.0 / 111_320
        var points = [Coordinate(x: 0, y: 0)]
        let base = 0.05
        for i in 0...100 { points.append(Coordinate(x: base + 1e-6 * Double(i % 2), y: Double(i) * 20 * degreesPerMetre)) }
        for i in (0...100).reversed() { points.append(Coordinate(x: base + 20 * degreesPerMetre + 1e-6 * Double(i % 2), y: Double(i) * 20 * degreesPerMetre)) }
        points.append(Coordinate(x: 0.1, y: 0))
        return points
    }

    func testTheLimitKeepsTheSpit() {
        let arcs = [Self.arcWithSpit()]
        let plain = ArcSimplifier.simplify(arcs, minimumInteriorPoints: [0], method: .visvalingam, tolerancesMetres: [200])[0]
        XCTAssertGreaterThan(plain.maximumDisplacementMetres[0], 1_000, "plain VW loses the spit")
        let limited = ArcSimplifier.simplify(arcs, minimumInteriorPoints: [0], method: .visvalingam, tolerancesMetres: [200],
                                             displacementLimitsAtEquator: [150])[0]
        XCTAssertLessThanOrEqual(limited.maximumDisplacementMetres[0], 150)
        XCTAssertLessThan(limited.arcs[0].count, arcs[0].count / 4, "still simplified")
    }

    func testLimitedAndPlainLevelsNestSeparately() {
        let arcs = [Self.arcWithSpit()]
        let results = ArcSimplifier.simplify(arcs, minimumInteriorPoints: [0], method: .visvalingam, tolerancesMetres: [50, 100, 200, 400],
                                             displacementLimitsAtEquator: [nil, 100, nil, 300])
        XCTAssertLessThanOrEqual(results[1].maximumDisplacementMetres[0], 100)
        XCTAssertLessThanOrEqual(results[3].maximumDisplacementMetres[0], 300)
        XCTAssertGreaterThan(results[2].maximumDisplacementMetres[0], 300, "the plain level in between is not held back")
        XCTAssertTrue(Set(results[3].arcs[0]).isSubset(of: Set(results[1].arcs[0])), "limited levels nest")
    }
}
