import Foundation
import GeoCore
import GeoFormats
import Ledger
import Reference
import TestSupport
import XCTest

final class ReadingSitesCSVTests: XCTestCase {
    func testWKTPolygonsArePreferredToPointsAndInvalidOnesRejected() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("sites.csv", """
            id,name,plan,fields,status,lon,lat,wkt
            S1,工業団地,A,ai_semiconductors;造船、3,operating,,,"POLYGON ((130.7 32.8, 130.8 32.8, 130.8 32.9, 130.7 32.9, 130.7 32.8))"
            S2,二つの区画,B,,,,,"MULTIPOLYGON (((135 34, 135.1 34, 135.1 34.1, 135 34)), ((135.2 34, 135.3 34, 135.3 34.1, 135.2 34)))"
            S3,点,C,,建設中,139.7,35.7,
            S4,蝶ネクタイ,C,,,,,"POLYGON ((139 35, 140 36, 140 35, 139 36, 139 35))"
            S5,壊れたWKT,C,,,,,"POLYGON ((139 35, 140 35"
            S6,線,C,,,,,"LINESTRING (139 35, 140 36)"
            S7,海外,C,,,,,"POLYGON ((10 10, 11 10, 11 11, 10 10))"
            S8,分野なし,A,,,139.7,35.7,
            S9,未知の分野,B,robotics,,139.7,35.7,
            S10,座標なし,C,,,,,

            """)
        let result = try LedgerReader.readSites(at: url, displayName: "sites.csv", reference: ReadingFixtures.reference())
        XCTAssertEqual(result.encoding, .utf8)
        XCTAssertEqual(result.rowsRead, 10)
        XCTAssertEqual(result.rows.map(\.line), [2, 3, 4])

        let s1 = result.rows[0].value
        XCTAssertEqual(s1.fields, ["ai_semiconductors", "shipbuilding", "quantum"])
        XCTAssertEqual(s1.status, .operating)
        XCTAssertEqual(s1.geometry, .polygon(Polygon(exterior: LinearRing([
            Coordinate(x: 130.7, y: 32.8), Coordinate(x: 130.8, y: 32.8), Coordinate(x: 130.8, y: 32.9),
            Coordinate(x: 130.7, y: 32.9), Coordinate(x: 130.7, y: 32.8),
        ]))))
        XCTAssertEqual(result.rows[1].value.geometry.polygons.count, 2)
        XCTAssertEqual(result.rows[1].value.fields, [])
        XCTAssertEqual(result.rows[2].value, ClusterSite(
            id: "S3", name: "点", plan: "C", fields: [], status: .underConstruction,
            geometry: .point(Coordinate(x: 139.7, y: 35.7))))

        let reasons = Dictionary(uniqueKeysWithValues: result.rejections.map { ($0.id ?? "", $0) })
        XCTAssertEqual(result.rejections.map(\.line), [5, 6, 7, 8, 9, 10, 11])
        XCTAssertTrue(reasons["S4"]!.reason.hasPrefix("wkt: invalid polygon: Self-intersection at ("), reasons["S4"]!.reason)
        XCTAssertTrue(reasons["S5"]!.reason.hasPrefix("wkt: not WKT: ParseException"), reasons["S5"]!.reason)
        XCTAssertEqual(reasons["S6"]?.reason, "wkt: expected POLYGON or MULTIPOLYGON, found LINESTRING")
        XCTAssertEqual(reasons["S7"]?.reason, "wkt: polygon outside Japan: lon 10.0…11.0, lat 10.0…11.0")
        XCTAssertEqual(reasons["S8"]?.reason, "fields: plan A needs at least one strategic field")
        XCTAssertEqual(reasons["S9"]?.reason, "fields: unknown strategic field 'robotics'")
        XCTAssertEqual(reasons["S10"]?.reason, "lon: empty")
    }

    func testSitesNeedWKTOrLonAndLat() throws {
        let folder = try TemporaryFolder()
        let reference = try ReadingFixtures.reference()
        let onlyWKT = try folder.write("wkt.csv", "id,name,plan,geometry\nS1,a,C,\"POLYGON ((139 35, 140 35, 140 36, 139 35))\"\n")
        XCTAssertEqual(try LedgerReader.readSites(at: onlyWKT, displayName: "wkt.csv", reference: reference).rows.count, 1)

        let neither = try folder.write("neither.csv", "id,name,plan\nS1,a,C\n")
        XCTAssertThrowsError(try LedgerReader.readSites(at: neither, displayName: "neither.csv", reference: reference)) { error in
            XCTAssertEqual((error as? DataFileError)?.reason,
                           "missing required columns lon (or lng, long, longitude, 経度); lat (or latitude, 緯度); headers found: id, name, plan")
        }
    }
}
