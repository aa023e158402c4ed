import XCTest
import GeoCore

/// The whole coverage simplification — topology, arcs, each arc simplified once, faces rebuilt —
/// on small hand-made coverages near 139°E 35°N whose answer is known: every border is drawn
/// with wiggles of ±5 m every ~90 m, which a 100 m tolerance must remove, while the corners
/// (triangles of hundreds of metres) must stay. The expected rings are written out in full.
final class CoverageSimplificationGoldenTests: XCTestCase {
    private static let x0 = 139.0, y0 = 35.0
    private static let step = 0.01  // ≈ 0.9 km east–west, 1.1 km north–south

    /// A grid point: (i, j) steps east and north of (x0, y0).
    private static func p(_ i: Double, _ j: Double) -> Coordinate {
        Coordinate(x: x0 + i * step, y: y0 + j * step)
    }

    /// A ring through the corners given (grid units), each side drawn with wiggles. A side is
    /// the same points whichever way a ring runs along it, so neighbours' borders match.
    private static func wiggly(_ corners: [(Double, Double)]) -> LinearRing {
        var points: [Coordinate] = []
        for k in corners.indices {
            let a = p(corners[k].0, corners[k].1)
            let b = p(corners[(k + 1) % corners.count].0, corners[(k + 1) % corners.count].1)
            let side = (a.x, a.y) < (b.x, b.y) ? wigglySide(a, b) : Array(wigglySide(b, a).reversed())
            points += side.dropLast()
        }
        points.append(points[0])
        return LinearRing(points)
    }

    /// The side from a to b, both ends included: a point every ~0.001°, pushed ±0.00005° (≈ 5 m)
    /// across the side, alternately.
    private static func wigglySide(_ a: Coordinate, _ b: Coordinate) -> [Coordinate] {
        let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
        let pieces = max(Int((length / 0.001).rounded()), 1)
        let nx = -(b.y - a.y) / length, ny = (b.x - a.x) / length
        return (0...pieces).map { s in
            if s == 0 { return a }
            if s == pieces { return b }
            let t = Double(s) / Double(pieces)
            let offset = s % 2 == 0 ? 0.00005 : -0.00005
            return Coordinate(x: a.x + t * (b.x - a.x) + offset * nx, y: a.y + t * (b.y - a.y) + offset * ny)
        }
    }

    private static func polygon(_ corners: [(Double, Double)], holes: [[(Double, Double)]] = []) -> Polygon {
        Polygon(exterior: wiggly(corners), holes: holes.map { wiggly($0) })
    }

    /// Simplifies the coverage `faces` to `metres` (Visvalingam–Whyatt) and rebuilds the faces.
    private func simplify(_ faces: [[Polygon]], metres: Double = 100) -> [[Polygon]] {
        let arcs = CoverageArcs(CoverageTopology(faces: faces))
        let simplified = ArcSimplifier(method: .visvalingam, toleranceMetres: metres)
            .simplify(arcs.arcs, minimumInteriorPoints: arcs.minimumInteriorPoints, freeRings: arcs.freeRings)
        return arcs.faces(simplified: simplified.arcs, clearance: ArcSimplifier.exportGridClearance).faces
    }

    /// A ring as its distinct points, started at the smallest (x, then y) and turning
    /// counter-clockwise: two rings are the same border when these are equal.
    private func normalized(_ ring: LinearRing) -> [Coordinate] {
        var points = Array(ring.coordinates.dropLast())
        if ring.signedArea < 0 { points.reverse() }
        let start = points.indices.min { (points[$0].x, points[$0].y) < (points[$1].x, points[$1].y) }!
        return Array(points[start...] + points[..<start])
    }

    private func corners(_ list: [(Double, Double)]) -> [Coordinate] {
        normalized(LinearRing(list.map { Self.p($0.0, $0.1) } + [Self.p(list[0].0, list[0].1)]))
    }

    private func assertValidCoverage(_ faces: [[Polygon]], file: StaticString = #filePath, line: UInt = #line) throws {
        let context = GEOSContext()
        for (i, polygons) in faces.enumerated() {
            XCTAssertFalse(polygons.isEmpty, "face \(i) survives", file: file, line: line)
            let geometry = try GEOSGeometry(.multiPolygon(polygons), context: context)
            XCTAssertTrue(try geometry.isValid(), "face \(i) is valid", file: file, line: line)
        }
    }

    func testTJunctionKeepsItsJunctionAndEveryCorner() throws {
        // One wide unit below two square ones: the three meet at (1, 1).
        let wide = Self.polygon([(0, 0), (2, 0), (2, 1), (1, 1), (0, 1)])
        let left = Self.polygon([(0, 1), (1, 1), (1, 2), (0, 2)])
        let right = Self.polygon([(1, 1), (2, 1), (2, 2), (1, 2)])
        let out = simplify([[wide], [left], [right]])
        try assertValidCoverage(out)
        XCTAssertEqual(out.map(\.count), [1, 1, 1])
        XCTAssertEqual(normalized(out[0][0].exterior), corners([(0, 0), (2, 0), (2, 1), (1, 1), (0, 1)]))
        XCTAssertEqual(normalized(out[1][0].exterior), corners([(0, 1), (1, 1), (1, 2), (0, 2)]))
        XCTAssertEqual(normalized(out[2][0].exterior), corners([(1, 1), (2, 1), (2, 2), (1, 2)]))
    }

    func testEnclaveIsExactlyTheHoleAroundIt() throws {
        let enclaveCorners: [(Double, Double)] = [(1, 1), (2, 1), (2.5, 1.5), (2, 2), (1, 2)]
        let outer = Self.polygon([(0, 0), (4, 0), (4, 3), (0, 3)], holes: [Array(enclaveCorners.reversed())])
        let enclave = Self.polygon(enclaveCorners)
        // 150 m: the last wiggle of a 3.6 km side sweeps 10,100 m², more than 100².
        let out = simplify([[outer], [enclave]], metres: 150)
        try assertValidCoverage(out)
        XCTAssertEqual(normalized(out[0][0].exterior), corners([(0, 0), (4, 0), (4, 3), (0, 3)]))
        XCTAssertEqual(out[0][0].holes.count, 1, "the hole stays a hole")
        XCTAssertEqual(normalized(out[1][0].exterior), corners(enclaveCorners))
        XCTAssertEqual(normalized(out[0][0].holes[0]), normalized(out[1][0].exterior), "hole and enclave: one border")
    }

    func testIslandChainKeepsEveryIslandAsARing() throws {
        // A main island and a chain of four islets about 200 m across: far smaller than their
        // wiggles' count suggests, each must still come out as a ring of at least 3 points.
        let main = Self.polygon([(0, 0), (2, 0), (2, 1), (0, 1)])
        let islets = (0..<4).map { k -> Polygon in
            let x = 2.5 + Double(k) * 0.5
            return Self.polygon([(x, 0.4), (x + 0.2, 0.4), (x + 0.1, 0.6)])
        }
        let out = simplify([[main] + islets], metres: 300)
        try assertValidCoverage(out)
        XCTAssertEqual(out[0].count, 5, "no islet dropped")
        XCTAssertEqual(normalized(out[0][0].exterior), corners([(0, 0), (2, 0), (2, 1), (0, 1)]))
        for (k, islet) in out[0].dropFirst().enumerated() {
            let x = 2.5 + Double(k) * 0.5
            XCTAssertEqual(normalized(islet.exterior), corners([(x, 0.4), (x + 0.2, 0.4), (x + 0.1, 0.6)]), "islet \(k)")
        }
    }

    func testUnitWithAHoleKeepsTheHole() throws {
        // A lake that belongs to no unit, inside a unit that has a neighbour to the east.
        let lake: [(Double, Double)] = [(0.5, 0.5), (0.5, 1.5), (1.5, 1.5), (1.5, 0.5)]
        let unit = Self.polygon([(0, 0), (2, 0), (2, 2), (0, 2)], holes: [lake])
        let neighbour = Self.polygon([(2, 0), (3, 0), (3, 2), (2, 2)])
        let out = simplify([[unit], [neighbour]])
        try assertValidCoverage(out)
        XCTAssertEqual(normalized(out[0][0].exterior), corners([(0, 0), (2, 0), (2, 2), (0, 2)]))
        XCTAssertEqual(out[0][0].holes.map(normalized), [corners(lake)])
        XCTAssertEqual(normalized(out[1][0].exterior), corners([(2, 0), (3, 0), (3, 2), (2, 2)]))
    }

    func testNeighboursShareIdenticalSimplifiedBorders() throws {
        // A wiggly border with real bends (not only wiggles) between two units: whatever the
        // simplifier keeps of it, both units keep the same points.
        let border: [(Double, Double)] = [(1, 0), (1.2, 0.5), (0.9, 1), (1.1, 1.6), (1, 2)]
        let west = Self.polygon([(0, 0)] + border + [(0, 2)])
        let east = Self.polygon(Array(border.reversed()) + [(2, 0), (2, 2)])
        let out = simplify([[west], [east]], metres: 120)
        try assertValidCoverage(out)
        let westPoints = Set(out[0][0].exterior.coordinates), eastPoints = Set(out[1][0].exterior.coordinates)
        let shared = westPoints.intersection(eastPoints)
        XCTAssertEqual(shared, Set(border.map { Self.p($0.0, $0.1) }), "the border's bends are kept, on both sides")
        // The shared points are the whole border: neither side keeps a point the other lacks
        // between (1, 0) and (1, 2).
        let onBorder = { (c: Coordinate) in c.x > Self.x0 + 0.5 * Self.step && c.x < Self.x0 + 1.5 * Self.step }
        XCTAssertEqual(westPoints.filter(onBorder), eastPoints.filter(onBorder))
    }
}
