import BoundaryStore
import Foundation
import GeoCore
import LedgerStatistics
import Reference
import SpatialQueries
import TestStores
import TestSupport
import XCTest

/// `NearQuery`, `NearestSiteQuery`, `UnitResolver` and the coverage-gap reports on a hand-made
/// ledger over the fixture store, whose answers are known: distances are geodesic on GRS80
/// (0 inside a site's area), withdrawn projects are left out, the gaps are the units without a
/// project ranked by population, a neighbour of a covered unit is 0 km from it.
final class SpatialQueriesTests: XCTestCase {
    static let projects = """
        id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source
        P1,高知 稼働,B,,1000000000,10,operating,,133.5311,33.5597,,
        P2,高知 計画,A,ai_semiconductors,500000000,5,planned,,133.5311,33.5597,,
        P3,岡山 建設,C,,2000000000,20,under_construction,,133.9344,34.6618,,
        P4,松山 撤回,B,,300000000,3,withdrawn,,132.7657,33.8416,,
        P5,徳島 計画,B,,,,planned,,134.5593,34.0658,,

        """
    /// S1 is an area around 高知県庁; S2 a point at 香川県庁.
    static let sites = """
        id,name,plan,fields,status,lon,lat,wkt
        S1,高知 団地,B,ai_semiconductors,operating,,,"POLYGON((133.50 33.54,133.56 33.54,133.56 33.58,133.50 33.58,133.50 33.54))"
        S2,高松 港,A,ai_semiconductors,planned,134.0434,34.3401,

        """

    private func store() throws -> BoundaryStore {
        try FixtureStore.withLedger(for: self, edition: "e1", projectsCSV: Self.projects, sitesCSV: Self.sites).store
    }

    private let kochi = FixturePlaces.kochiOffice.location

    // MARK: - near

    func testNearProjectsAreNearestFirstWithGeodesicDistances() throws {
        let query = try NearQuery(store: store(), edition: "e1", kind: .project)
        XCTAssertEqual(query.count, 4, "the withdrawn project is left out")
        XCTAssertEqual(try query.within(1_000, of: kochi).map(\.id), ["P1", "P2"], "same place: by id")
        XCTAssertEqual(try query.within(1_000, of: kochi).map(\.metres), [0, 0])
        let far = try query.within(200_000, of: kochi)
        XCTAssertEqual(far.map(\.id), ["P1", "P2", "P5", "P3"])
        XCTAssertEqual(far[2].metres, GeodesicDistance.metres(from: kochi, to: FixturePlaces.tokushimaOffice.location), accuracy: 1e-6)
        XCTAssertEqual(far[2].wardCode, "36201")
        XCTAssertEqual(far[3].totalInvestmentJPY, 2_000_000_000)
        XCTAssertEqual(try query.within(1_000, of: FixturePlaces.openSea), [])
        let withWithdrawn = try NearQuery(store: store(), edition: "e1", kind: .project, filter: ProjectFilter(includeWithdrawn: true))
        XCTAssertEqual(try withWithdrawn.within(1_000, of: FixturePlaces.ehimeOffice.location).map(\.id), ["P4"])
        let planA = try NearQuery(store: store(), edition: "e1", kind: .project, filter: ProjectFilter(plan: "A"))
        XCTAssertEqual(try planA.within(200_000, of: kochi).map(\.id), ["P2"])
    }

    func testNearSitesMeasureFromTheAreasEdge() throws {
        let query = try NearQuery(store: store(), edition: "e1", kind: .site)
        XCTAssertEqual(query.count, 2)
        let inside = try query.within(1_000, of: kochi)
        XCTAssertEqual(inside.map(\.id), ["S1"])
        XCTAssertEqual(inside.first?.metres, 0, "inside the area: 0")
        XCTAssertEqual(inside.first?.fields, "ai_semiconductors")
        // 1 km east of the area's east edge (133.56°E) at 33.56°N.
        let east = Coordinate(x: 133.56 + 1 / (111.32 * cos(33.56 * .pi / 180)), y: 33.56)
        let nearEdge = try query.within(2_000, of: east)
        XCTAssertEqual(nearEdge.map(\.id), ["S1"])
        XCTAssertEqual(try XCTUnwrap(nearEdge.first?.metres), 1_000, accuracy: 10)
        let both = try query.within(200_000, of: kochi)
        XCTAssertEqual(both.map(\.id), ["S1", "S2"])
        XCTAssertEqual(both[1].metres, GeodesicDistance.metres(from: kochi, to: FixturePlaces.kagawaOffice.location), accuracy: 1e-6)
    }

    func testNearestSitePerPlanTypeFromTheUnitsPolygon() throws {
        let store = try store()
        let resolver = try UnitResolver(store: store)
        let answers = try NearestSiteQuery(store: store, edition: "e1").nearest(to: resolver.resolve("39201"))
        XCTAssertEqual(answers.map(\.plan), ["A", "B", nil], "per plan type in order, then any plan")
        XCTAssertEqual(answers.map(\.site.id), ["S2", "S1", "S1"])
        XCTAssertEqual(answers[1].metres, 0, "S1 overlaps 高知市")
        XCTAssertGreaterThan(answers[0].metres, 50_000)
    }

    // MARK: - units by code

    func testUnitsResolveByCodeWithSuggestions() throws {
        let resolver = try UnitResolver(store: FixtureStore.open())
        XCTAssertEqual(try resolver.resolve("33100").level, .municipality)
        XCTAssertEqual(try resolver.resolve("33100").name, "岡山市")
        XCTAssertEqual(try resolver.resolve("33101").level, .ward)
        XCTAssertEqual(try resolver.resolve("39201").level, .municipality, "an ordinary municipality is found as one")
        XCTAssertEqual(try resolver.resolve("39").level, .prefecture)
        XCTAssertEqual(try resolver.resolve("shikoku").name, "四国経済産業局")
        XCTAssertEqual(resolver.bureaus, ["chugoku", "shikoku"])
        XCTAssertThrowsError(try resolver.resolve("39202x")) { error in
            guard case QueryError.unknownUnit(let code, let closest) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(code, "39202x")
            XCTAssertTrue(closest.contains("39202"), "\(closest)")
        }
    }

    // MARK: - gaps

    func testGapsAreTheUnitsWithoutAProjectLargestPopulationFirst() throws {
        let store = try store()
        let builder = try GapReportBuilder(store: store, edition: "e1", level: .ward)
        let report = try builder.report(GapReportOptions(bureau: "shikoku"))
        XCTAssertEqual(report.bureauName, "四国経済産業局")
        XCTAssertEqual(Set(report.coveredCodes), ["36201", "39201"], "the withdrawn project in 松山市 covers nothing")
        XCTAssertEqual(report.gaps.count, 95 - 2)
        XCTAssertEqual(report.gaps.first?.code, "38201", "松山市, Shikoku's largest population, is the first gap")
        let populations = report.gaps.map { $0.population ?? -1 }
        XCTAssertEqual(populations, populations.sorted(by: >), "largest population first")
        XCTAssertEqual(report.summary.map(\.code), ["36", "37", "38", "39"])
        XCTAssertEqual(report.summary.map(\.units), [24, 17, 20, 34])
        XCTAssertEqual(report.summary.map(\.uncoveredUnits), [23, 17, 20, 33])
        let census = try FixtureStore.census()
        XCTAssertEqual(report.summary.last?.population, census["39000"]?.population, "a prefecture's units add up to it")
        XCTAssertEqual(try XCTUnwrap(report.summary.last?.uncoveredShare),
                       1 - (census["39201"]!.population / census["39000"]!.population), accuracy: 1e-12)
        // 南国市 borders 高知市: its nearest covered unit, 0 km away; its nearest site is S1.
        let nankoku = try XCTUnwrap(report.gaps.first { $0.code == "39204" })
        XCTAssertEqual(nankoku.nearestCovered?.code, "39201")
        XCTAssertEqual(nankoku.nearestCovered?.metres, 0)
        XCTAssertEqual(nankoku.nearestSite?.id, "S1")
        XCTAssertNotNil(try builder.geometry(code: "39204"), "the gap's polygon, for maps")
        XCTAssertNil(try builder.geometry(code: "99999"))
    }

    func testGapOptionsNarrowTheReport() throws {
        let store = try store()
        let builder = try GapReportBuilder(store: store, edition: "e1", level: .ward)
        let kochiOnly = try builder.report(GapReportOptions(bureau: "shikoku", prefecture: "39"))
        XCTAssertEqual(kochiOnly.gaps.count, 33)
        XCTAssertTrue(kochiOnly.gaps.allSatisfy { $0.prefectureCode == "39" })
        let large = try builder.report(GapReportOptions(bureau: "shikoku", minimumPopulation: 100_000))
        XCTAssertFalse(large.gaps.isEmpty)
        XCTAssertTrue(large.gaps.allSatisfy { ($0.population ?? 0) >= 100_000 })
        // Covered by a site within 10 km: 高知市 (S1 is in it) and its near neighbours, not 松山市.
        let bySites = try builder.report(GapReportOptions(bureau: "shikoku", siteKilometres: 10))
        XCTAssertTrue(bySites.coveredCodes.contains("39201"))
        XCTAssertTrue(bySites.gaps.contains { $0.code == "38201" })
        XCTAssertTrue(bySites.gaps.allSatisfy { ($0.nearestSite?.metres ?? .infinity) > 10_000 })
        XCTAssertThrowsError(try builder.report(GapReportOptions(bureau: "shikoku", prefecture: "33"))) { error in
            guard case QueryError.unknownPrefecture = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try builder.report(GapReportOptions(bureau: "shikok"))) { error in
            guard case QueryError.unknownBureau(_, let closest) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(closest.first, "shikoku")
        }
    }

    func testMunicipalityLevelCountsTheDesignatedCityAsOne() throws {
        let builder = try GapReportBuilder(store: store(), edition: "e1", level: .municipality)
        let report = try builder.report(GapReportOptions(bureau: "chugoku", level: .municipality))
        XCTAssertEqual(report.coveredCodes, ["33100"], "岡山市 holds P3")
        XCTAssertEqual(report.summary.map(\.units), [27])
        XCTAssertEqual(report.gaps.count, 26)
        XCTAssertFalse(report.gaps.contains { $0.code.hasPrefix("3310") }, "no ward at the municipality level")
    }

    func testQueryInputChecks() {
        XCTAssertNoThrow(try QueryError.checkInJapan(lon: 133.5, lat: 33.5))
        XCTAssertThrowsError(try QueryError.checkInJapan(lon: 2.35, lat: 48.85))
        XCTAssertThrowsError(try QueryError.checkInJapan(lon: .nan, lat: 33))
        XCTAssertNoThrow(try QueryError.checkKilometres(5))
        XCTAssertThrowsError(try QueryError.checkKilometres(0))
        XCTAssertThrowsError(try QueryError.checkKilometres(3_001))
    }
}
