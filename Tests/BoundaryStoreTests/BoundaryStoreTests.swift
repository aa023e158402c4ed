import BoundaryStore
import Foundation
import GeoCore
import Reference
import TestSupport
import XCTest

final class BoundaryStoreTests: XCTestCase {
    private func newStorePath() throws -> String {
        try TemporaryFolder.url(for: self).appendingPathComponent("investmap.gpkg").path
    }

    private func filled(_ path: String) throws -> BoundaryStore {
        let store = try BoundaryStore(path: path)
        try store.replaceBoundaries(edition: StoreFixtures.edition, sources: StoreFixtures.sources,
                                    units: StoreFixtures.units(), report: StoreFixtures.report)
        return store
    }

    /// Everything a reader can see, for before/after comparisons.
    private func snapshot(_ store: BoundaryStore) throws -> String {
        var lines: [String] = []
        for level in UnitLevel.allCases {
            for unit in try store.units(level) {
                lines.append("\(unit.id!) \(unit.level) \(unit.code ?? "-") \(unit.name) \(unit.edition) \(unit.geometry)")
            }
        }
        lines += try store.importReport().map { "\($0)" }
        lines += try store.importSources().map { "\($0)" }
        lines.append(try store.boundaryEdition() ?? "no edition")
        return lines.joined(separator: "\n")
    }

    func testCreatesGeoPackageAndReopens() throws {
        let path = try newStorePath()
        do {
            let store = try BoundaryStore(path: path)
            for level in UnitLevel.allCases {
                XCTAssertEqual(try store.count(level), 0)
            }
            XCTAssertNil(try store.boundaryEdition())
            XCTAssertEqual(try store.importReport(), [])
        }
        // The SQLite header carries application_id "GPKG" at byte 68 and user_version 10300 at 60.
        let header = try Data(contentsOf: URL(fileURLWithPath: path)).prefix(100)
        XCTAssertEqual(Array(header[68..<72]), Array("GPKG".utf8))
        XCTAssertEqual(header[60..<64].reduce(0) { $0 << 8 | Int($1) }, 10300)
        XCTAssertEqual(String(decoding: header.prefix(15), as: UTF8.self), "SQLite format 3")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-journal"), "rollback journal gone after commit")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"), "no WAL")

        let reopened = try BoundaryStore(path: path)
        XCTAssertEqual(try reopened.count(.ward), 0)
        let readOnly = try BoundaryStore(path: path, readOnly: true)
        XCTAssertEqual(try readOnly.count(.municipality), 0)
        XCTAssertThrowsError(try readOnly.replaceBoundaries(edition: "x", sources: [], units: [], report: []))
    }

    func testStoresAndReadsBackEveryField() throws {
        let path = try newStorePath()
        let store = try filled(path)
        let input = StoreFixtures.units()
        for level in UnitLevel.allCases {
            let expected = input.filter { $0.level == level }.sorted { ($0.code ?? "") < ($1.code ?? "") }
            let stored = try store.units(level)
            XCTAssertEqual(stored.count, StoreFixtures.counts[level], "\(level)")
            for (a, b) in zip(stored, expected) {
                XCTAssertEqual(a.code, b.code)
                XCTAssertEqual(a.name, b.name)
                XCTAssertEqual(a.level, b.level)
                XCTAssertEqual(a.prefectureCode, b.prefectureCode)
                XCTAssertEqual(a.prefectureName, b.prefectureName)
                XCTAssertEqual(a.cityCode, b.cityCode)
                XCTAssertEqual(a.bureauID, b.bureauID)
                XCTAssertEqual(a.edition, b.edition)
                XCTAssertEqual(a.population, b.population)
                XCTAssertEqual(a.households, b.households)
                XCTAssertEqual(a.sourceParts, b.sourceParts)
                XCTAssertEqual(a.repairNote, b.repairNote)
                let polygons = b.geometry.polygons
                XCTAssertEqual(a.geometry, .multiPolygon(polygons), "stored as MULTIPOLYGON")
                if level.keepsN03Attributes {
                    XCTAssertEqual(a.n03.count, 5)
                    for key in UnitRecord.n03Keys {
                        XCTAssertEqual(a.n03[key] ?? nil, b.n03[key] ?? nil, key)
                    }
                } else {
                    XCTAssertTrue(a.n03.isEmpty)
                }
            }
            let bare = try store.units(level, withGeometry: false)
            XCTAssertEqual(bare.map(\.code), stored.map(\.code))
            XCTAssertTrue(bare.allSatisfy { $0.geometry == .multiPolygon([]) })
        }
        XCTAssertEqual(try store.importReport(), StoreFixtures.report)
        XCTAssertEqual(try store.importSources(), StoreFixtures.sources)
        XCTAssertEqual(try store.boundaryEdition(), StoreFixtures.edition)

        let again = try BoundaryStore(path: path, readOnly: true)
        XCTAssertEqual(try snapshot(again), try snapshot(store))
    }

    func testReplacingTwiceGivesTheSameContent() throws {
        let path = try newStorePath()
        let store = try filled(path)
        let first = try snapshot(store)
        try store.replaceBoundaries(edition: StoreFixtures.edition, sources: StoreFixtures.sources,
                                    units: StoreFixtures.units(), report: StoreFixtures.report)
        XCTAssertEqual(try snapshot(store), first, "fids restart at 1, nothing doubled")
        for level in UnitLevel.allCases {
            XCTAssertEqual(try store.count(level), StoreFixtures.counts[level])
        }
        // A smaller, newer edition replaces everything.
        let newer = "N03-23_230101"
        let wards = (0..<3).map { StoreFixtures.ward($0, column: $0, row: 0, edition: newer) }
        try store.replaceBoundaries(edition: newer, sources: [], units: wards, report: [])
        XCTAssertEqual(try store.count(.ward), 3)
        XCTAssertEqual(try store.count(.prefecture), 0)
        XCTAssertEqual(try store.units(.ward).map(\.id), [1, 2, 3])
        XCTAssertEqual(try store.boundaryEdition(), newer)
        XCTAssertEqual(try store.importReport(), [])
    }

    func testFailedReplaceLeavesTheFileExactlyAsItWas() throws {
        let path = try newStorePath()
        let store = try filled(path)
        let before = try snapshot(store)
        let bytesBefore = try Data(contentsOf: URL(fileURLWithPath: path))

        var bad = StoreFixtures.units(edition: "N03-24_240101")
        bad.append(UnitRecord(code: "99999", name: "bad", level: .ward, edition: "N03-24_240101", sourceParts: 1,
                              geometry: .lineString([Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1)])))
        XCTAssertThrowsError(try store.replaceBoundaries(edition: "N03-24_240101", sources: [], units: bad, report: [])) { error in
            guard case StoreError.invalidUnit(_, let index, _, let code, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(index, bad.count - 1)
            XCTAssertEqual(code, "99999")
            XCTAssertTrue("\(error)".contains(path), "\(error)")
            XCTAssertTrue("\(error)".contains("LINESTRING"), "\(error)")
        }

        var notFinite = StoreFixtures.units()
        notFinite[5].geometry = .multiPolygon([Polygon(exterior: LinearRing([
            Coordinate(x: 0, y: 0), Coordinate(x: .nan, y: 1), Coordinate(x: 1, y: 1), Coordinate(x: 0, y: 0),
        ]))])
        XCTAssertThrowsError(try store.replaceBoundaries(edition: StoreFixtures.edition, sources: [], units: notFinite, report: [])) {
            XCTAssertTrue("\($0)".contains("non-finite"), "\($0)")
        }

        var mixed = StoreFixtures.units()
        mixed[mixed.count - 1].edition = "N03-21_210101"
        XCTAssertThrowsError(try store.replaceBoundaries(edition: StoreFixtures.edition, sources: [], units: mixed, report: [])) {
            XCTAssertTrue("\($0)".contains("edition"), "\($0)")
        }

        XCTAssertEqual(try snapshot(store), before)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), bytesBefore, "rolled back byte for byte")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-journal"))
    }

    func testOpeningATextFileFailsClearly() throws {
        let path = try newStorePath()
        let text = String(repeating: "code,name\n13101,千代田区\n", count: 100)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        for readOnly in [false, true] {
            XCTAssertThrowsError(try BoundaryStore(path: path, readOnly: readOnly)) { error in
                guard case StoreError.notAGeoPackage = error else { return XCTFail("\(error)") }
                XCTAssertTrue("\(error)".hasPrefix("\(path): not a GeoPackage"), "\(error)")
            }
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), text, "left untouched")
    }

    func testOpeningAnotherSQLiteDatabaseFails() throws {
        let path = try newStorePath()
        // A SQLite file of something else: create it through a store-less SQLite session.
        let sqlite = try TestData.tool("sqlite3", package: "sqlite3")
        let result = try Program.run(sqlite, [path, "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT);"])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertThrowsError(try BoundaryStore(path: path)) { error in
            guard case StoreError.notAGeoPackage = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("application_id"), "\(error)")
        }
    }

    func testUnwritablePathsFail() throws {
        let folder = try TemporaryFolder.url(for: self)
        let aFile = folder.appendingPathComponent("plain.txt")
        try "x".write(to: aFile, atomically: true, encoding: .utf8)
        let paths = [
            "/proc/investmap.gpkg",                                    // a virtual file system
            folder.appendingPathComponent("missing/dir/investmap.gpkg").path,  // no such folder
            aFile.appendingPathComponent("investmap.gpkg").path,      // parent is a file
            folder.path,                                              // a directory
        ]
        for path in paths {
            XCTAssertThrowsError(try BoundaryStore(path: path), path) { error in
                guard case StoreError.cannotOpen = error else { return XCTFail("\(path): \(error)") }
                XCTAssertTrue("\(error)".hasPrefix(path), "\(error)")
            }
        }
        let missing = folder.appendingPathComponent("none.gpkg").path
        XCTAssertThrowsError(try BoundaryStore(path: missing, readOnly: true)) {
            XCTAssertTrue("\($0)".contains("no such file"), "\($0)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing), "read-only open creates nothing")
    }

    func testRTreeQueryReturnsTheIntersectingUnits() throws {
        let store = try filled(try newStorePath())
        let wards = try store.units(.ward)
        let boxes = [
            BoundingBox(minX: 130.15, minY: 30.05, maxX: 130.25, maxY: 30.12),  // straddles 4 cells
            BoundingBox(minX: 130.01, minY: 30.01, maxX: 130.02, maxY: 30.02),  // inside one cell
            BoundingBox(minX: 131, minY: 31, maxX: 132, maxY: 32),              // nothing
            BoundingBox(minX: 0, minY: 0, maxX: 180, maxY: 90),                 // everything
        ]
        for box in boxes {
            let expected = wards.filter { $0.geometry.boundingBox.intersects(box) }.map { $0.id! }.sorted()
            XCTAssertEqual(try store.unitIDs(.ward, intersecting: box), expected, "\(box)")
            XCTAssertEqual(try store.units(.ward, ids: expected).map(\.id!), expected)
        }
        XCTAssertEqual(try store.unitIDs(.ward, intersecting: boxes[0]).count, 4)
        XCTAssertEqual(try store.unitIDs(.ward, intersecting: .empty), [])
        XCTAssertEqual(try store.unitIDs(.unassigned, intersecting: BoundingBox(minX: 140, minY: 40, maxX: 140.01, maxY: 40.01)), [1])
    }

    func testIdenticalInputGivesByteIdenticalFiles() throws {
        setenv("SOURCE_DATE_EPOCH", "1700000000", 1)
        defer { unsetenv("SOURCE_DATE_EPOCH") }
        let a = try newStorePath(), b = try newStorePath()
        _ = try filled(a)
        _ = try filled(b)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: a)), try Data(contentsOf: URL(fileURLWithPath: b)))
    }
}
