import BoundaryStore
import Foundation
import LedgerImport
import LedgerStatistics
import Reference
import TestStores
import TestSupport
import XCTest

/// `UnitStatistics`, `UnitAreas` and `EditionDiff` on a hand-made ledger over the fixture store,
/// whose sums are known: every unit of a level listed (zeros included), withdrawn projects left
/// out unless asked for, per-capita figures from the fixture's census rows, and the exact
/// changes between two editions.
final class UnitStatisticsTests: XCTestCase {
    static let header = "id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source\n"

    /// Two projects at 高知県庁 (39201), one at 岡山県庁 (岡山市北区 33101), a withdrawn one at
    /// 愛媛県庁 (38201) and one without an amount at 徳島県庁 (36201); none in 香川県.
    static let ledger = header + """
        P1,高知 稼働,B,,1000000000,10,operating,2025-04-01,133.5311,33.5597,,
        P2,高知 計画,A,ai_semiconductors,500000000,5,planned,,133.5311,33.5597,,
        P3,岡山 建設,C,,2000000000,20,under_construction,,133.9344,34.6618,,
        P4,松山 撤回,B,,300000000,3,withdrawn,,132.7657,33.8416,,
        P5,徳島 金額不明,B,,,,planned,,134.5593,34.0658,,

        """

    private func store() throws -> BoundaryStore {
        try FixtureStore.withLedger(for: self, edition: "e1", projectsCSV: Self.ledger).store
    }

    private func byCode(_ rows: [UnitStatistic]) -> [String: UnitStatistic] {
        Dictionary(uniqueKeysWithValues: rows.map { ($0.code, $0) })
    }

    func testPrefectureSumsAreKnownAndEveryPrefectureIsListed() throws {
        let rows = try UnitStatistics(store: store()).compute(edition: "e1", level: .prefecture, metric: .totalInvestment)
        XCTAssertEqual(rows.map(\.code), ["33", "36", "37", "38", "39"], "every prefecture, in code order, zeros included")
        XCTAssertEqual(rows.map(\.count), [1, 1, 0, 0, 2], "the withdrawn project is left out")
        XCTAssertEqual(rows.map(\.totalInvestmentJPY), [2_000_000_000, 0, 0, 0, 1_500_000_000])
        XCTAssertEqual(rows.map(\.jobs), [20, 0, 0, 0, 15])
        XCTAssertEqual(rows.map(\.value), [2_000_000_000, 0, 0, 0, 1_500_000_000])
        XCTAssertEqual(rows.map(\.name), ["岡山県", "徳島県", "香川県", "愛媛県", "高知県"])
    }

    func testWithdrawnProjectsCountOnlyWhenAskedFor() throws {
        let statistics = UnitStatistics(store: try store())
        let all = byCode(try statistics.compute(edition: "e1", level: .prefecture, metric: .count,
                                                filter: ProjectFilter(includeWithdrawn: true)))
        XCTAssertEqual(all["38"]?.count, 1)
        XCTAssertEqual(all["38"]?.totalInvestmentJPY, 300_000_000)
        let withdrawn = try statistics.compute(edition: "e1", level: .prefecture, metric: .count, filter: ProjectFilter(status: "withdrawn"))
        XCTAssertEqual(withdrawn.map(\.count), [0, 0, 0, 1, 0])
        let planA = try statistics.compute(edition: "e1", level: .prefecture, metric: .count, filter: ProjectFilter(plan: "A"))
        XCTAssertEqual(planA.map(\.value), [0, 0, 0, 0, 1])
    }

    func testEveryLevelRollsUpThroughTheUnitsCodes() throws {
        let statistics = UnitStatistics(store: try store())
        let wards = try statistics.compute(edition: "e1", level: .ward, metric: .count)
        XCTAssertEqual(wards.count, 125)
        XCTAssertEqual(byCode(wards)["33101"]?.count, 1, "岡山県庁 is in 岡山市北区")
        let municipalities = try statistics.compute(edition: "e1", level: .municipality, metric: .count)
        XCTAssertEqual(municipalities.count, 122)
        XCTAssertEqual(byCode(municipalities)["33100"]?.count, 1, "and in 岡山市")
        XCTAssertNil(byCode(municipalities)["33101"], "wards are not municipalities")
        XCTAssertEqual(municipalities.filter { $0.count > 0 }.map(\.code), ["33100", "36201", "39201"])
        let bureaus = try statistics.compute(edition: "e1", level: .bureau, metric: .count)
        XCTAssertEqual(bureaus.map(\.code), ["chugoku", "shikoku"])
        XCTAssertEqual(bureaus.map(\.count), [1, 3])
        let nation = try statistics.compute(edition: "e1", level: .nation, metric: .totalInvestment)
        XCTAssertEqual(nation.map(\.code), ["00"])
        XCTAssertEqual(nation.first?.count, 4)
        XCTAssertEqual(nation.first?.totalInvestmentJPY, 3_500_000_000)
    }

    func testPerCapitaFiguresUseTheCensus() throws {
        let census = try FixtureStore.census()
        let kochi = try XCTUnwrap(census["39000"]?.population)
        let statistics = UnitStatistics(store: try store())
        let perCapita = byCode(try statistics.compute(edition: "e1", level: .prefecture, metric: .totalInvestmentPerCapita))
        XCTAssertEqual(perCapita["39"]?.population, kochi)
        XCTAssertEqual(try XCTUnwrap(perCapita["39"]?.value), 1_500_000_000 / kochi, accuracy: 1e-9)
        XCTAssertEqual(perCapita["37"]?.value, 0, "no project: zero, not missing")
        let per100k = byCode(try statistics.compute(edition: "e1", level: .prefecture, metric: .countPer100k))
        XCTAssertEqual(try XCTUnwrap(per100k["39"]?.value), 2 * 100_000 / kochi, accuracy: 1e-12)
        let nation = try statistics.compute(edition: "e1", level: .nation, metric: .totalInvestmentPerCapita)
        let total = ["33000", "36000", "37000", "38000", "39000"].compactMap { census[$0]?.population }.reduce(0, +)
        XCTAssertEqual(nation.first?.population, total)
    }

    func testPerSquareKilometreUsesTheEllipsoidalAreas() throws {
        let store = try store()
        let areas = try UnitAreas.areas(in: store)
        // 高知県 7,104 km², 香川県 1,877 km² (the simplified boundaries: within a few per cent).
        XCTAssertEqual(try XCTUnwrap(areas[.prefecture]?["39"]), 7_104, accuracy: 7_104 * 0.05)
        XCTAssertEqual(try XCTUnwrap(areas[.prefecture]?["37"]), 1_877, accuracy: 1_877 * 0.05)
        XCTAssertEqual(areas[.ward]?.count, 125)
        XCTAssertEqual(try store.unitAreas(boundaryEdition: FixtureStore.boundaryEdition)[.prefecture]?["39"], areas[.prefecture]?["39"],
                       "measured once and kept in the store")
        let rows = byCode(try UnitStatistics(store: store).compute(edition: "e1", level: .prefecture, metric: .totalInvestmentPerKm2))
        XCTAssertEqual(try XCTUnwrap(rows["39"]?.value), 1_500_000_000 / areas[.prefecture]!["39"]!, accuracy: 1e-6)
    }

    func testEditionDiffReportsExactlyTheKnownEdits() throws {
        let store = try store()
        _ = try store.createEdition("e2", from: "e1")
        // P5 removed, P2 withdrawn, P3's amount changed, P6 added in 高松市.
        let edited = Self.header + """
            P1,高知 稼働,B,,1000000000,10,operating,2025-04-01,133.5311,33.5597,,
            P2,高知 計画,A,ai_semiconductors,500000000,5,withdrawn,,133.5311,33.5597,,
            P3,岡山 建設,C,,2500000000,20,under_construction,,133.9344,34.6618,,
            P4,松山 撤回,B,,300000000,3,withdrawn,,132.7657,33.8416,,
            P6,高松 新規,B,,100000000,1,planned,,134.0434,34.3401,,

            """
        let folder = try TemporaryFolder()
        let file = try folder.write("edited.csv", edited)
        _ = try LedgerImporter(store: store, reference: FixtureStore.reference())
            .importProjects(from: file, displayName: "edited.csv", edition: "e2", replaceAll: true)
        let diff = try EditionDiff.compare(store: store, from: "e1", to: "e2")
        XCTAssertEqual(diff.added.map(\.id), ["P6"])
        XCTAssertEqual(diff.removed.map(\.id), ["P5"])
        func changes(_ list: [EditionDiff.ProjectChange]) -> [[String]] {
            list.flatMap { change in change.changes.map { [change.id, change.name, $0.field, $0.before, $0.after] } }
        }
        XCTAssertEqual(changes(diff.withdrawn), [["P2", "高知 計画", "status", "planned", "withdrawn"]])
        XCTAssertEqual(changes(diff.changed), [["P3", "岡山 建設", "total_investment_jpy", "2000000000", "2500000000"]])
        XCTAssertEqual(diff.units.map(\.code), ["33100", "36201", "37201", "39201"])
        let units = Dictionary(uniqueKeysWithValues: diff.units.map { ($0.code, $0) })
        XCTAssertEqual(units["33100"].map { [$0.totalInvestmentBefore, $0.totalInvestmentAfter] }, [2_000_000_000, 2_500_000_000])
        XCTAssertEqual(units["36201"].map { [$0.countBefore, $0.countAfter] }, [1, 0])
        XCTAssertEqual(units["37201"].map { [$0.countBefore, $0.countAfter] }, [0, 1])
        XCTAssertEqual(units["39201"].map { [$0.countBefore, $0.countAfter] }, [2, 1])
        XCTAssertEqual(units["39201"].map { [$0.jobsBefore, $0.jobsAfter] }, [15, 10])
        let byPrefecture = try EditionDiff.compare(store: store, from: "e1", to: "e2", level: .prefecture)
        XCTAssertEqual(byPrefecture.units.map(\.code), ["33", "36", "37", "39"])
        XCTAssertEqual(try EditionDiff.compare(store: store, from: "e1", to: "e1").units, [], "an edition against itself: nothing")
    }
}
