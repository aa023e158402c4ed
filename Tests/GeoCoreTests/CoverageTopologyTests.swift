import XCTest
import GeoCore

/// The hand-written coverage dissolve on small coverages whose answers are known, checked
/// against GEOS (area, validity) where it helps.
final class CoverageTopologyTests: XCTestCase {
    let context = GEOSContext()
    typealias F = GeometryFixtures

    private func area(_ polygons: [Polygon]) throws -> Double {
        try GEOSGeometry(.multiPolygon(polygons), context: context).area()
    }

    private func assertValid(_ polygons: [Polygon], file: StaticString = #filePath, line: UInt = #line) throws {
        let problem = try GEOSGeometry(.multiPolygon(polygons), context: context).validityProblem()
        XCTAssertNil(problem, "\(String(describing: problem))", file: file, line: line)
    }

    func testTwoByTwoGridDissolvesIntoOneSquareWithNoInnerVertexLeft() throws {
        let cells = [F.square(0, 0), F.square(1, 0), F.square(0, 1), F.square(1, 1)]
        let union = try XCTUnwrap(CoverageBoundaryUnion.union(cells))
        XCTAssertEqual(union.count, 1)
        XCTAssertEqual(union[0].holes.count, 0)
        XCTAssertEqual(try area(union), 4, accuracy: 1e-12)
        // The centre (1, 1) is interior and disappears; edge midpoints stay as vertices.
        XCTAssertFalse(union[0].exterior.coordinates.contains(Coordinate(x: 1, y: 1)))
        XCTAssertEqual(union[0].exterior.coordinates.count, 9)
        try assertValid(union)
    }

    func testRingOfCellsAroundAGapKeepsTheHole() throws {
        var cells: [Polygon] = []
        for x in 0..<3 { for y in 0..<3 where !(x == 1 && y == 1) { cells.append(F.square(Double(x), Double(y))) } }
        let union = try XCTUnwrap(CoverageBoundaryUnion.union(cells))
        XCTAssertEqual(union.count, 1)
        XCTAssertEqual(union[0].holes.count, 1, "the missing centre cell is a hole")
        XCTAssertEqual(try area(union), 8, accuracy: 1e-12)
        try assertValid(union)
    }

    func testSquaresTouchingAtACornerStaySeparateValidPolygons() throws {
        let union = try XCTUnwrap(CoverageBoundaryUnion.union([F.square(0, 0), F.square(1, 1)]))
        XCTAssertEqual(union.count, 2, "a pinch vertex must not make one self-touching ring")
        try assertValid(union)
    }

    func testOrientationOfInputDoesNotMatter() throws {
        let clockwise = Polygon(exterior: LinearRing(F.square(1, 0).exterior.coordinates.reversed()))
        let union = try XCTUnwrap(CoverageBoundaryUnion.union([F.square(0, 0), clockwise]))
        XCTAssertEqual(union.count, 1)
        XCTAssertEqual(try area(union), 2, accuracy: 1e-12)
    }

    func testOverlapIsDetectedAndNamesTheFaces() {
        // Face 1 repeats face 0's square: every edge is claimed twice from the same side.
        let topology = CoverageTopology(faces: [[F.square(0, 0)], [F.square(0, 0)], [F.square(5, 5)]])
        XCTAssertEqual(topology.overlaps.map { [$0.first, $0.second] }, [[0, 1]])
        let groups = topology.dissolve(group: [0, 0, 1], groupCount: 2)
        XCTAssertNil(groups[0], "a group with overlapping members is refused")
        XCTAssertNotNil(groups[1])
    }

    func testNonMatchingBordersGiveAResultThatGEOSRejects() throws {
        // The right square's left edge has an extra vertex the left square lacks: nothing
        // cancels, and the two squares come back as polygons sharing an edge — which is why the
        // importer has GEOS check dissolved levels.
        let right = Polygon(exterior: LinearRing([
            Coordinate(x: 1, y: 0), Coordinate(x: 2, y: 0), Coordinate(x: 2, y: 1), Coordinate(x: 1, y: 1),
            Coordinate(x: 1, y: 0.5), Coordinate(x: 1, y: 0),
        ]))
        let union = try XCTUnwrap(CoverageBoundaryUnion.union([F.square(0, 0), right]))
        XCTAssertFalse(try GEOSGeometry(.multiPolygon(union), context: context).isValid())
    }

    func testUnbalancedBoundaryIsRefused() {
        // A lone edge pair that cannot close: a "ring" that stops short.
        let broken = Polygon(exterior: LinearRing([
            Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0), Coordinate(x: 1, y: 1), Coordinate(x: 0, y: 1), Coordinate(x: 0, y: 0.5),
        ]))
        XCTAssertNil(CoverageBoundaryUnion.union([broken]))
    }

    func testGroupsOfOneTopologyShareTheirBordersExactly() throws {
        // Four columns of two cells; groups: columns {0,1} and {2,3}, then everything.
        var faces: [[Polygon]] = []
        for x in 0..<4 { for y in 0..<2 { faces.append([F.square(Double(x), Double(y))]) } }
        let topology = CoverageTopology(faces: faces)
        XCTAssertTrue(topology.overlaps.isEmpty)
        let halves = topology.dissolve(group: [0, 0, 0, 0, 1, 1, 1, 1], groupCount: 2)
        let west = try XCTUnwrap(halves[0]), east = try XCTUnwrap(halves[1])
        XCTAssertEqual(try area(west), 4, accuracy: 1e-12)
        XCTAssertEqual(try area(east), 4, accuracy: 1e-12)
        let border = Set(west[0].exterior.coordinates).intersection(east[0].exterior.coordinates)
        XCTAssertEqual(border, [Coordinate(x: 2, y: 0), Coordinate(x: 2, y: 1), Coordinate(x: 2, y: 2)])
        let all = topology.dissolve(group: [Int32](repeating: 0, count: 8), groupCount: 1)
        XCTAssertEqual(try area(try XCTUnwrap(all[0])), 8, accuracy: 1e-12)
        // A face left out of every group (−1) is simply not part of any result.
        let partial = topology.dissolve(group: [0, 0, -1, -1, -1, -1, -1, -1], groupCount: 1)
        XCTAssertEqual(try area(try XCTUnwrap(partial[0])), 2, accuracy: 1e-12)
    }

    func testDissolveIsDeterministic() throws {
        var cells: [Polygon] = []
        for x in 0..<20 { for y in 0..<20 where (x * 7 + y * 3) % 5 != 0 { cells.append(F.square(Double(x), Double(y))) } }
        let first = CoverageBoundaryUnion.union(cells)
        for _ in 0..<3 { XCTAssertEqual(CoverageBoundaryUnion.union(cells), first) }
        try assertValid(try XCTUnwrap(first))
    }

    func testRadixSortMatchesTheStandardSort() {
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 63, 64, 65, 1_000, 100_000] {
            var keys = (0..<count).map { _ in UInt64.random(in: 0...(1 << 50), using: &generator) }
            let expected = keys.sorted()
            RadixSort.sort(&keys)
            XCTAssertEqual(keys, expected, "\(count) keys")
        }
        var high = [UInt64.max, 0, UInt64.max - 1, 1 << 63]
        RadixSort.sort(&high)
        XCTAssertEqual(high, [0, 1 << 63, UInt64.max - 1, UInt64.max])
    }
}
