import Foundation
import Reference
import TestSupport
import XCTest

final class CensusPopulationTests: XCTestCase {
    func testLoadsSharedTable() throws {
        let census = try CensusPopulation.load(from: try TestData.sharedFile(CensusPopulation.sharedRelativePath))
        XCTAssertEqual(census.count, 1959)

        let chuo = try XCTUnwrap(census["22138"])  // 浜松市中央区, 2024 layout, prorated
        XCTAssertEqual(chuo.name, "浜松市中央区")
        XCTAssertEqual(chuo.level, .designatedCityWard)
        XCTAssertEqual(chuo.parentCode5, "22130")
        XCTAssertEqual(chuo.population, 400188.192, accuracy: 1e-6)
        XCTAssertEqual(chuo.households, 173710.832, accuracy: 1e-6)
        XCTAssertEqual(census.wards(ofCity: "22130").map(\.code5), ["22138", "22139", "22140"])

        XCTAssertEqual(census["13101"]?.level, .specialWard)
        XCTAssertEqual(census["01000"]?.level, .prefecture)
        XCTAssertEqual(census["07546"]?.population, 0)  // 双葉町
        XCTAssertNil(census["01695"])  // 北方領土: code but no population
        XCTAssertNil(census["22131"])  // Hamamatsu's pre-2024 wards are not in the census table

        // A designated city's row is the sum of its wards.
        for cityCode in ["01100", "22130", "23100"] {
            let city = try XCTUnwrap(census[cityCode])
            XCTAssertEqual(census.wards(ofCity: cityCode).map(\.population).reduce(0, +), city.population, accuracy: 0.01, cityCode)
        }
        let levels = Dictionary(grouping: census.entries, by: \.level).mapValues(\.count)
        XCTAssertEqual(levels, [.prefecture: 47, .designatedCity: 20, .designatedCityWard: 171, .specialWard: 23, .municipality: 1698])
    }

    func testLocate() throws {
        let expected = try TestData.sharedFile(CensusPopulation.sharedRelativePath)
        XCTAssertEqual(CensusPopulation.locate(geoDataDirectory: TestPaths.geoData, environment: [:])?.resolvingSymlinksInPath().path,
                       expected.resolvingSymlinksInPath().path)
        XCTAssertNil(CensusPopulation.locate(geoDataDirectory: TestPaths.geoData, environment: ["INVESTMAP_SHARED": "/nonexistent/shared"]))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shared-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("reference"), withIntermediateDirectories: true)
        XCTAssertNil(CensusPopulation.locate(environment: ["INVESTMAP_SHARED": folder.path]))
        try Data("code5\n".utf8).write(to: folder.appendingPathComponent(CensusPopulation.sharedRelativePath))
        XCTAssertEqual(CensusPopulation.locate(environment: ["INVESTMAP_SHARED": folder.path])?.lastPathComponent, "population_2020_census.csv")
    }

    func testRejectsBadRows() throws {
        let header = "code5,code6,pref_code,pref_name,name,level,parent_code5,population_2020,households_2020,derived\r\n"
        let cases: [(String, String)] = [
            ("13101,131017,13,東京都,千代田区,special_ward,,66680,36175,no", "population.csv line 2: 131017: check digit 7 is wrong (expected 6)"),
            ("13101,131016,13,東京都,千代田区,ward,,66680,36175,no", "population.csv line 2: unknown level \"ward\""),
            ("13101,131016,13,東京都,千代田区,special_ward,,many,36175,no", "population.csv line 2: population_2020 \"many\" is not a non-negative number"),
            ("13101,011002,13,東京都,千代田区,special_ward,,66680,36175,no", "population.csv line 2: code6 011002 is not the 6-digit form of 13101"),
        ]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("census-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("population.csv")
        for (row, message) in cases {
            try Data((header + row + "\r\n").utf8).write(to: file)
            XCTAssertThrowsError(try CensusPopulation.load(from: file)) { XCTAssertEqual("\($0)", message) }
        }
        try Data((header + "13101,131016,13,東京都,千代田区,special_ward,,66680,36175,no\r\n").utf8).write(to: file)
        XCTAssertEqual(try CensusPopulation.load(from: file)["13101"]?.population, 66680)
    }
}
