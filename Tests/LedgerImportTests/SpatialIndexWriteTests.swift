import BoundaryStore
import Foundation
import GRDB
import Ledger
import LedgerImport
import TestStores
import TestSupport
import XCTest

/// The investments table's R-tree after ledger writes: a large write fills the whole tree in one
/// pass (nodes written straight into SQLite's R-tree tables), a small one entry by entry. Either
/// way SQLite's own `rtreecheck()` passes, the tree holds exactly the table's rows, a box query
/// through it finds what the coordinates say, and later edits through the triggers keep it right.
final class SpatialIndexWriteTests: XCTestCase {
    private func rows(_ count: Int, prefix: String) -> String {
        // A grid around 高知市 (box edges in the tests fall between its points); some fall at sea
        // and are joined to the nearest unit or rejected.
        var csv = LedgerImporterTests.header
        for i in 0..<count {
            let lon = 133.40 + Double(i % 200) * 0.001, lat = 33.50 + Double(i / 200) * 0.0005
            csv += "\(prefix)\(i),case \(i),B,,1000000,1,planned,,\(String(format: "%.6f", lon)),\(String(format: "%.6f", lat)),,test\n"
        }
        return csv
    }

    private func check(_ store: BoundaryStore, file: StaticString = #filePath, line: UInt = #line) throws {
        let queue = try DatabaseQueue(path: store.path)
        try queue.read { db in
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT rtreecheck('rtree_investments_geom')"), "ok", file: file, line: line)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rtree_investments_geom"),
                           try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM investments"), "one entry per row", file: file, line: line)
            let byIndex = try Int64.fetchAll(db, sql: """
                SELECT id FROM rtree_investments_geom WHERE minx >= 133.4505 AND maxx <= 133.4995 AND miny >= 33.51025 AND maxy <= 33.51975 ORDER BY id
                """)
            let byColumns = try Int64.fetchAll(db, sql: """
                SELECT fid FROM investments WHERE lon >= 133.4505 AND lon <= 133.4995 AND lat >= 33.51025 AND lat <= 33.51975 ORDER BY fid
                """)
            XCTAssertFalse(byColumns.isEmpty, file: file, line: line)
            XCTAssertEqual(byIndex, byColumns, "a box query through the tree finds the rows in the box", file: file, line: line)
            let extent = try XCTUnwrap(try Row.fetchOne(db, sql: "SELECT min_x, max_x FROM gpkg_contents WHERE table_name = 'investments'"))
            XCTAssertEqual(extent[0] as Double, try XCTUnwrap(try Double.fetchOne(db, sql: "SELECT MIN(lon) FROM investments")), accuracy: 1e-5,
                           file: file, line: line)
        }
    }

    func testLargeAndSmallWritesLeaveATreeSQLiteAccepts() throws {
        let store = try BoundaryStore(path: FixtureStore.copy(for: self))
        _ = try store.createEdition("big", note: "test")
        _ = try store.createEdition("small", note: "test")
        let importer = LedgerImporter(store: store, reference: try FixtureStore.reference())
        let folder = try TemporaryFolder()

        // 24,000 rows: over the bulk-load threshold, a tree three levels deep.
        let big = try importer.importProjects(from: folder.write("big.csv", rows(24_000, prefix: "B")), displayName: "big.csv", edition: "big")
        XCTAssertGreaterThan(big.accepted, 20_000)
        try check(store)

        // A small write into another edition, entry by entry into the loaded tree.
        let small = try importer.importProjects(from: folder.write("small.csv", rows(300, prefix: "S")), displayName: "small.csv", edition: "small")
        XCTAssertGreaterThan(small.accepted, 0)
        try check(store)

        // The big file again with replaceAll and fewer rows: rows removed, the rest unchanged.
        _ = try importer.importProjects(from: folder.write("big2.csv", rows(23_000, prefix: "B")), displayName: "big2.csv", edition: "big",
                                        replaceAll: true)
        try check(store)

        // Plain SQL edits through the triggers on the bulk-loaded tree (the update triggers call
        // the ST_* functions a GeoPackage client provides).
        var configuration = Configuration()
        configuration.prepareDatabase { db in SpatialSQLFunctions.register(in: db) }
        let queue = try DatabaseQueue(path: store.path, configuration: configuration)
        try queue.write { db in
            try db.execute(sql: "DELETE FROM investments WHERE fid % 7 = 0")
            try db.execute(sql: "UPDATE investments SET geom = (SELECT geom FROM investments WHERE fid = 1) WHERE fid % 11 = 0")
        }
        try queue.read { db in
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT rtreecheck('rtree_investments_geom')"), "ok")
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rtree_investments_geom"),
                           try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM investments"))
        }
    }
}
