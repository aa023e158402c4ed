import Foundation
import GeoFormats
import TestSupport
import XCTest
import GeoCore
import Ledger
import Reference

final class SyntheticLedgerTests: XCTestCase {
    /// Four hand-made towns far apart (so a project's nearest town is the one it was placed at).
    private static let townsCSV = """
        code5,pref,city,town,koaza,lat,lng
        43404,熊本県,菊陽町,大字原水,,32.866950,130.826680
        01101,北海道,札幌市中央区,北一条東六丁目,,43.064471,141.365303
        13101,東京都,千代田区,丸の内一丁目,,35.681236,139.767125
        47201,沖縄県,那覇市,泉崎一丁目,,26.212400,127.680900
        01204,北海道,旭川市,物流団地一条一丁目,,,

        """

    private func towns() throws -> [TownPoint] {
        try SyntheticLedger.readTownPoints(csvText: Self.townsCSV, sourceName: "towns.csv")
    }

    private func ledger(seed: UInt64) throws -> SyntheticLedger {
        SyntheticLedger(seed: seed, towns: try towns(), reference: try ReferenceTables.loadFromDefaultLocation())
    }

    func testReadTownPointsSkipsRowsWithoutCoordinates() throws {
        let towns = try towns()
        XCTAssertEqual(towns.map(\.code5), ["43404", "01101", "13101", "47201"])
        XCTAssertEqual(towns[0], TownPoint(code5: "43404", location: Coordinate(x: 130.82668, y: 32.86695), municipality: "菊陽町", town: "大字原水"))
    }

    func testReadTownPointsReportsFileLineAndReason() {
        let badLatitude = "code5,lat,lng\n13101,35.68,139.76\n13102,north,139.77\n"
        XCTAssertThrowsError(try SyntheticLedger.readTownPoints(csvText: badLatitude, sourceName: "points.csv")) { error in
            XCTAssertEqual(error as? DataFileError, DataFileError(source: "points.csv", line: 3, reason: "lat: \"north\" is not a latitude in degrees"))
        }
        let badCode = "code5,lat,lng\n1310,35.68,139.76\n"
        XCTAssertThrowsError(try SyntheticLedger.readTownPoints(csvText: badCode, sourceName: "points.csv")) { error in
            XCTAssertEqual((error as? DataFileError)?.line, 2)
        }
        XCTAssertThrowsError(try SyntheticLedger.readTownPoints(csvText: "code5,lat\n13101,35\n", sourceName: "points.csv")) { error in
            XCTAssertTrue("\(error)".contains("missing column(s) lng"), "\(error)")
        }
    }

    func testSameSeedSameBytesAndLongerLedgerStartsWithShorter() throws {
        let first = try ledger(seed: 2025)
        let again = try ledger(seed: 2025)
        XCTAssertEqual(SyntheticLedger.csv(first.projects(count: 300)), SyntheticLedger.csv(again.projects(count: 300)))
        XCTAssertEqual(Array(first.projects(count: 1_000).prefix(300)), first.projects(count: 300))
        XCTAssertEqual(first.project(at: 41), first.projects(count: 42)[41])
        XCTAssertNotEqual(SyntheticLedger.csv(try ledger(seed: 2026).projects(count: 20)), SyntheticLedger.csv(first.projects(count: 20)))
    }

    /// Pins the generator and every mapping from random bits to values (`Goldens/synth_seed2025_first3.csv`):
    /// a change here changes every synthetic ledger (and GeoData/sample_investments.csv), so it must be deliberate.
    func testFirstRowsOfSeed2025ArePinned() throws {
        let csv = SyntheticLedger.csv(try ledger(seed: 2025).projects(count: 3))
        Golden.assertMatches(csv, "synth_seed2025_first3.csv", in: Golden.folder())
    }

    func testDistributionsArePlausible() throws {
        let projects = try ledger(seed: 7).projects(count: 20_000)
        let reference = try ReferenceTables.loadFromDefaultLocation()
        let fieldIDs = Set(reference.strategicFields.map(\.id))
        let towns = try towns()
        func share(_ predicate: (InvestmentProject) -> Bool, of subset: [InvestmentProject]? = nil) -> Double {
            let rows = subset ?? projects
            return Double(rows.filter(predicate).count) / Double(rows.count)
        }
        func median(_ values: [Int64]) -> Double { Double(values.sorted()[values.count / 2]) }

        XCTAssertEqual(projects.first?.id, "P000001")
        XCTAssertEqual(projects.last?.id, "P020000")
        XCTAssertEqual(Set(projects.map(\.id)).count, projects.count)

        let byPlan = Dictionary(grouping: projects, by: \.plan)
        XCTAssertEqual(Set(byPlan.keys), ["A", "B", "C"])
        XCTAssertEqual(share { $0.plan == "A" }, 0.15, accuracy: 0.015)
        XCTAssertEqual(share { $0.plan == "B" }, 0.35, accuracy: 0.015)
        XCTAssertEqual(share { $0.plan == "C" }, 0.50, accuracy: 0.015)

        XCTAssertTrue(byPlan["A"]!.allSatisfy { $0.field.map(fieldIDs.contains) == true }, "every plan A project has a known field")
        XCTAssertEqual(share({ $0.field != nil }, of: byPlan["B"]!), 0.40, accuracy: 0.03)
        XCTAssertTrue(byPlan["C"]!.allSatisfy { $0.field == nil })
        let aFields = Dictionary(grouping: byPlan["A"]!, by: { $0.field! }).mapValues(\.count)
        XCTAssertEqual(aFields.max { $0.value < $1.value }?.key, "ai_semiconductors")

        for (plan, expectedMedian) in [("A", 80e8), ("B", 15e8), ("C", 2e8)] {
            let amounts = byPlan[plan]!.map { $0.totalInvestmentJPY! }
            XCTAssertEqual(median(amounts) / expectedMedian, 1, accuracy: 0.15, "median amount of plan \(plan)")
            XCTAssertTrue(amounts.allSatisfy { $0 > 0 && $0 % 1_000_000 == 0 }, "plan \(plan) amounts are whole 百万円")
        }
        XCTAssertTrue(projects.allSatisfy { ($0.jobs ?? 0) >= 1 })
        // Jobs follow the amount: the top decile by amount has far more jobs than the bottom one.
        let byAmount = projects.sorted { $0.totalInvestmentJPY! < $1.totalInvestmentJPY! }
        let decile = projects.count / 10
        let lowJobs = byAmount.prefix(decile).map { $0.jobs! }.reduce(0, +)
        let highJobs = byAmount.suffix(decile).map { $0.jobs! }.reduce(0, +)
        XCTAssertGreaterThan(highJobs, 10 * lowJobs)

        XCTAssertEqual(share { $0.status == .planned }, 0.40, accuracy: 0.015)
        XCTAssertEqual(share { $0.status == .underConstruction }, 0.25, accuracy: 0.015)
        XCTAssertEqual(share { $0.status == .operating }, 0.30, accuracy: 0.015)
        XCTAssertEqual(share { $0.status == .withdrawn }, 0.05, accuracy: 0.01)

        let dates = projects.map { $0.announced! }
        XCTAssertEqual(dates.min(), "2024-04-01")
        XCTAssertEqual(dates.max(), "2026-10-31")
        XCTAssertTrue(dates.allSatisfy { $0.utf8.count == 10 })

        XCTAssertEqual(share { $0.declaredCode != nil }, 0.70, accuracy: 0.015)
        for project in projects {
            let nearest = towns.min { distance($0, project) < distance($1, project) }!
            XCTAssertLessThanOrEqual(distance(nearest, project), 300.5, project.id)
            if let code = project.declaredCode { XCTAssertEqual(code.code5, nearest.code5, project.id) }
            XCTAssertTrue(project.name.hasPrefix(nearest.municipality), project.name)
            XCTAssertEqual(project.source, "fictional sample data (investmap synth, seed 7)")
        }
        XCTAssertTrue(projects.contains { $0.name.hasPrefix("菊陽町原水地区 ") }, "some names carry the 町丁目 as 地区")
        XCTAssertTrue(projects.contains { $0.name.hasPrefix("札幌市中央区北一条東地区 ") })
    }

    private func distance(_ town: TownPoint, _ project: InvestmentProject) -> Double {
        GeodesicDistance.metres(from: town.location, to: project.location)
    }

    func testCSVIsCanonical() throws {
        let full = InvestmentProject(
            id: "X1", name: "テスト, \"引用\"", plan: "A", field: "quantum", totalInvestmentJPY: 1_234_000_000, jobs: 12,
            status: .underConstruction, announced: "2025-01-02", location: Coordinate(x: 139.7671249, y: -0.0000006),
            declaredCode: try MunicipalityCode("131016"), source: "note")
        let bare = InvestmentProject(
            id: "X2", name: "n", plan: "C", field: nil, totalInvestmentJPY: nil, jobs: nil, status: .planned, announced: nil,
            location: Coordinate(x: -5, y: 35), declaredCode: nil, source: nil)
        XCTAssertEqual(SyntheticLedger.csv([full, bare]), #"""
            id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source
            X1,"テスト, ""引用""",A,quantum,1234000000,12,under_construction,2025-01-02,139.767125,-0.000001,13101,note
            X2,n,C,,,,planned,,-5.000000,35.000000,,

            """#)
        XCTAssertEqual(SyntheticLedger.csv([]), "id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source\n")
    }

    /// The CSV reads back through the project's reader into the same values.
    func testCSVRoundTripsThroughCSVReader() throws {
        let projects = try ledger(seed: 11).projects(count: 200)
        let records = try CSVReader.records(in: SyntheticLedger.csv(projects))
        XCTAssertEqual(records.first, SyntheticLedger.csvHeader)
        XCTAssertEqual(records.count, 201)
        for (project, record) in zip(projects, records.dropFirst()) {
            XCTAssertEqual(record[0], project.id)
            XCTAssertEqual(record[1], project.name)
            XCTAssertEqual(Int64(record[4]), project.totalInvestmentJPY)
            XCTAssertEqual(Double(record[8]), project.location.x)
            XCTAssertEqual(Double(record[9]), project.location.y)
            XCTAssertEqual(record[10], project.declaredCode?.code5 ?? "")
        }
    }

    /// The shared 10k sample: every row has coordinates.
    func testReadsTheSharedSample() throws {
        let url = try TestData.sharedFile("points/town_points_sample10k.csv")
        let towns = try SyntheticLedger.readTownPoints(csv: url)
        XCTAssertEqual(towns.count, 10_000)
        XCTAssertTrue(towns.allSatisfy { (122...154).contains($0.location.x) && (20...46).contains($0.location.y) })
    }
}
