import BoundaryStore
import Cartography
import Foundation
import GeoCore
import GeoFormats
import LedgerStatistics
import QueryOutput
import Reference
import SpatialJoin
import SpatialQueries
import TestStores
import TestSupport
import XCTest

/// What the queries answer (the CLI's `--format` and the HTTP service's bodies), pinned as golden
/// files in `Goldens/` for hand-made answers (`Scripts/update_goldens` rewrites them), and the
/// shape of the answers made from the fixture store: the columns, the metadata every output
/// carries (edition, question, credits), one row per unit.
final class QueryOutputTests: XCTestCase {
    static let goldens = Golden.folder()

    /// Two rows of a `near`-like answer: a string with a comma and a quote, a wide name, an
    /// integer, a fraction, a null, and geometries (a point, none).
    static var table: QueryTable {
        QueryTable(
            columns: ["id", "name", "amount_jpy", "distance_km", "note"],
            rows: [
                ["id": .string("P1"), "name": .string("高知 \"本社\", 第1期"), "amount_jpy": .integer(1_000_000_000),
                 "distance_km": .numeric(0.25), "note": .null],
                ["id": .string("P2"), "name": .string("plain"), "amount_jpy": .null, "distance_km": .numeric(12), "note": .string("x")],
            ],
            geometries: [.point(Coordinate(x: 133.531_123_4, y: 33.559_7)), nil],
            metadata: QueryTable.metadata(edition: "2026-04", note: "fictional", query: "near 133.5311 33.5597 --km 20 --kind projects",
                                          credits: DataCredits.all))
    }

    func testTableFormatsMatchTheirGoldens() {
        Golden.assertMatches(Self.table.render(.table), "near.txt", in: Self.goldens)
        Golden.assertMatches(Self.table.render(.csv), "near.csv", in: Self.goldens)
        Golden.assertMatches(Self.table.render(.json), "near.json", in: Self.goldens)
        Golden.assertMatches(Self.table.render(.geojson), "near.geojson", in: Self.goldens)
    }

    func testJSONAndGeoJSONParseAndCarryTheMetadata() throws {
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(Self.table.render(.json).utf8)) as? [String: Any])
        let metadata = try XCTUnwrap(json["metadata"] as? [String: Any])
        XCTAssertEqual(metadata["edition"] as? String, "2026-04")
        XCTAssertEqual(metadata["edition_note"] as? String, "fictional")
        XCTAssertEqual(metadata["attribution"] as? String, DataCredits.all.joined(separator: " / "))
        XCTAssertEqual((json["rows"] as? [Any])?.count, 2)
        let geojson = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(Self.table.render(.geojson).utf8)) as? [String: Any])
        XCTAssertEqual(geojson["type"] as? String, "FeatureCollection")
        XCTAssertEqual(geojson["edition"] as? String, "2026-04", "the metadata as foreign members")
        let features = try XCTUnwrap(geojson["features"] as? [[String: Any]])
        XCTAssertEqual(((features[0]["geometry"] as? [String: Any])?["coordinates"] as? [Double]), [133.531123, 33.5597], "6 decimals")
        XCTAssertTrue(features[1]["geometry"] is NSNull)
    }

    func testLocateAnswersMatchTheirGoldens() throws {
        let locator = try PointLocator(store: FixtureStore.open())
        let okayama = FixturePlaces.okayamaOffice.location
        let inside = try locator.locate(okayama)
        Golden.assertMatches(LocationAnswer.text(inside) + "\n", "locate_okayama.txt", in: Self.goldens)
        Golden.assertMatches(try LocationAnswer.json(inside, lon: okayama.x, lat: okayama.y) + "\n", "locate_okayama.json", in: Self.goldens)
        let offCoast = try locator.locate(FixturePlaces.offCoast)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(
            with: Data(LocationAnswer.json(offCoast, lon: FixturePlaces.offCoast.x, lat: FixturePlaces.offCoast.y).utf8)) as? [String: Any])
        XCTAssertEqual(json["match"] as? String, "nearest")
        XCTAssertNotNil(json["distance_km"] as? Double)
        let nowhere = try LocationAnswer.json(.nowhere, lon: 133, lat: 31.9)
        XCTAssertTrue(nowhere.contains("\"match\" : \"none\""), nowhere)
        XCTAssertFalse(nowhere.contains("municipality"), "no unit: no unit members")
    }

    func testNearAnswerColumnsAndRows() throws {
        XCTAssertEqual(NearAnswer(kind: .project, batch: false).columns,
                       ["kind", "id", "name", "plan", "field", "status", "company", "programme", "support_jpy", "total_investment_jpy",
                        "location_precision", "ward_code", "distance_km"])
        XCTAssertEqual(NearAnswer(kind: .site, batch: true).columns,
                       ["query", "query_lon", "query_lat", "kind", "id", "name", "plan", "fields", "status", "company", "programme",
                        "support_jpy", "total_investment_jpy", "location_precision", "ward_code", "distance_km"])
        // A site without fields at 高知県庁, found from a point about 1.2 km west of it.
        let (store, _) = try FixtureStore.withLedger(for: self, edition: "e1", projectsCSV: """
            id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source

            """, sitesCSV: """
            id,name,plan,fields,status,lon,lat,wkt
            S1,団地,B,,operating,133.5311,33.5597,

            """)
        let from = Coordinate(x: 133.518, y: 33.5597)
        let feature = try XCTUnwrap(NearQuery(store: store, edition: "e1", kind: .site).within(5_000, of: from).first)
        let row = NearAnswer(kind: .site, batch: true).row(feature, query: ("q1", from))
        XCTAssertEqual(row["fields"], JSONValue.null, "no fields: null")
        XCTAssertEqual(row["ward_code"], JSONValue.string("39201"))
        XCTAssertEqual(row["distance_km"], QueryTable.kilometres(feature.metres), "kilometres to the metre")
        XCTAssertEqual(row["query"], JSONValue.string("q1"))
        XCTAssertEqual(row["query_lon"], JSONValue.number(133.518))
        XCTAssertEqual(Set(row.keys), Set(NearAnswer(kind: .site, batch: true).columns), "a value for every column")
        XCTAssertEqual(QueryTable.kilometres(1234.4), JSONValue.number(1.234))
        XCTAssertEqual(NearAnswer.query(lon: 133.5, lat: 33.5, km: 5, kind: .site), "near 133.5 33.5 --km 5.0 --kind sites")
    }

    func testStatsAnswerHasOneRowPerUnitAndTheCredits() throws {
        let (store, _) = try FixtureStore.withLedger(for: self, edition: "e1", projectsCSV: """
            id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source
            P1,高知,B,,1000000000,10,operating,,133.5311,33.5597,,

            """)
        let rows = try UnitStatistics(store: store).compute(edition: "e1", level: .prefecture, metric: .totalInvestmentPerCapita)
        let text = try StatsAnswer.json(edition: "e1", note: "n", level: .prefecture, metric: .totalInvestmentPerCapita,
                                        filter: ProjectFilterInput(plan: "B"), rows: rows,
                                        credits: [DataCredits.boundaries, DataCredits.census])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(Set(json.keys), ["edition", "note", "level", "metric", "filter", "attribution", "units"])
        XCTAssertEqual(json["metric"] as? String, "total_investment_per_capita")
        XCTAssertEqual((json["filter"] as? [String: Any])?["plan"] as? String, "B")
        let sized = try StatsAnswer.json(edition: "e1", note: nil, level: .prefecture, metric: .count,
                                         filter: ProjectFilterInput(companySize: "中小企業"), rows: [], credits: [])
        let sizedJSON = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(sized.utf8)) as? [String: Any])
        XCTAssertEqual((sizedJSON["filter"] as? [String: Any])?["company_size"] as? String, "sme", "the filter echoed as its slug")
        XCTAssertEqual(json["attribution"] as? [String], [DataCredits.boundaries, DataCredits.census])
        let units = try XCTUnwrap(json["units"] as? [[String: Any]])
        XCTAssertEqual(units.map { $0["code"] as? String }, ["33", "36", "37", "38", "39"])
        XCTAssertEqual(Set(units[4].keys), ["code", "name", "level", "count", "support_jpy", "total_investment_jpy", "jobs", "population", "value"],
                       "area_km2 only when measured (per-km² metrics)")
        XCTAssertEqual(units[4]["count"] as? Int, 1)
        XCTAssertEqual(StatsAnswer.number(3), "3")
        XCTAssertEqual(StatsAnswer.number(0.5), "0.5")
        XCTAssertEqual(StatsAnswer.number(1.0 / 3), "0.333333")
    }

    func testGapsAnswerRowsSummaryAndGeometry() throws {
        let (store, _) = try FixtureStore.withLedger(for: self, edition: "e1", projectsCSV: """
            id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source
            P1,高知,B,,1000000000,10,operating,,133.5311,33.5597,,

            """)
        let builder = try GapReportBuilder(store: store, edition: "e1", level: .ward)
        let report = try builder.report(GapReportOptions(bureau: "shikoku", prefecture: "39"))
        let edition = try store.edition(named: "e1")
        let table = try GapsAnswer.table(report, edition: edition, builder: builder, filter: ProjectFilterInput(), summary: false, withGeometry: true,
                                         credits: DataCredits.all)
        XCTAssertEqual(table.columns.first, "rank")
        XCTAssertEqual(table.rows.count, 33)
        XCTAssertEqual(table.rows.first?["rank"], .integer(1))
        XCTAssertEqual(table.metadata["query"], .string("gaps --bureau shikoku --level ward --prefecture 39"))
        XCTAssertEqual(table.metadata["bureau"], .object(["id": .string("shikoku"), "name": .string("四国経済産業局")]))
        XCTAssertTrue(table.geometries.allSatisfy { $0 != nil }, "GeoJSON carries the uncovered units' polygons")
        let csv = table.render(.csv)
        XCTAssertTrue(csv.hasPrefix("rank,prefecture_code,prefecture,code,name,population,projects,nearest_site_id,"), csv)
        XCTAssertEqual(csv.split(separator: "\n").count, 34)
        let summary = try GapsAnswer.table(report, edition: edition, builder: builder, filter: ProjectFilterInput(), summary: true, withGeometry: false,
                                           credits: DataCredits.all)
        XCTAssertEqual(summary.rows.count, 1)
        XCTAssertEqual(summary.rows.first?["uncovered_units"], .integer(33))
        XCTAssertEqual(summary.rows.first?["units"], .integer(34))
    }

    func testEditionsAnswerNamesEveryField() throws {
        let editions = [
            Edition(name: "2026-01", status: .published, basedOn: nil, createdAt: "2026-01-05T00:00:00Z", publishedAt: "2026-01-31T00:00:00Z",
                    boundaryEdition: "N03-21_210101", note: nil, projects: 3, sites: 1),
            Edition(name: "2026-04", status: .draft, basedOn: "2026-01", createdAt: "2026-04-01T00:00:00Z", publishedAt: nil,
                    boundaryEdition: "N03-21_210101", note: "審査中", projects: 4, sites: 0),
        ]
        Golden.assertMatches(try EditionsAnswer.json(editions) + "\n", "editions.json", in: Self.goldens)
    }
}
