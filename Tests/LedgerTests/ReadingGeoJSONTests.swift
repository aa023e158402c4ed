import Foundation
import GeoCore
import GeoFormats
import Ledger
import Reference
import TestSupport
import XCTest

final class ReadingGeoJSONTests: XCTestCase {
    func testProjectFeaturesTakeTheirLocationFromThePointGeometry() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("projects.geojson", """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"事業番号": "G1", "事業名": "港湾拠点", "計画": "A", "分野": "港湾ロジスティクス",
                "投資額(億円)": 12.5, "雇用者数": 40, "lon": 0, "lat": 0, "memo": "x"},
               "geometry": {"type": "Point", "coordinates": [135.19, 34.68]}},
              {"type": "Feature", "properties": {"id": "G2", "name": "polygon", "plan": "B"},
               "geometry": {"type": "Polygon", "coordinates": [[[135, 34], [136, 34], [136, 35], [135, 34]]]}},
              {"type": "Feature", "properties": {"id": "G3", "name": "lat first", "plan": "B"},
               "geometry": {"type": "Point", "coordinates": [34.68, 135.19]}},
              {"type": "Feature", "properties": {"name": "no id", "plan": "B"},
               "geometry": {"type": "Point", "coordinates": [135.19, 34.68]}},
              {"type": "Feature", "properties": {"id": "G1", "name": "again", "plan": "B"},
               "geometry": {"type": "Point", "coordinates": [135.19, 34.68]}},
              {"type": "Feature", "properties": {"id": "G4", "name": "no geometry", "plan": "C", "status": null},
               "geometry": null},
              {"type": "Feature", "properties": {"id": "G5", "name": "two names", "名称": "別名", "plan": "C"},
               "geometry": {"type": "Point", "coordinates": [135.19, 34.68]}}
            ]}
            """)
        let result = try LedgerReader.readProjects(at: url, displayName: "projects.geojson", reference: ReadingFixtures.reference())
        XCTAssertNil(result.encoding)
        XCTAssertEqual(result.ignoredColumns, ["memo"], "lon/lat properties are understood (and ignored), memo is not")
        XCTAssertEqual(result.rows.map(\.line), [1])
        XCTAssertEqual(result.rows.first?.value, ProjectInput(InvestmentProject(
            id: "G1", name: "港湾拠点", plan: "A", field: "port_logistics", totalInvestmentJPY: 1_250_000_000, jobs: 40,
            status: .planned, announced: nil, location: Coordinate(x: 135.19, y: 34.68), declaredCode: nil, source: nil)))
        XCTAssertEqual(result.rejections.map(\.line), [2, 3, 4, 5, 6, 7])
        XCTAssertEqual(result.rejections.map(\.id), ["G2", "G3", nil, "G1", "G4", "G5"])
        XCTAssertEqual(result.rejections.map(\.reason), [
            "geometry: expected a Point, found Polygon",
            "coordinates outside Japan: lon 34.68, lat 135.19 (lon and lat look swapped)",
            "id: empty",
            "duplicate id G1 (first on line 1)",
            "no location: give lon and lat, an address (所在地), a municipality code (市区町村コード) or the municipality's name",
            "properties 'name' and '名称' both mean name: keep one, or say which with --map name=HEADER",
        ])
        XCTAssertEqual(result.rowsRead, 7)
    }

    func testMalformedJSONThrowsWithItsLine() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("broken.geojson", """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"id": "G1",}, "geometry": null}
            ]}
            """)
        XCTAssertThrowsError(try LedgerReader.readProjects(at: url, displayName: "broken.geojson", reference: ReadingFixtures.reference())) { error in
            guard let error = error as? DataFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.source, "broken.geojson")
            XCTAssertEqual(error.line, 2)
            XCTAssertTrue(error.reason.hasPrefix("feature 1: "), error.reason)
        }
    }

    func testGeoJSONIsRecognisedByContentWithoutAnExtension() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("export", """

              {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "G1", "name": "a", "plan": "C"},
               "geometry": {"type": "Point", "coordinates": [139.7, 35.7]}}]}
            """)
        let result = try LedgerReader.readProjects(at: url, displayName: "export", reference: ReadingFixtures.reference())
        XCTAssertEqual(result.rows.map(\.value.id), ["G1"])
        XCTAssertNil(result.encoding)
    }

    func testSiteFeaturesArePointsPolygonsOrMultiPolygons() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("sites.geojson", """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"id": "S1", "name": "point", "plan": "B"},
               "geometry": {"type": "Point", "coordinates": [139.7, 35.7]}},
              {"type": "Feature", "properties": {"id": "S2", "name": "polygon", "plan": "A", "fields": "造船;海洋"},
               "geometry": {"type": "Polygon", "coordinates": [[[139, 35], [140, 35], [140, 36], [139, 36], [139, 35]]]}},
              {"type": "Feature", "properties": {"id": "S3", "name": "multipolygon", "plan": "C", "status": "稼働中"},
               "geometry": {"type": "MultiPolygon", "coordinates": [[[[130, 33], [131, 33], [131, 34], [130, 33]]],
                                                                     [[[132, 33], [133, 33], [133, 34], [132, 33]]]]}},
              {"type": "Feature", "properties": {"id": "S4", "name": "line", "plan": "C"},
               "geometry": {"type": "LineString", "coordinates": [[139, 35], [140, 36]]}},
              {"type": "Feature", "properties": {"id": "S5", "name": "bow tie", "plan": "C"},
               "geometry": {"type": "Polygon", "coordinates": [[[139, 35], [140, 36], [140, 35], [139, 36], [139, 35]]]}},
              {"type": "Feature", "properties": {"id": "S6", "name": "no field", "plan": "A"},
               "geometry": {"type": "Point", "coordinates": [139.7, 35.7]}}
            ]}
            """)
        let result = try LedgerReader.readSites(at: url, displayName: "sites.geojson", reference: ReadingFixtures.reference())
        XCTAssertEqual(result.rows.map(\.line), [1, 2, 3])
        XCTAssertEqual(result.rows[0].value.geometry, .point(Coordinate(x: 139.7, y: 35.7)))
        XCTAssertEqual(result.rows[1].value.fields, ["shipbuilding", "ocean"])
        XCTAssertEqual(result.rows[1].value.geometry.polygons.count, 1)
        XCTAssertEqual(result.rows[2].value.geometry.polygons.count, 2)
        XCTAssertEqual(result.rows[2].value.status, .operating)
        XCTAssertEqual(result.rejections.map(\.line), [4, 5, 6])
        XCTAssertEqual(result.rejections[0].reason, "geometry: expected a Point, Polygon or MultiPolygon, found LineString")
        XCTAssertTrue(result.rejections[1].reason.hasPrefix("geometry: invalid polygon: Self-intersection"), result.rejections[1].reason)
        XCTAssertEqual(result.rejections[2].reason, "fields: plan A needs at least one strategic field")
    }
}
