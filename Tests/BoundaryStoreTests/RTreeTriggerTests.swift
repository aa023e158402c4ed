import BoundaryStore
import GeoCore
import GRDB
import Reference
import TestSupport
import XCTest

/// The spec's R-tree triggers and the ST_* functions the store registers, exercised by editing a
/// stored layer with plain SQL the way another GeoPackage client would.
final class RTreeTriggerTests: XCTestCase {
    private func openDirectly(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.prepareDatabase { db in SpatialSQLFunctions.register(in: db) }
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    func testTriggersKeepTheRTreeInStepWithSQLEdits() throws {
        let path = try TemporaryFolder.url(for: self).appendingPathComponent("t.gpkg").path
        let store = try BoundaryStore(path: path)
        try store.replaceBoundaries(edition: StoreFixtures.edition, sources: [], units: StoreFixtures.units(), report: [])
        let far = BoundingBox(minX: 150, minY: 45, maxX: 150.5, maxY: 45.5)
        XCTAssertEqual(try store.unitIDs(.ward, intersecting: far), [])

        let moved = GeoPackageBinary.encode(.multiPolygon([Polygon(exterior: StoreFixtures.square(x: 150.1, y: 45.1, size: 0.1))]))
        let queue = try openDirectly(path)
        try queue.write { db in
            // update6: non-empty to non-empty.
            try db.execute(sql: "UPDATE wards SET geom = ? WHERE fid = 3", arguments: [Data(moved)])
            // update2: to empty, then update7: back to non-empty.
            try db.execute(sql: "UPDATE wards SET geom = ? WHERE fid = 4", arguments: [Data(GeoPackageBinary.encode(.multiPolygon([])))])
            // delete.
            try db.execute(sql: "DELETE FROM wards WHERE fid = 5")
            // insert.
            try db.execute(sql: "INSERT INTO wards (geom, name, level, edition, source_parts) VALUES (?, 'new', 'ward', 'e', 1)",
                           arguments: [Data(moved)])
            // update5: fid change.
            try db.execute(sql: "UPDATE wards SET fid = 100 WHERE fid = 6")
            XCTAssertEqual(try Double.fetchOne(db, sql: "SELECT ST_MinX(geom) FROM wards WHERE fid = 3"), 150.1)
            XCTAssertEqual(try Bool.fetchOne(db, sql: "SELECT ST_IsEmpty(geom) FROM wards WHERE fid = 4"), true)
            XCTAssertNil(try Double.fetchOne(db, sql: "SELECT ST_MaxY(geom) FROM wards WHERE fid = 4"))
        }
        XCTAssertEqual(try store.unitIDs(.ward, intersecting: far), [3, 21])
        let all = BoundingBox(minX: 0, minY: 0, maxX: 180, maxY: 90)
        let ids = try store.unitIDs(.ward, intersecting: all)
        XCTAssertFalse(ids.contains(4), "empty geometry not indexed")
        XCTAssertFalse(ids.contains(5), "deleted")
        XCTAssertFalse(ids.contains(6))
        XCTAssertTrue(ids.contains(100), "re-keyed")

        try queue.write { db in
            try db.execute(sql: "UPDATE wards SET geom = ? WHERE fid = 4", arguments: [Data(moved)])
        }
        XCTAssertEqual(try store.unitIDs(.ward, intersecting: far), [3, 4, 21])
    }

    func testSchemaHasTheSpecTriggersAndRegistrations() throws {
        let path = try TemporaryFolder.url(for: self).appendingPathComponent("t.gpkg").path
        let store = try BoundaryStore(path: path)
        try store.replaceBoundaries(edition: StoreFixtures.edition, sources: [], units: StoreFixtures.units(), report: [])
        let queue = try openDirectly(path)
        try queue.read { db in
            for level in UnitLevel.allCases {
                let t = level.tableName
                let triggers = try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name", arguments: [t])
                XCTAssertEqual(triggers, ["insert", "update2", "update4", "update5", "update6", "update7", "delete"]
                    .map { "rtree_\(t)_geom_\($0)" }.sorted(), t)
                XCTAssertEqual(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: ["rtree_\(t)_geom"]),
                               "CREATE VIRTUAL TABLE rtree_\(t)_geom USING rtree(id, minx, maxx, miny, maxy)")
                XCTAssertEqual(try Row.fetchOne(db, sql: "SELECT * FROM gpkg_geometry_columns WHERE table_name = ?", arguments: [t]),
                               ["table_name": t, "column_name": "geom", "geometry_type_name": "MULTIPOLYGON", "srs_id": 4326, "z": 0, "m": 0])
                XCTAssertEqual(try String.fetchOne(
                    db, sql: "SELECT extension_name || ' ' || scope FROM gpkg_extensions WHERE table_name = ? AND column_name = 'geom'",
                    arguments: [t]), "gpkg_rtree_index write-only")
                // The R-tree holds exactly one entry per non-empty geometry.
                XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rtree_\(t)_geom"),
                               try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(t) WHERE NOT ST_IsEmpty(geom)"))
                XCTAssertEqual(try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM \(t) f JOIN rtree_\(t)_geom r ON r.id = f.fid
                    WHERE r.minx > ST_MinX(f.geom) OR r.maxx < ST_MaxX(f.geom) OR r.miny > ST_MinY(f.geom) OR r.maxy < ST_MaxY(f.geom)
                    """), 0, "R-tree boxes contain the envelopes")
            }
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM gpkg_spatial_ref_sys WHERE srs_id IN (-1, 0, 4326)"), 3)
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT table_name FROM gpkg_contents WHERE data_type = 'attributes' ORDER BY 1"),
                           ["boundary_imports", "boundary_vintages", "cluster_site_units", "editions", "import_report", "investmap_meta", "investment_totals",
                            "ledger_imports", "unit_areas"])
            // The ledger's feature layers: points, and points or polygons.
            XCTAssertEqual(try String.fetchAll(db, sql: """
                SELECT table_name || ' ' || geometry_type_name FROM gpkg_geometry_columns
                WHERE table_name IN ('investments', 'cluster_sites') ORDER BY 1
                """), ["cluster_sites GEOMETRY", "investments POINT"])
            let extent = try Row.fetchOne(db, sql: "SELECT min_x, min_y, max_x, max_y, last_change FROM gpkg_contents WHERE table_name = 'wards'")!
            XCTAssertEqual(extent[0] as Double, 130)
            XCTAssertEqual(extent[3] as Double, 30.4, accuracy: 1e-12)
            let lastChange: String = extent[4]
            XCTAssertNotNil(lastChange.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/), lastChange)
            // WAL, so that readers never wait for a writer (issue 15); see StoreConnection.
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA journal_mode"), "wal")
        }
    }
}
