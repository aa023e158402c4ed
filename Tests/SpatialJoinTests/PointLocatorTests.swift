import BoundaryStore
import Foundation
import GeoCore
import SpatialJoin
import TestStores
import TestSupport
import XCTest

/// `PointLocator` and `CoverageGridLocator` on the fixture store (the real boundaries of 岡山県
/// and Shikoku): the prefectural offices land in their municipality (a ward of 岡山市 for
/// Okayama's), the open sea nowhere, a point just off the coast in the nearest municipality,
/// and the grid answers as GEOS does on every point of a grid over the fixture.
final class PointLocatorTests: XCTestCase {
    private func assertLocated(_ location: PointLocation, _ place: FixturePlaces.Place,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(location.match, .inside, place.name, file: file, line: line)
        XCTAssertEqual(location.municipalityCode, place.wardCode, place.name, file: file, line: line)
        XCTAssertEqual(location.cityCode, place.cityCode, place.name, file: file, line: line)
        XCTAssertEqual(location.prefectureCode, place.prefectureCode, place.name, file: file, line: line)
        XCTAssertEqual(location.bureauID, place.bureauID, place.name, file: file, line: line)
    }

    func testPrefecturalOfficesAreInTheirMunicipalities() throws {
        let locator = try PointLocator(store: FixtureStore.open())
        for office in FixturePlaces.offices {
            assertLocated(try locator.locate(office.location), office)
        }
        let okayama = try locator.locate(FixturePlaces.okayamaOffice.location)
        XCTAssertEqual(okayama.municipalityName, "岡山市北区")
        XCTAssertEqual(okayama.cityName, "岡山市", "a ward's city is its designated city")
        XCTAssertEqual(okayama.prefectureName, "岡山県")
        XCTAssertEqual(okayama.bureauName, "中国経済産業局")
    }

    func testOnDemandLoadingGivesTheSameAnswers() throws {
        let store = try FixtureStore.open()
        let all = try PointLocator(store: store, loading: .all)
        let onDemand = try PointLocator(store: store, loading: .onDemand)
        for point in FixturePlaces.offices.map(\.location) + [FixturePlaces.openSea, FixturePlaces.offCoast] {
            XCTAssertEqual(try onDemand.locate(point), try all.locate(point), "\(point)")
        }
    }

    func testOpenSeaIsNowhereAndTheCoastIsTheNearestMunicipality() throws {
        let locator = try PointLocator(store: FixtureStore.open())
        XCTAssertEqual(try locator.locate(FixturePlaces.openSea), .nowhere)
        let offCoast = try locator.locate(FixturePlaces.offCoast)
        guard case .nearest(let km) = offCoast.match else {
            return XCTFail("a point \(FixturePlaces.offCoast) off the coast: \(offCoast.match)")
        }
        XCTAssertGreaterThan(km, 0)
        XCTAssertLessThanOrEqual(km, 5)
        XCTAssertEqual(offCoast.prefectureCode, "39")
        XCTAssertTrue(offCoast.match.description.hasPrefix("nearest:"), offCoast.match.description)
        // Without a sea distance the same point is nowhere.
        XCTAssertEqual(try PointLocator(store: FixtureStore.open(), maxSeaDistanceKm: 0).locate(FixturePlaces.offCoast), .nowhere)
    }

    func testCoverageGridAnswersAsPointLocatorOnAGridOverTheFixture() throws {
        let store = try FixtureStore.open()
        let reference = try PointLocator(store: store)
        let grid = try CoverageGridLocator(store: store)
        // 60 × 40 points over 132.4–134.9°E, 32.7–35.0°N: land, borders, coast and sea.
        var points: [Coordinate] = []
        for i in 0..<60 {
            for j in 0..<40 {
                points.append(Coordinate(x: 132.4 + Double(i) * 2.5 / 59, y: 32.7 + Double(j) * 2.3 / 39))
            }
        }
        points += FixturePlaces.offices.map(\.location) + [FixturePlaces.openSea, FixturePlaces.offCoast]
        let answers = try grid.locate(points)
        var matches: [String: Int] = [:]
        for (point, answer) in zip(points, answers) {
            let expected = try reference.locate(point)
            XCTAssertEqual(answer.municipalityCode, expected.municipalityCode, "\(point)")
            switch (answer.match, expected.match) {
            case (.nearest(let a), .nearest(let b)): XCTAssertEqual(a, b, accuracy: 1e-6, "\(point)")
            default: XCTAssertEqual(answer.match, expected.match, "\(point)")
            }
            matches[String(expected.match.description.prefix { $0 != ":" }), default: 0] += 1
        }
        XCTAssertGreaterThan(matches["inside", default: 0], 500, "many points on land: \(matches)")
        XCTAssertGreaterThan(matches["none", default: 0], 500, "many at sea: \(matches)")
        XCTAssertGreaterThan(matches["nearest", default: 0], 0, "some near the coast: \(matches)")
        for office in FixturePlaces.offices {
            XCTAssertEqual(try grid.locate(office.location).municipalityCode, office.wardCode, office.name)
        }
    }

    func testCSVJoinAppendsTheColumnsAndCountsUnusableRows() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("points.csv", """
            id,name,lng,lat
            1,"Kochi, office",133.5311,33.5597
            2,nowhere,,
            3,Okayama,133.9344,34.6618
            4,sea,133.0,31.9

            """)
        let join = CSVLocationJoin(locator: try PointLocator(store: FixtureStore.open()), lonColumn: nil, latColumn: nil)
        var output = ""
        let summary = try join.run(path: input.path) { output += $0 }
        XCTAssertEqual(output, """
            id,name,lng,lat,municipality_code,city_code,prefecture_code,bureau,match
            1,"Kochi, office",133.5311,33.5597,39201,39201,39,shikoku,inside
            2,nowhere,,,,,,,none
            3,Okayama,133.9344,34.6618,33101,33100,33,chugoku,inside
            4,sea,133.0,31.9,,,,,none

            """)
        XCTAssertEqual(summary.rows, 4)
        XCTAssertEqual(summary.matches, ["inside": 2, "none": 2])
        XCTAssertEqual(summary.unusableLines, [3], "the line of the row without coordinates")
    }

    func testCSVJoinWithoutACoordinateColumnNamesIt() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("bad.csv", "id,east,north\n1,133.5,33.5\n")
        let join = CSVLocationJoin(locator: try PointLocator(store: FixtureStore.open()), lonColumn: "lon", latColumn: nil)
        XCTAssertThrowsError(try join.run(path: input.path) { _ in }) { error in
            XCTAssertTrue("\(error)".contains("no column lon"), "\(error)")
        }
    }

    func testAStoreWithoutBoundariesIsRefused() throws {
        let folder = try TemporaryFolder()
        let store = try BoundaryStore(path: folder.file("empty.gpkg").path)
        XCTAssertThrowsError(try PointLocator(store: store)) { error in
            guard case LocateError.emptyStore = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try CoverageGridLocator(store: store))
    }
}
