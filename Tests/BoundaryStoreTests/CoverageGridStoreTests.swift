import Foundation
import GeoCore
import BoundaryImport
import BoundaryStore
import GeoFormats
import Reference
import TestSupport
import XCTest

/// The coverage grid on a real N03 coverage — the shared national TopoJSON (1,900 units)
/// imported into a fresh store — against GEOS answering the way `PointLocator` does: the 10,000
/// town points of the shared sample, and the same moved 2 km (some at sea). (`PointLocator`
/// itself lives in SpatialJoin, which this test target does not depend on; the full-resolution
/// store is checked against PointLocator on all 277 k town points by the CLI tests.)
final class CoverageGridStoreTests: XCTestCase {
    func testTownPointsGetGEOSAnswersInsideAndAtSea() throws {
        let geoData = TestPaths.geoData
        let topojson = try TestData.sharedFile("geodata/N03-21_210101_s0010.topojson")
        let sample = try TestData.sharedFile("points/town_points_sample10k.csv")
        let storePath = try TemporaryFolder.url(for: self).appendingPathComponent("coverage.gpkg").path
        let reference = try ReferenceTables.load(from: geoData)
        _ = try BoundaryImporter(reference: reference, census: nil)
            .run(files: [topojson], edition: nil, openStore: { try BoundaryStore(path: storePath) })
        let store = try BoundaryStore(path: storePath, readOnly: true)
        let units = try store.units(.ward) + store.units(.unassigned)
        XCTAssertGreaterThan(units.count, 1000, "the whole N03 coverage")
        let grid = CoverageGrid(faces: units.map(\.geometry.polygons), cellDegrees: 0.01)
        let boxes = units.map(\.geometry.boundingBox)
        XCTAssertEqual(grid.inconsistentCrossings, 0)

        var points: [Coordinate] = []
        try CSVReader.forEachRecord(inFile: sample) { line, fields in
            guard line > 1, fields.count >= 7, let lat = Double(fields[5]), let lon = Double(fields[6]) else { return }
            points.append(Coordinate(x: lon, y: lat))
        }
        XCTAssertGreaterThan(points.count, 9000)

        // PointLocator's rules with GEOS: the first unit (code order, 所属未定地 last) that covers
        // the point; else the nearest unit with a code whose box meets its search box, within 5 km.
        let context = GEOSContext()
        let tree = try STRtree(context: context)
        for (i, box) in boxes.enumerated() { try tree.insert(box, item: i) }
        var prepared: [Int: PreparedGeometry] = [:]
        func geometry(_ i: Int) throws -> PreparedGeometry {
            if let p = prepared[i] { return p }
            let p = try PreparedGeometry(GEOSGeometry(units[i].geometry, context: context))
            prepared[i] = p
            return p
        }
        // The sample lies on land; its points moved 2 km south-east give points at sea too.
        let moved = points.map { Coordinate(x: $0.x + 0.02, y: $0.y - 0.02) }
        let batch = grid.locate(points + moved)
        var undecided = 0, atSea = 0
        for (k, q) in (points + moved).enumerated() {
            let point = try GEOSGeometry(point: q, context: context)
            let box = BoundingBox(minX: q.x, minY: q.y, maxX: q.x, maxY: q.y)
            switch batch[k] {
            case .face(let face):
                XCTAssertEqual(face, try tree.query(box).first { try geometry($0).covers(point) }, "\(q)")
            case .undecided:
                undecided += 1
            case .outside:
                XCTAssertNil(try tree.query(box).first { try geometry($0).covers(point) }, "\(q)")
                atSea += 1
                guard atSea <= 300 else { continue }
                let dy = 5 / 110.0, dx = 5 / (111.4 * max(0.05, cos(q.y * .pi / 180)))
                let searchBox = box.expanded(dx: dx, dy: dy)
                var best: (metres: Double, face: Int)?
                for i in try tree.query(searchBox) where units[i].code != nil {
                    let (onUnit, _) = try geometry(i).nearestPoints(to: point)
                    let metres = GeodesicDistance.metres(from: q, to: onUnit)
                    if metres <= 5000, metres < (best?.metres ?? .infinity) { best = (metres, i) }
                }
                let expected: CoverageGrid.Nearest = best.map { .face($0.face, metres: $0.metres) } ?? .none
                let found = try grid.nearestFace(to: q, maxMetres: 5000, context: context) { face in
                    units[face].code != nil && boxes[face].intersects(searchBox)
                }
                XCTAssertEqual(found, expected, "\(q)")
            }
        }
        XCTAssertLessThan(undecided, points.count / 500, "undecided points should be rare")
        XCTAssertGreaterThan(atSea, 100, "the moved points include points at sea")
    }
}
