import XCTest
import GeoCore

final class GEOSGeometryTests: XCTestCase {
    let context = GEOSContext()

    func testRoundTripOfEveryGeometryType() throws {
        let values: [Geometry] = [
            .point(Coordinate(x: 139.7, y: 35.7)),
            .lineString([Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1)]),
            .polygon(GeometryFixtures.squareWithHole),
            .multiPoint([Coordinate(x: 0, y: 0), Coordinate(x: 2, y: 3)]),
            .multiLineString([[Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0)], [Coordinate(x: 5, y: 5), Coordinate(x: 6, y: 6)]]),
            .multiPolygon([GeometryFixtures.square(0, 0), GeometryFixtures.square(5, 5)]),
            .geometryCollection([.point(Coordinate(x: 1, y: 2)), .polygon(GeometryFixtures.square(3, 3))]),
        ]
        for value in values {
            let g = try GEOSGeometry(value, context: context)
            XCTAssertEqual(try g.value(), value, "\(value.typeName) through GEOS")
            let fromWKB = try GEOSGeometry(wkb: try g.wkb(), context: context)
            XCTAssertEqual(try fromWKB.value(), value, "\(value.typeName) through GEOS WKB")
            XCTAssertEqual(try Geometry(wkb: try g.wkb()), value, "GEOS WKB read by GeoCore's decoder")
        }
    }

    func testUnclosedAndShortRingsAreRejectedWithTheReason() {
        let open = Polygon(exterior: LinearRing([
            Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0), Coordinate(x: 1, y: 1), Coordinate(x: 0, y: 1),
        ]))
        XCTAssertThrowsError(try GEOSGeometry(.polygon(open), context: context)) { error in
            XCTAssertTrue("\(error)".contains("not closed"), "\(error)")
        }
        let short = Polygon(exterior: LinearRing([Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0), Coordinate(x: 0, y: 0)]))
        XCTAssertThrowsError(try GEOSGeometry(.polygon(short), context: context)) { error in
            XCTAssertTrue("\(error)".contains("at least 4"), "\(error)")
        }
    }

    func testMalformedWKBBecomesALibraryErrorWithGEOSMessage() {
        XCTAssertThrowsError(try GEOSGeometry(wkb: [1, 3, 0, 0, 0, 9], context: context)) { error in
            guard case GEOSError.libraryError(let operation, let messages) = error else {
                return XCTFail("expected a GEOS library error, got \(error)")
            }
            XCTAssertEqual(operation, "WKBReader_read")
            XCTAssertFalse(messages.isEmpty, "GEOS's own message is kept")
        }
        // The context stays usable after an error.
        XCTAssertNoThrow(try GEOSGeometry(.point(Coordinate(x: 0, y: 0)), context: context))
    }

    func testValidityReasonAndMakeValid() throws {
        let valid = try GEOSGeometry(.polygon(GeometryFixtures.square(0, 0)), context: context)
        XCTAssertTrue(try valid.isValid())
        XCTAssertNil(try valid.validityProblem())

        let bowTie = try GEOSGeometry(.polygon(GeometryFixtures.bowTie), context: context)
        XCTAssertFalse(try bowTie.isValid())
        let problem = try XCTUnwrap(try bowTie.validityProblem())
        XCTAssertTrue(problem.reason.contains("Self-intersection"), problem.reason)
        XCTAssertEqual(problem.location, Coordinate(x: 1, y: 1))

        let repaired = try bowTie.makeValid()
        XCTAssertTrue(try repaired.isValid())
        XCTAssertEqual(try repaired.area(), 2, accuracy: 1e-12, "both triangles kept")
        XCTAssertEqual(try repaired.value().polygons.count, 2)
    }

    func testCoverageUnionAndUnaryUnion() throws {
        let parts = try [GeometryFixtures.square(0, 0), GeometryFixtures.square(1, 0), GeometryFixtures.square(0, 1)]
            .map { try GEOSGeometry(.polygon($0), context: context) }
        let collection = try GEOSGeometry(collecting: parts, as: .geometryCollection, context: context)
        let coverage = try collection.coverageUnion()
        XCTAssertEqual(try coverage.area(), 3, accuracy: 1e-12)
        XCTAssertEqual(try coverage.value().polygons.count, 1, "adjacent squares dissolve into one polygon")
        XCTAssertTrue(try coverage.isValid())
        let unary = try collection.unaryUnion()
        XCTAssertEqual(try unary.area(), 3, accuracy: 1e-12)
    }

    func testPreparedPredicatesAndDistances() throws {
        let square = try PreparedGeometry(GEOSGeometry(.polygon(GeometryFixtures.squareWithHole), context: context))
        func point(_ x: Double, _ y: Double) throws -> GEOSGeometry { try GEOSGeometry(point: Coordinate(x: x, y: y), context: context) }
        XCTAssertTrue(try square.contains(point(1, 1)))
        XCTAssertFalse(try square.contains(point(3, 3)), "inside the hole")
        XCTAssertFalse(try square.contains(point(0, 5)), "boundary is not interior")
        XCTAssertTrue(try square.covers(point(0, 5)), "boundary is covered")
        XCTAssertTrue(try square.intersects(point(10, 10)))
        XCTAssertEqual(try square.distance(to: point(13, 14)), 5, accuracy: 1e-12)
        let (onSquare, onPoint) = try square.nearestPoints(to: point(12, 5))
        XCTAssertEqual(onSquare, Coordinate(x: 10, y: 5))
        XCTAssertEqual(onPoint, Coordinate(x: 12, y: 5))
    }

    func testClipByRectAndBoundingBox() throws {
        let g = try GEOSGeometry(.polygon(GeometryFixtures.square(0, 0, size: 10)), context: context)
        let clipped = try g.clip(to: BoundingBox(minX: 5, minY: 5, maxX: 20, maxY: 20))
        XCTAssertEqual(try clipped.area(), 25, accuracy: 1e-12)
        XCTAssertEqual(try clipped.boundingBox(), BoundingBox(minX: 5, minY: 5, maxX: 10, maxY: 10))
    }

    func testSTRtreeReturnsIntersectingItemsInOrder() throws {
        let tree = try STRtree(context: context)
        for i in 0..<100 {
            let x = Double(i % 10), y = Double(i / 10)
            try tree.insert(BoundingBox(minX: x, minY: y, maxX: x + 0.5, maxY: y + 0.5), item: i)
        }
        XCTAssertEqual(try tree.query(BoundingBox(minX: 2.2, minY: 3.2, maxX: 3.2, maxY: 4.2)), [32, 33, 42, 43])
        XCTAssertEqual(try tree.query(BoundingBox(minX: 50, minY: 50, maxX: 51, maxY: 51)), [])
    }

    func testContextsWorkIndependentlyOnManyThreads() throws {
        let areas = try Array(0..<64).concurrentMap { i -> Double in
            let context = GEOSContext()
            return try GEOSGeometry(.polygon(GeometryFixtures.square(0, 0, size: Double(i + 1))), context: context).area()
        }
        XCTAssertEqual(areas, (0..<64).map { Double(($0 + 1) * ($0 + 1)) })
    }

    func testErrorsFromConcurrentMapArePropagatedInInputOrder() {
        XCTAssertThrowsError(try Array(0..<10).concurrentMap { i -> Int in
            if i == 3 || i == 7 { throw GEOSError.invalidInput("item \(i)") }
            return i
        }) { error in
            XCTAssertEqual("\(error)", "cannot build GEOS geometry: item 3")
        }
    }
}
