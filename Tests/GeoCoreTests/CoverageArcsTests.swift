import XCTest
import GeoCore

/// Arcs of small coverages whose borders are known.
final class CoverageArcsTests: XCTestCase {
    typealias F = GeometryFixtures

    private func arcs(_ faces: [[Polygon]]) -> CoverageArcs {
        CoverageArcs(CoverageTopology(faces: faces))
    }

    func testTwoNeighboursShareOneArc() {
        // Two unit squares side by side: the shared border (1,0)-(1,1) is one arc with both
        // faces; the outer boundary splits into the two coast arcs between the junctions.
        let a = arcs([[F.square(0, 0)], [F.square(1, 0)]])
        XCTAssertEqual(a.arcVertices.count, 3)
        let shared = a.arcVertices.indices.filter { a.leftFace[$0] >= 0 && a.rightFace[$0] >= 0 }
        XCTAssertEqual(shared.count, 1)
        XCTAssertEqual(Set(a.arcs[shared[0]]), [Coordinate(x: 1, y: 0), Coordinate(x: 1, y: 1)])
        XCTAssertEqual(Set([a.leftFace[shared[0]], a.rightFace[shared[0]]]), [0, 1])
        // Each square's ring is two arcs between the same two junctions; no minimum is needed,
        // since the simplifier never lets two arcs coincide.
        XCTAssertEqual(a.minimumInteriorPoints, [0, 0, 0])
        XCTAssertEqual(a.freeRings, [false, false, false])
    }

    func testFaceRingsReferenceTheSharedArcOnceEachWay() throws {
        let a = arcs([[F.square(0, 0)], [F.square(1, 0)]])
        let rings = a.faceArcRings
        let left = rings[0].flatMap { $0 }.flatMap { $0 }
        let right = rings[1].flatMap { $0 }.flatMap { $0 }
        XCTAssertEqual(left.count, 2)
        XCTAssertEqual(right.count, 2)
        let shared = a.arcVertices.indices.first { a.leftFace[$0] >= 0 && a.rightFace[$0] >= 0 }!
        XCTAssertEqual(Set([left, right].map { refs in refs.first { $0 == shared || $0 == ~shared }! }), [shared, ~shared])
        // Walking the references rebuilds each ring's vertices.
        for (face, refs) in [(0, left), (1, right)] {
            var ids: [Int32] = []
            for ref in refs {
                let arc = ref >= 0 ? a.arcVertices[ref] : a.arcVertices[~ref].reversed()
                ids += ids.isEmpty ? arc : Array(arc.dropFirst())
            }
            XCTAssertEqual(ids.first, ids.last, "face \(face) ring closes")
            XCTAssertEqual(ids.count, 5)
        }
    }

    func testIslandIsOneClosedArcThatKeepsTwoInteriorPoints() {
        let a = arcs([[F.square(0, 0)], [F.square(5, 5)]])
        XCTAssertEqual(a.arcVertices.count, 2)
        for arc in a.arcVertices { XCTAssertEqual(arc.first, arc.last) }
        XCTAssertEqual(a.minimumInteriorPoints, [2, 2])
        XCTAssertEqual(a.freeRings, [true, true], "an island's start point is no junction")
    }

    func testTJunctionCutsArcs() {
        // One wide cell below two cells: (1,1) is where three borders meet.
        let wide = Polygon(exterior: LinearRing([
            Coordinate(x: 0, y: 0), Coordinate(x: 2, y: 0), Coordinate(x: 2, y: 1), Coordinate(x: 1, y: 1),
            Coordinate(x: 0, y: 1), Coordinate(x: 0, y: 0),
        ]))
        let a = arcs([[wide], [F.square(0, 1)], [F.square(1, 1)]])
        let junctions = Set(a.arcVertices.flatMap { [$0.first!, $0.last!] }).map { a.topology.coordinates[Int($0)] }
        XCTAssertTrue(junctions.contains(Coordinate(x: 1, y: 1)), "the T-junction is a junction")
        // Every edge is in exactly one arc.
        XCTAssertEqual(a.arcVertices.reduce(0) { $0 + $1.count - 1 }, a.topology.edgeCount)
    }

    func testFacesRebuiltFromAllVerticesAreTheInputAndFromFixedOnesAreSmaller() throws {
        // An enclave: face 1 sits in a hole of face 0.
        let outer = Polygon(exterior: F.square(0, 0, size: 4).exterior, holes: [LinearRing([
            Coordinate(x: 1, y: 1), Coordinate(x: 1, y: 2), Coordinate(x: 1.5, y: 2.5), Coordinate(x: 2, y: 2),
            Coordinate(x: 2, y: 1), Coordinate(x: 1, y: 1),
        ])])
        let enclave = Polygon(exterior: LinearRing([
            Coordinate(x: 1, y: 1), Coordinate(x: 2, y: 1), Coordinate(x: 2, y: 2), Coordinate(x: 1.5, y: 2.5),
            Coordinate(x: 1, y: 2), Coordinate(x: 1, y: 1),
        ]))
        let a = arcs([[outer], [enclave]])
        let everything = a.faces(keeping: [Bool](repeating: true, count: a.topology.vertexCount))
        let context = GEOSContext()
        XCTAssertEqual(try GEOSGeometry(.multiPolygon(everything[0]), context: context).area(), 16 - 1.25, accuracy: 1e-12)
        XCTAssertEqual(try GEOSGeometry(.multiPolygon(everything[1]), context: context).area(), 1.25, accuracy: 1e-12)
        XCTAssertEqual(everything[0].first?.holes.count, 1, "the hole stays a hole")
        // Keeping the fixed vertices and the two interior points a closed arc must keep: the hole
        // and the enclave stay identical to each other.
        var keep = [Bool](repeating: false, count: a.topology.vertexCount)
        for (arc, minimum) in zip(a.arcVertices, a.minimumInteriorPoints) {
            for id in arc.prefix(minimum + 1) { keep[Int(id)] = true }
        }
        let fixedOnly = a.faces(keeping: keep)
        let hole = Set(try XCTUnwrap(fixedOnly[0].first?.holes.first).coordinates)
        let island = Set(try XCTUnwrap(fixedOnly[1].first).exterior.coordinates)
        XCTAssertEqual(hole, island, "the enclave and its hole share their simplified border exactly")
    }
}
