import BoundaryStore
import Foundation
import Ledger
import LedgerImport
import TestStores
import TestSupport
import XCTest

/// `LedgerImporter` on copies of the fixture store: rows in = accepted + rejected with their
/// line and reason; the join puts each project in its ward, city, prefecture and bureau
/// (off-coast rows in the nearest municipality, flagged; a declared code that disagrees flagged,
/// kept); importing the same file again changes nothing; `replaceAll` makes the file the
/// whole ledger; a published edition refuses imports; polygon sites overlap every unit they touch.
final class LedgerImporterTests: XCTestCase {
    static let header = "id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source\n"

    /// A write summary with the given counts.
    private func written(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0, removed: Int = 0) -> LedgerWriteSummary {
        var summary = LedgerWriteSummary()
        summary.inserted = inserted
        summary.updated = updated
        summary.unchanged = unchanged
        summary.removed = removed
        return summary
    }

    /// A writable copy of the fixture store with an empty draft edition "e1".
    private func emptyLedger() throws -> (importer: LedgerImporter, store: BoundaryStore, folder: TemporaryFolder) {
        let store = try BoundaryStore(path: FixtureStore.copy(for: self))
        _ = try store.createEdition("e1", note: "test")
        return (LedgerImporter(store: store, reference: try FixtureStore.reference()), store, try TemporaryFolder())
    }

    func testEveryRowIsAcceptedOrRejectedWithItsLineAndReason() throws {
        let (importer, store, folder) = try emptyLedger()
        let file = try folder.write("ledger.csv", Self.header + """
            G1,高知 good,B,,1000000000,10,operating,2025-04-01,133.5311,33.5597,39201,test
            B1,bad number,B,,12x,5,planned,,133.53,33.56,,
            B2,A without field,A,,,,planned,,133.53,33.56,,
            G1,duplicate id,B,,,,planned,,133.53,33.56,,
            B3,far at sea,B,,,,planned,,133.0,31.9,,
            B4,bad date,C,,,,planned,2025-02-30,133.53,33.56,,
            G2,off the coast,A,ai_semiconductors,,,planned,,133.57,33.47,,

            """)
        let summary = try importer.importProjects(from: file, displayName: "ledger.csv", edition: "e1")
        XCTAssertEqual(summary.rowsRead, 7)
        XCTAssertEqual(summary.accepted, 2)
        XCTAssertEqual(summary.rowsRead, summary.accepted + summary.rejections.count, "rows in = accepted + rejected")
        XCTAssertEqual(summary.rejections.map(\.line), [3, 4, 5, 6, 7], "one rejection per bad row, in line order")
        XCTAssertTrue(summary.rejections.allSatisfy { $0.file == "ledger.csv" })
        let reasons = Dictionary(uniqueKeysWithValues: summary.rejections.map { ($0.line, $0.reason) })
        func expect(_ line: Int, _ fragments: String..., file: StaticString = #filePath, lineNumber: UInt = #line) {
            for fragment in fragments {
                XCTAssertTrue(reasons[line, default: ""].contains(fragment), "line \(line): \(reasons[line] ?? "accepted")",
                              file: file, line: lineNumber)
            }
        }
        expect(3, "12x")
        expect(4, "field")
        expect(5, "duplicate", "line 2")
        expect(6, "no municipality within")
        expect(7, "2025-02-30")
        XCTAssertEqual(summary.written, written(inserted: 2))
        XCTAssertEqual(summary.nearestFromSea, 1)

        let stored = Dictionary(uniqueKeysWithValues: try store.projects(edition: "e1").map { ($0.project.id, $0) })
        XCTAssertEqual(Set(stored.keys), ["G1", "G2"])
        XCTAssertEqual(stored["G1"]?.project.name, "高知 good", "the first of two rows with one id is kept")
        XCTAssertEqual(stored["G1"]?.join, LedgerJoin(wardCode: "39201", municipalityCode: "39201", prefectureCode: "39",
                                                       bureauID: "shikoku", match: .inside))
        let offCoast = try XCTUnwrap(stored["G2"]?.join)
        XCTAssertEqual(offCoast.match, .nearest, "a point off the coast joins the nearest municipality")
        XCTAssertEqual(offCoast.wardCode, "39201")
        XCTAssertLessThanOrEqual(try XCTUnwrap(offCoast.seaDistanceKm), 5)
    }

    func testImportingTheSameFileAgainChangesNothing() throws {
        let (importer, store, folder) = try emptyLedger()
        let file = try folder.write("ledger.csv", Self.header + """
            P1,岡山 one,B,,200000000,3,planned,2025-01-01,133.9344,34.6618,33101,
            P2,徳島 two,C,,,,operating,,134.5593,34.0658,,

            """)
        let first = try importer.importProjects(from: file, displayName: "ledger.csv", edition: "e1")
        XCTAssertEqual(first.written, written(inserted: 2))
        let before = try store.projects(edition: "e1")
        let second = try importer.importProjects(from: file, displayName: "ledger.csv", edition: "e1")
        XCTAssertEqual(second.written, written(unchanged: 2))
        XCTAssertEqual(second.accepted, 2)
        XCTAssertEqual(try store.projects(edition: "e1").map(\.project), before.map(\.project))
        XCTAssertEqual(try store.projects(edition: "e1").map(\.join), before.map(\.join))
        XCTAssertEqual(try store.editions().map(\.projects), [2])
    }

    func testADeclaredCodeThatDisagreesIsFlaggedAndKept() throws {
        let (importer, store, folder) = try emptyLedger()
        // 松山市's code declared for a point in 高知市; 岡山市 declared for a point in its 北区.
        let file = try folder.write("ledger.csv", Self.header + """
            M1,declared elsewhere,B,,,,planned,,133.5311,33.5597,38201,
            M2,declared city of the ward,B,,,,planned,,133.9344,34.6618,33100,

            """)
        let summary = try importer.importProjects(from: file, displayName: "ledger.csv", edition: "e1")
        XCTAssertEqual(summary.codeMismatches, 1)
        let stored = Dictionary(uniqueKeysWithValues: try store.projects(edition: "e1").map { ($0.project.id, $0) })
        XCTAssertEqual(stored["M1"]?.join.codeMismatch, true)
        XCTAssertEqual(stored["M1"]?.join.wardCode, "39201", "joined where it is")
        XCTAssertEqual(stored["M1"]?.project.declaredCode?.code5, "38201", "the declared code is kept as declared")
        XCTAssertEqual(stored["M2"]?.join.codeMismatch, false, "a designated city matches any of its wards")
    }

    func testReplaceAllMakesTheFileTheWholeLedger() throws {
        let (importer, store, folder) = try emptyLedger()
        let all = try folder.write("all.csv", Self.header + """
            P1,one,B,,,,planned,,133.9344,34.6618,,
            P2,two,B,,,,planned,,134.5593,34.0658,,
            P3,three,B,,,,planned,,134.0434,34.3401,,

            """)
        _ = try importer.importProjects(from: all, displayName: "all.csv", edition: "e1")
        let fewer = try folder.write("fewer.csv", Self.header + """
            P2,two renamed,B,,,,planned,,134.5593,34.0658,,

            """)
        let merged = try importer.importProjects(from: fewer, displayName: "fewer.csv", edition: "e1")
        XCTAssertEqual(merged.written, written(updated: 1), "without replaceAll the others stay")
        XCTAssertEqual(try store.projects(edition: "e1").count, 3)
        let replaced = try importer.importProjects(from: fewer, displayName: "fewer.csv", edition: "e1", replaceAll: true)
        XCTAssertEqual(replaced.written, written(unchanged: 1, removed: 2))
        XCTAssertEqual(try store.projects(edition: "e1").map(\.project.id), ["P2"])
    }

    func testAPublishedEditionRefusesImportsAndStaysAsItWas() throws {
        let (importer, store, folder) = try emptyLedger()
        let file = try folder.write("ledger.csv", Self.header + "P1,one,B,,,,planned,,133.9344,34.6618,,\n")
        _ = try importer.importProjects(from: file, displayName: "ledger.csv", edition: "e1")
        _ = try store.publishEdition("e1")
        let before = try Data(contentsOf: URL(fileURLWithPath: store.path))
        XCTAssertThrowsError(try importer.importProjects(from: file, displayName: "ledger.csv", edition: "e1")) { error in
            guard case StoreError.editionPublished = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try importer.importProjects(from: file, displayName: "ledger.csv", edition: "nope"))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: store.path)), before, "the store is untouched")
    }

    func testSitesArePointsOrPolygonsOverlappingTheirUnits() throws {
        let (importer, store, folder) = try emptyLedger()
        // S1 straddles the border of 高知市 and 南国市 (mostly 高知市); S2 is a point in 高松市;
        // S3 lies in the open sea.
        let file = try folder.write("sites.csv", """
            id,name,plan,fields,status,lon,lat,wkt
            S1,高知 border park,B,ai_semiconductors,operating,,,"POLYGON((133.55 33.56,133.62 33.56,133.62 33.60,133.55 33.60,133.55 33.56))"
            S2,高松 port,B,,planned,134.0434,34.3401,
            S3,at sea,B,,planned,133.0,31.9,

            """)
        let summary = try importer.importSites(from: file, displayName: "sites.csv", edition: "e1")
        XCTAssertEqual(summary.accepted, 2)
        XCTAssertEqual(summary.rejections.map(\.line), [4])
        let sites = Dictionary(uniqueKeysWithValues: try store.sites(edition: "e1").map { ($0.site.id, $0) })
        XCTAssertEqual(sites["S2"]?.join.wardCode, "37201")
        XCTAssertEqual(sites["S1"]?.join.prefectureCode, "39")
        XCTAssertEqual(sites["S1"]?.join.match, .inside)
        XCTAssertEqual(try store.editions().first?.sites, 2)
    }
}
