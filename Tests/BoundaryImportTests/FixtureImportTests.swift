import BoundaryImport
import BoundaryStore
import Foundation
import GeoCore
import Reference
import TestStores
import TestSupport
import GRDB
import XCTest

/// `BoundaryImporter` and `BoundarySimplifier` on the committed fixture (the real N03 boundaries
/// of 岡山県 and the four Shikoku prefectures, `Tests/Fixtures`): every level built with the
/// right counts, the census joined, every geometry valid, the derived levels covering exactly
/// their parts, every simplified scale gap-free.
final class FixtureImportTests: XCTestCase {
    /// N03 units per prefecture of the fixture: 岡山市's four wards count, the city does not.
    static let wardsPerPrefecture = ["33": 30, "36": 24, "37": 17, "38": 20, "39": 34]

    func testEveryLevelIsBuiltWithTheKnownCounts() throws {
        let imported = try FixtureStore.imported()
        XCTAssertEqual(imported.summary.edition, FixtureStore.boundaryEdition, "the edition comes from the file name")
        XCTAssertEqual(imported.summary.featuresRead, 125)
        let expected: [UnitLevel: Int] = [.ward: 125, .unassigned: 0, .municipality: 122, .designatedCity: 1, .prefecture: 5, .bureau: 2]
        XCTAssertEqual(imported.summary.counts, expected)
        let store = try FixtureStore.open()
        for (level, count) in expected {
            XCTAssertEqual(try store.count(level), count, "\(level) in the store")
        }
        XCTAssertEqual(try store.boundaryEdition(), FixtureStore.boundaryEdition)
        let wards = try store.units(.ward, withGeometry: false)
        XCTAssertEqual(Dictionary(grouping: wards, by: { $0.prefectureCode ?? "-" }).mapValues(\.count), Self.wardsPerPrefecture)
        XCTAssertEqual(try store.units(.bureau, withGeometry: false).compactMap(\.code).sorted(), ["chugoku", "shikoku"])
        XCTAssertEqual(try store.units(.designatedCity, withGeometry: false).map(\.name), ["岡山市"])
        XCTAssertEqual(try store.importSources().map { URL(fileURLWithPath: $0.file).lastPathComponent }, [FixtureStore.boundaryFileName])
    }

    func testWardsRollUpIntoTheirDesignatedCity() throws {
        let store = try FixtureStore.open()
        let wards = try store.units(.ward, withGeometry: false).filter { $0.cityCode == "33100" }
        XCTAssertEqual(wards.compactMap(\.code), ["33101", "33102", "33103", "33104"])
        XCTAssertEqual(wards.map(\.name), ["岡山市北区", "岡山市中区", "岡山市東区", "岡山市南区"], "a ward's name carries its city")
        let city = try XCTUnwrap(store.units(.municipality, withGeometry: false).first { $0.code == "33100" })
        XCTAssertEqual(city.name, "岡山市")
        XCTAssertEqual(city.population, wards.compactMap(\.population).reduce(0, +), "the city's population is its wards'")
        let ordinary = try XCTUnwrap(store.units(.municipality, withGeometry: false).first { $0.code == "39201" })
        XCTAssertEqual(ordinary.name, "高知市")
        XCTAssertEqual(ordinary.bureauID, "shikoku")
    }

    func testCensusPopulationIsJoinedAndEveryCodeMatches() throws {
        let census = try FixtureStore.census()
        let store = try FixtureStore.open()
        for unit in try store.units(.ward, withGeometry: false) {
            XCTAssertEqual(unit.population, census[unit.code!]?.population, unit.code!)
            XCTAssertNotNil(unit.population, "\(unit.code!) \(unit.name) has a census population")
        }
        for prefecture in try store.units(.prefecture, withGeometry: false) {
            XCTAssertEqual(prefecture.population, census[prefecture.code! + "000"]?.population, prefecture.name)
        }
        let report = try FixtureStore.imported().summary.report
        XCTAssertEqual(report.filter { $0.kind.hasPrefix("census") }.map(\.detail), [],
                       "the fixture's census rows and boundaries match code for code")
    }

    func testEveryStoredGeometryIsValidAtEveryScale() throws {
        let results = try StoreCheck.run(FixtureStore.open())
        XCTAssertEqual(Set(results.compactMap(\.scale)), Set(FixtureStore.scales))
        for result in results {
            XCTAssertEqual(result.invalid.map(\.code), [], "\(result.level) at \(result.scale ?? "full resolution")")
        }
    }

    func testPrefecturesCoverExactlyTheirMunicipalities() throws {
        let store = try FixtureStore.open()
        let municipalities = try store.units(.municipality)
        for prefecture in try store.units(.prefecture) {
            let parts = municipalities.filter { $0.prefectureCode == prefecture.code }
            let sum = parts.reduce(0) { $0 + EllipsoidalArea.grs80.squareMetres(of: $1.geometry) }
            let whole = EllipsoidalArea.grs80.squareMetres(of: prefecture.geometry)
            XCTAssertEqual(whole, sum, accuracy: sum * 1e-9, "\(prefecture.name): the dissolve loses or adds nothing")
        }
        // 香川県 is about 1,877 km² (the simplified boundaries stay within a few per cent).
        let kagawa = try XCTUnwrap(store.units(.prefecture).first { $0.code == "37" })
        XCTAssertEqual(EllipsoidalArea.grs80.squareMetres(of: kagawa.geometry) / 1e6, 1_877, accuracy: 1_877 * 0.05)
    }

    func testSimplifiedScalesOpenNoBorderAndKeepEveryUnit() throws {
        let imported = try FixtureStore.imported()
        XCTAssertEqual(imported.simplified.map(\.level.name), FixtureStore.scales)
        let store = try FixtureStore.open()
        for outcome in imported.simplified {
            XCTAssertEqual(outcome.bordersOpened, 0, outcome.level.name)
            XCTAssertEqual(try store.units(.ward, scale: outcome.level.name).count, 125, outcome.level.name)
            XCTAssertEqual(try store.units(.prefecture, scale: outcome.level.name).count, 5, outcome.level.name)
        }
        let full = try store.units(.ward).reduce(0) { $0 + $1.geometry.vertexCount }
        let national = try store.units(.ward, scale: "national").reduce(0) { $0 + $1.geometry.vertexCount }
        XCTAssertLessThan(national, full, "the national scale drops vertices")
    }

    func testImportingAgainReplacesTheLayersAsAWhole() throws {
        let path = try FixtureStore.copy(for: self)
        let summary = try BoundaryImporter(reference: FixtureStore.reference(), census: nil)
            .run(files: [FixtureStore.boundaryFile()], edition: "again", openStore: { try BoundaryStore(path: path) })
        XCTAssertEqual(summary.counts[.ward], 125)
        XCTAssertTrue(summary.report.contains { $0.kind == "census_absent" }, "no census: reported, population left empty")
        let store = try BoundaryStore(path: path, readOnly: true)
        XCTAssertEqual(try store.count(.ward), 125, "replaced, not appended")
        XCTAssertEqual(try store.boundaryEdition(), "again")
        XCTAssertTrue(try store.units(.ward, withGeometry: false).allSatisfy { $0.population == nil && $0.edition == "again" })
    }

    func testABadFileIsRefusedAndCreatesNoStore() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("N03-99_990101.geojson", """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"N03_001":"架空県","N03_004":"架空町","N03_007":"99101"},
            "geometry":{"type":"Polygon","coordinates":[[[133,34],[133.1,34],[133.1,34.1],[133,34.1],[133,34]]]}}]}
            """)
        let path = folder.file("never.gpkg").path
        XCTAssertThrowsError(try BoundaryImporter(reference: FixtureStore.reference(), census: nil)
            .run(files: [input], edition: nil, openStore: { try BoundaryStore(path: path) })) { error in
            XCTAssertTrue("\(error)".contains("99101"), "names the unit: \(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "a failed import creates no file")
    }

    /// A made-up unit `37999` as a one-feature N03 GeoJSON: the square given (lon/lat corners).
    private func fillSource(_ folder: TemporaryFolder, _ minLon: Double, _ minLat: Double, _ maxLon: Double, _ maxLat: Double) throws -> URL {
        try folder.write("N03-99_990101_fill.geojson", """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"N03_001":"香川県","N03_004":"架空島","N03_007":"37999"},
            "geometry":{"type":"Polygon","coordinates":[[[\(minLon),\(minLat)],[\(maxLon),\(minLat)],[\(maxLon),\(maxLat)],[\(minLon),\(maxLat)],[\(minLon),\(minLat)]]]}}]}
            """)
    }

    /// An island the primary lacks, in a lake that two primary units enclose together: the
    /// neighbours' union has the lake as a hole that holds the island's whole search box (GEOS's
    /// rectangle clip returns such a box whole), and nothing of the island may be cut.
    func testAnIslandInALakeTwoUnitsEncloseIsFilledWhole() throws {
        let folder = try TemporaryFolder()
        func feature(_ code: String, _ name: String, _ ring: [(Double, Double)]) -> String {
            let coordinates = (ring + [ring[0]]).map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
            return """
                {"type":"Feature","properties":{"N03_001":"香川県","N03_004":"\(name)","N03_007":"\(code)"},"geometry":{"type":"Polygon","coordinates":[[\(coordinates)]]}}
                """
        }
        // The frame 135.0–135.2 × 35.0–35.2 around the lake 135.05–135.15 × 35.05–35.15, split at 135.1.
        let west = feature("37201", "高松市", [(135.0, 35.0), (135.1, 35.0), (135.1, 35.05), (135.05, 35.05), (135.05, 35.15),
                                              (135.1, 35.15), (135.1, 35.2), (135.0, 35.2)])
        let east = feature("37202", "丸亀市", [(135.1, 35.0), (135.2, 35.0), (135.2, 35.2), (135.1, 35.2), (135.1, 35.15),
                                              (135.15, 35.15), (135.15, 35.05), (135.1, 35.05)])
        let primary = try folder.write("N03-98_980101.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\(west),\(east)]}")
        let island = feature("37999", "架空島", [(135.09, 35.09), (135.11, 35.09), (135.11, 35.11), (135.09, 35.11)])
        let fill = try folder.write("N03-99_990101_fill.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\(island)]}")
        let path = folder.file("lake.gpkg").path
        let summary = try BoundaryImporter(reference: FixtureStore.reference(), census: nil)
            .run(files: [primary], fillFrom: [fill], edition: nil, openStore: { try BoundaryStore(path: path) })
        let row = try XCTUnwrap(summary.report.first { $0.kind == "fill" && $0.code == "37999" })
        XCTAssertTrue(row.detail.contains("0.00 % cut"), row.detail)
        let filled = try XCTUnwrap(try BoundaryStore(path: path, readOnly: true).units(.ward).first { $0.code == "37999" })
        XCTAssertEqual(try GEOSGeometry(filled.geometry, context: GEOSContext()).area(), 0.02 * 0.02, accuracy: 1e-12)
    }

    /// Issue 16: a unit the primary lacks, drawn coarsely across 高知市's coast, is cut where it
    /// overlaps, keeps no gap, is valid, and is reported as filled.
    func testAFillIsCutToThePrimaryBordersAndReported() throws {
        let folder = try TemporaryFolder()
        let fill = try fillSource(folder, 133.54, 33.44, 133.60, 33.505)
        let path = folder.file("filled.gpkg").path
        let summary = try BoundaryImporter(reference: FixtureStore.reference(), census: nil)
            .run(files: [FixtureStore.boundaryFile()], fillFrom: [fill], edition: nil, openStore: { try BoundaryStore(path: path) })
        XCTAssertEqual(summary.counts[.ward], 126)
        let row = try XCTUnwrap(summary.report.first { $0.kind == "fill" })
        XCTAssertEqual(row.code, "37999")
        XCTAssertTrue(row.detail.contains("架空島: from") && row.detail.contains("coarser than the rest"), row.detail)
        XCTAssertEqual(summary.sources.map { URL(fileURLWithPath: $0.file).lastPathComponent },
                       [FixtureStore.boundaryFileName, "N03-99_990101_fill.geojson"], "the fill source is a source of the store too")
        let store = try BoundaryStore(path: path, readOnly: true)
        let units = try store.units(.ward)
        let filled = try XCTUnwrap(units.first { $0.code == "37999" })
        let kochi = try XCTUnwrap(units.first { $0.code == "39201" })
        let context = GEOSContext()
        let a = try GEOSGeometry(filled.geometry, context: context), b = try GEOSGeometry(kochi.geometry, context: context)
        XCTAssertTrue(try a.isValid())
        XCTAssertLessThan(try a.intersection(b).area(), 1e-12, "no overlap with 高知市")
        XCTAssertLessThan(try a.area(), 0.06 * 0.065, "cut where it lay on land")
        XCTAssertGreaterThan(try a.area(), 0.5 * 0.06 * 0.065)
        // Each filled unit records its source and edition; what contains it says so too.
        XCTAssertEqual(filled.fillSource, "N03-99_990101_fill.geojson")
        XCTAssertEqual(filled.fillEdition, "N03-99_990101")
        XCTAssertNil(kochi.fillSource)
        XCTAssertNil(kochi.fillEdition)
        let prefecture = try XCTUnwrap(try store.units(.prefecture).first { $0.code == "37" })
        XCTAssertEqual(prefecture.fillSource, "N03-99_990101_fill.geojson")
        XCTAssertNil(try store.units(.prefecture).first { $0.code == "39" }?.fillSource)
        XCTAssertEqual(try store.units(.municipality).first { $0.code == "37999" }?.fillEdition, "N03-99_990101")
    }

    /// A store written before the fill columns existed reads NULL for them, and gets them back
    /// when opened for writing.
    func testAStoreWithoutTheFillColumnsReadsAndGetsThem() throws {
        let path = try FixtureStore.copy(for: self, name: "old.gpkg")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for table in ["wards", "prefectures"] {
                try db.execute(sql: "ALTER TABLE \(table) DROP COLUMN fill_source")
                try db.execute(sql: "ALTER TABLE \(table) DROP COLUMN fill_edition")
            }
        }
        try queue.close()
        let readOnly = try BoundaryStore(path: path, readOnly: true)
        XCTAssertEqual(try readOnly.units(.ward).count, 125)
        XCTAssertNil(try readOnly.units(.prefecture).first?.fillSource)
        _ = try BoundaryStore(path: path)
        let columns = try DatabaseQueue(path: path).read { db in try db.columns(in: "wards").map(\.name) }
        XCTAssertTrue(columns.contains("fill_source") && columns.contains("fill_edition"), "\(columns)")
    }

    func testAFillSourceWithNothingMissingOrOnTheWrongPlaceIsRefusedAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("never.gpkg").path
        XCTAssertThrowsError(try BoundaryImporter(reference: FixtureStore.reference(), census: nil)
            .run(files: [FixtureStore.boundaryFile()], fillFrom: [FixtureStore.boundaryFile()], edition: nil,
                 openStore: { try BoundaryStore(path: path) })) { error in
            XCTAssertTrue("\(error)".contains("nothing to fill"), "\(error)")
        }
        // Most of it on 高知市: not the same territory's coverage.
        let misplaced = try fillSource(folder, 133.45, 33.52, 133.55, 33.60)
        XCTAssertThrowsError(try BoundaryImporter(reference: FixtureStore.reference(), census: nil)
            .run(files: [FixtureStore.boundaryFile()], fillFrom: [misplaced], edition: nil,
                 openStore: { try BoundaryStore(path: path) })) { error in
            XCTAssertTrue("\(error)".contains("overlaps the primary's units by"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "a failed import creates no file")
    }

    func testEditionIsTakenFromTheN03FileName() {
        XCTAssertEqual(BoundaryImporter.edition(fromFileName: URL(fileURLWithPath: "/x/N03-22_220101_fullres.geojson")), "N03-22_220101")
        XCTAssertEqual(BoundaryImporter.edition(fromFileName: URL(fileURLWithPath: "N03-20240101_GML.zip")), "N03-20240101")
        XCTAssertEqual(BoundaryImporter.edition(fromFileName: URL(fileURLWithPath: "mine.topojson")), "mine")
    }
}
