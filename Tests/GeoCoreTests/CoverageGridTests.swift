import TestSupport
import XCTest
import GeoCore

/// The coverage grid against a brute-force point-in-polygon on small hand-made and random
/// coverages: a decided answer must be the face whose interior holds the point (or outside), a
/// point on a border must come back undecided, and undecided answers must stay rare.
final class CoverageGridTests: XCTestCase {
    typealias F = GeometryFixtures

    /// What a point is, by brute force: exact for coordinates that are small dyadic fractions.
    enum Truth: Equatable {
        case border
        case face(Int)
        case outside
    }

    static func truth(_ p: Coordinate, faces: [[Polygon]]) -> Truth {
        for polygons in faces {
            for polygon in polygons {
                for ring in polygon.rings where onRing(p, ring.coordinates) { return .border }
            }
        }
        for (face, polygons) in faces.enumerated() {
            for polygon in polygons where polygon.rings.reduce(false, { $0 != crossesOddly(p, $1.coordinates) }) {
                return .face(face)
            }
        }
        return .outside
    }

    private static func onRing(_ p: Coordinate, _ ring: [Coordinate]) -> Bool {
        let closed = ring + [ring[0]]
        for k in 0..<(closed.count - 1) {
            let a = closed[k], b = closed[k + 1]
            let cross = (b.x - a.x) * (p.y - a.y) - (p.x - a.x) * (b.y - a.y)
            if cross == 0 && min(a.x, b.x) <= p.x && p.x <= max(a.x, b.x) && min(a.y, b.y) <= p.y && p.y <= max(a.y, b.y) {
                return true
            }
        }
        return false
    }

    /// Whether a ray east of p crosses the ring an odd number of times (half-open rule).
    private static func crossesOddly(_ p: Coordinate, _ ring: [Coordinate]) -> Bool {
        let closed = ring + [ring[0]]
        var odd = false
        for k in 0..<(closed.count - 1) {
            let a = closed[k], b = closed[k + 1]
            guard (a.y > p.y) != (b.y > p.y) else { continue }
            let cross = (b.x - a.x) * (p.y - a.y) - (p.x - a.x) * (b.y - a.y)
            if b.y > a.y ? cross > 0 : cross < 0 { odd.toggle() }
        }
        return odd
    }

    /// Checks every point; returns how many interior or outside points came back undecided.
    @discardableResult
    private func check(_ points: [Coordinate], faces: [[Polygon]], grid: CoverageGrid,
                       file: StaticString = #filePath, line: UInt = #line) -> Int {
        var undecided = 0
        let batch = grid.locate(points)
        for (k, p) in points.enumerated() {
            let answer = grid.locate(p)
            XCTAssertEqual(batch[k], answer, "batch and single answers differ at \(p)", file: file, line: line)
            switch (Self.truth(p, faces: faces), answer) {
            case (.border, .undecided), (.outside, .outside): break
            case (.face(let f), .face(let g)) where f == g: break
            case (.face, .undecided), (.outside, .undecided): undecided += 1
            case (let truth, let answer):
                XCTFail("\(p): grid says \(answer), truth is \(truth)", file: file, line: line)
            }
        }
        return undecided
    }

    // MARK: - Hand-made coverages

    func testTwoSquaresSharingABorder() {
        let faces = [[F.square(0, 0)], [F.square(1, 0)]]
        let grid = CoverageGrid(faces: faces, cellDegrees: 0.25)
        XCTAssertEqual(grid.locate(Coordinate(x: 0.3, y: 0.6)), .face(0))
        XCTAssertEqual(grid.locate(Coordinate(x: 1.7, y: 0.2)), .face(1))
        XCTAssertEqual(grid.locate(Coordinate(x: 2.5, y: 0.5)), .outside)
        XCTAssertEqual(grid.locate(Coordinate(x: -0.01, y: 0.5)), .outside)
        // On the shared border, on a vertex, on the outer border: undecided.
        XCTAssertEqual(grid.locate(Coordinate(x: 1, y: 0.5)), .undecided)
        XCTAssertEqual(grid.locate(Coordinate(x: 1, y: 1)), .undecided)
        XCTAssertEqual(grid.locate(Coordinate(x: 0.5, y: 0)), .undecided)
        // Far beyond the grid, and not a number.
        XCTAssertEqual(grid.locate(Coordinate(x: 50, y: 50)), .outside)
        XCTAssertEqual(grid.locate(Coordinate(x: .nan, y: 0.5)), .outside)
        XCTAssertEqual(grid.inconsistentCrossings, 0)
        XCTAssertEqual(grid.faceCount, 2)
    }

    func testAFaceWithAHoleAnEnclaveAndAnEmptyHole() {
        // Face 0: a 10 × 10 square with two holes; face 1 fills the first hole (an enclave), the
        // second stays empty. Face 2 borders face 0 on the east; face 3 is an island.
        let frame = Polygon(exterior: F.square(0, 0, size: 10).exterior, holes: [
            LinearRing(F.square(2, 2, size: 2).exterior.coordinates.reversed()),
            F.square(6, 6, size: 2).exterior,  // counter-clockwise: the grid must orient it
        ])
        let faces = [[frame], [F.square(2, 2, size: 2)], [F.square(10, 0, size: 10)], [F.square(25, 25, size: 0.5)]]
        for cell in [0.5, 1, 1.3, 3] {
            let grid = CoverageGrid(faces: faces, cellDegrees: cell)
            XCTAssertEqual(grid.locate(Coordinate(x: 1, y: 1)), .face(0), "cell \(cell)")
            XCTAssertEqual(grid.locate(Coordinate(x: 3, y: 3.5)), .face(1), "cell \(cell)")
            XCTAssertEqual(grid.locate(Coordinate(x: 7, y: 7.25)), .outside, "cell \(cell)")
            XCTAssertEqual(grid.locate(Coordinate(x: 15, y: 5)), .face(2), "cell \(cell)")
            XCTAssertEqual(grid.locate(Coordinate(x: 25.25, y: 25.125)), .face(3), "cell \(cell)")
            XCTAssertEqual(grid.locate(Coordinate(x: 22, y: 22)), .outside, "cell \(cell)")
            XCTAssertEqual(grid.locate(Coordinate(x: 2, y: 3)), .undecided, "cell \(cell): enclave border")
            XCTAssertEqual(grid.locate(Coordinate(x: 6, y: 7)), .undecided, "cell \(cell): hole border")
            XCTAssertEqual(grid.inconsistentCrossings, 0)
            var points: [Coordinate] = []
            for i in 0...104 { for j in 0...104 { points.append(Coordinate(x: Double(i) / 4 - 0.5, y: Double(j) / 4 - 0.5)) } }
            let undecided = check(points, faces: faces, grid: grid)
            XCTAssertLessThan(undecided, points.count / 50, "cell \(cell)")
        }
    }

    func testRingsMayBeOpenAndInAnyOrientation() {
        let open = Polygon(exterior: LinearRing([
            Coordinate(x: 0, y: 0), Coordinate(x: 0, y: 1), Coordinate(x: 1, y: 1), Coordinate(x: 1, y: 0),
        ]))
        let clockwise = Polygon(exterior: LinearRing(F.square(1, 0).exterior.coordinates.reversed()))
        let grid = CoverageGrid(faces: [[open], [clockwise]], cellDegrees: 0.3)
        XCTAssertEqual(grid.locate(Coordinate(x: 0.5, y: 0.5)), .face(0))
        XCTAssertEqual(grid.locate(Coordinate(x: 1.5, y: 0.5)), .face(1))
        XCTAssertEqual(grid.locate(Coordinate(x: 2.5, y: 0.5)), .outside)
        XCTAssertEqual(grid.inconsistentCrossings, 0)
    }

    /// Borders along grid lines and vertices on grid corners: the corners there are undecided and
    /// the points use another corner (or come back undecided), never a wrong face.
    func testBordersOnGridLinesAndVerticesOnCorners() {
        // With cell 1 the corners are at minX − 0.5 + i: the coverage's odd half-integers.
        func ring(_ xy: [(Double, Double)]) -> LinearRing { LinearRing((xy + [xy[0]]).map { Coordinate(x: $0.0, y: $0.1) }) }
        let triangle = [(0.5, 2.5), (1.5, 2.0), (2.5, 2.5)]
        let faces = [
            [Polygon(exterior: ring([(0, 0), (1.5, 0), (1.5, 1.5), (0, 1.5)]))],
            [Polygon(exterior: ring([(1.5, 0), (3, 0), (3, 1.5), (1.5, 1.5)]))],
            [Polygon(exterior: ring([(0, 1.5), (1.5, 1.5), (3, 1.5), (3, 3), (0, 3)]), holes: [ring(triangle)])],
            [Polygon(exterior: ring(triangle)), Polygon(exterior: ring([(3.5, 0.5), (4.5, 0.5), (4.5, 1.5), (3.5, 1.5)]))],
        ]
        let grid = CoverageGrid(faces: faces, cellDegrees: 1)
        XCTAssertEqual(grid.locate(Coordinate(x: 1.5, y: 0.75)), .undecided, "on a border along a grid line")
        XCTAssertEqual(grid.locate(Coordinate(x: 1.5, y: 1.5)), .undecided, "on a vertex at a grid corner")
        XCTAssertEqual(grid.locate(Coordinate(x: 0.75, y: 0.75)), .face(0))
        XCTAssertEqual(grid.locate(Coordinate(x: 2.25, y: 0.75)), .face(1))
        XCTAssertEqual(grid.locate(Coordinate(x: 0.25, y: 2.75)), .face(2))
        // Every corner of these points' cells lies on a border: nothing is certain there.
        XCTAssertEqual(grid.locate(Coordinate(x: 1.5, y: 2.25)), .undecided)
        XCTAssertEqual(grid.locate(Coordinate(x: 4, y: 1)), .undecided)
        XCTAssertEqual(grid.inconsistentCrossings, 0)
        XCTAssertGreaterThan(grid.undecidedCorners, 0, "corners on borders cannot be decided")
        var points: [Coordinate] = []
        for i in 0...48 { for j in 0...32 { points.append(Coordinate(x: Double(i) / 8 - 0.5, y: Double(j) / 8 - 0.5)) } }
        let undecided = check(points, faces: faces, grid: grid)
        XCTAssertLessThan(undecided, points.count / 10)
    }

    func testOverlappingFacesAreReportedAsInconsistent() {
        let grid = CoverageGrid(faces: [[F.square(0, 0, size: 2)], [F.square(1, 0.25, size: 2)]], cellDegrees: 0.5)
        XCTAssertGreaterThan(grid.inconsistentCrossings, 0)
    }

    func testNoFacesLocatesEverythingOutside() {
        let grid = CoverageGrid(faces: [], cellDegrees: 0.01)
        XCTAssertEqual(grid.locate(Coordinate(x: 0, y: 0)), .outside)
        XCTAssertEqual(grid.locate([Coordinate(x: 1, y: 1)]), [.outside])
        XCTAssertEqual(grid.locate([]), [])
    }

    // MARK: - Random coverage

    /// A jittered lattice of quadrilaterals (every vertex shared exactly), split into triangles
    /// here and there, grouped into faces of several parts, with some quads left empty (gaps
    /// and holes). Coordinates are multiples of 1/64, so the brute force is exact.
    static func randomCoverage(seed: UInt64, size: Int) -> [[Polygon]] {
        var random = SplitMix64(seed: seed)
        func jitter() -> Double { Double(Int(random.next() % 39) - 19) / 64 }
        var lattice: [[Coordinate]] = []
        for i in 0...size {
            var column: [Coordinate] = []
            for j in 0...size {
                let onEdge = i == 0 || j == 0 || i == size || j == size
                column.append(Coordinate(x: Double(i) + (onEdge ? 0 : jitter()), y: Double(j) + (onEdge ? 0 : jitter())))
            }
            lattice.append(column)
        }
        let faceCount = 6
        var faces = [[Polygon]](repeating: [], count: faceCount)
        func ring(_ corners: [Coordinate]) -> Polygon { Polygon(exterior: LinearRing(corners + [corners[0]])) }
        for i in 0..<size {
            for j in 0..<size {
                let a = lattice[i][j], b = lattice[i + 1][j], c = lattice[i + 1][j + 1], d = lattice[i][j + 1]
                let pick = random.next() % 10
                if pick == 0 { continue }  // an empty quad
                let face = Int(random.next() % UInt64(faceCount))
                if pick < 4 {
                    let other = Int(random.next() % UInt64(faceCount))
                    faces[face].append(ring([a, b, c]))
                    faces[other].append(ring([a, c, d]))
                } else {
                    faces[face].append(ring([a, b, c, d]))
                }
            }
        }
        return faces
    }

    func testRandomCoveragesAgreeWithBruteForce() {
        for (seed, cell) in [(UInt64(1), 0.37), (2, 1.0), (3, 1.0 / 64), (4, 3.0), (5, 0.1)] {
            let faces = Self.randomCoverage(seed: seed, size: 8)
            let grid = CoverageGrid(faces: faces, cellDegrees: cell)
            XCTAssertEqual(grid.inconsistentCrossings, 0, "seed \(seed)")
            var random = SplitMix64(seed: seed &+ 100)
            var points: [Coordinate] = []
            // Anywhere, including beyond the coverage.
            for _ in 0..<3000 { points.append(Coordinate(x: random.uniform(-1, 9), y: random.uniform(-1, 9))) }
            // On vertices, on segments (midpoints are exact), and on the grid's own lines.
            let vertices = faces.flatMap { $0.flatMap { $0.exterior.coordinates } }
            for _ in 0..<500 {
                let a = vertices[Int(random.next() % UInt64(vertices.count))]
                points.append(a)
            }
            for polygon in faces.flatMap({ $0 }).prefix(100) {
                let c = polygon.exterior.coordinates
                points.append(Coordinate(x: (c[0].x + c[1].x) / 2, y: (c[0].y + c[1].y) / 2))
            }
            let originX = -cell / 2, originY = -cell / 2  // the coverage's box starts at (0, 0)
            for _ in 0..<1000 {
                let i = Double(random.next() % UInt64(8 / cell + 2)), j = Double(random.next() % UInt64(8 / cell + 2))
                points.append(Coordinate(x: originX + i * cell, y: random.uniform(0, 8)))
                points.append(Coordinate(x: random.uniform(0, 8), y: originY + j * cell))
                points.append(Coordinate(x: originX + i * cell, y: originY + j * cell))
            }
            let undecided = check(points, faces: faces, grid: grid)
            XCTAssertLessThan(undecided, points.count / 20, "seed \(seed), cell \(cell)")
        }
    }

    // MARK: - Nearest face at sea

    /// The nearest face as PointLocator finds it, by brute force: GEOS's nearest point of each
    /// whole face, its geodesic metres, the fewest (lowest face among equals) within the limit.
    static func nearestByBruteForce(_ q: Coordinate, faces: [[Polygon]], maxMetres: Double, isCandidate: (Int) -> Bool,
                                    context: GEOSContext) throws -> CoverageGrid.Nearest {
        let point = try GEOSGeometry(point: q, context: context)
        var best: (metres: Double, face: Int)?
        for (face, polygons) in faces.enumerated() where isCandidate(face) && !polygons.isEmpty {
            let (onFace, _) = try GEOSGeometry(.multiPolygon(polygons), context: context).nearestPoints(to: point)
            let metres = GeodesicDistance.metres(from: q, to: onFace)
            if metres <= maxMetres, metres < (best?.metres ?? .infinity) { best = (metres, face) }
        }
        return best.map { .face($0.face, metres: $0.metres) } ?? .none
    }

    /// A random coverage near Tokyo, 0.01° a lattice step, some rings clockwise: every point the
    /// grid puts outside gets exactly the brute force's nearest face and metres.
    func testNearestFaceAgreesWithGEOSAndGeodesics() throws {
        let context = GEOSContext()
        for (seed, cell) in [(UInt64(11), 0.004), (12, 0.01), (13, 0.027)] {
            let unit = Self.randomCoverage(seed: seed, size: 8)
            let faces = unit.enumerated().map { face, polygons in
                polygons.map { polygon in
                    let ring = polygon.exterior.coordinates.map { Coordinate(x: 139.5 + $0.x / 100, y: 35.5 + $0.y / 100) }
                    return Polygon(exterior: LinearRing(face % 2 == 0 ? ring : ring.reversed()))
                }
            }
            let grid = CoverageGrid(faces: faces, cellDegrees: cell)
            var random = SplitMix64(seed: seed)
            var checked = 0
            for n in 0..<400 {
                let q = Coordinate(x: random.uniform(139.42, 139.66), y: random.uniform(35.42, 35.66))
                guard grid.locate(q) == .outside else { continue }
                checked += 1
                let maxMetres = n % 3 == 0 ? 2500.0 : 6000
                let odd: (Int) -> Bool = { $0 % 2 == 1 }
                let filter: (Int) -> Bool = n % 4 == 0 ? odd : { _ in true }
                let expected = try Self.nearestByBruteForce(q, faces: faces, maxMetres: maxMetres, isCandidate: filter, context: context)
                let found = try grid.nearestFace(to: q, maxMetres: maxMetres, context: context, isCandidate: filter)
                XCTAssertEqual(found, expected, "seed \(seed), point \(q)")
            }
            XCTAssertGreaterThan(checked, 100, "seed \(seed)")
        }
    }

    func testNearestFaceBeyondTheDistanceIsNone() throws {
        let context = GEOSContext()
        let grid = CoverageGrid(faces: [[F.square(139, 35, size: 0.01)]], cellDegrees: 0.01)
        XCTAssertEqual(try grid.nearestFace(to: Coordinate(x: 139.2, y: 35), maxMetres: 5000, context: context) { _ in true }, .none)
        XCTAssertEqual(try grid.nearestFace(to: Coordinate(x: 10, y: 10), maxMetres: 5000, context: context) { _ in true }, .none)
        XCTAssertEqual(try grid.nearestFace(to: Coordinate(x: 139.02, y: 35), maxMetres: 5000, context: context) { _ in false }, .none)
        guard case .face(0, let metres) = try grid.nearestFace(to: Coordinate(x: 139.02, y: 35.005), maxMetres: 5000, context: context, isCandidate: { _ in true }) else {
            return XCTFail("the square is about 900 m away")
        }
        XCTAssertEqual(metres, 911, accuracy: 5)
        XCTAssertEqual(try grid.nearestFace(to: Coordinate(x: 139.02, y: 35), maxMetres: 500_000, context: context) { _ in true }, .undecided,
                       "a search reaching that far is left to the exact locator")
    }
}
