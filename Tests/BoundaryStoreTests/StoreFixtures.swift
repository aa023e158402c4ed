import BoundaryStore
import Foundation
import GeoCore
import Reference
import XCTest

/// Shared fixtures: small synthetic boundary sets.
enum StoreFixtures {
    static let edition = "N03-22_220101"

    /// A closed counter-clockwise square ring.
    static func square(x: Double, y: Double, size: Double) -> LinearRing {
        LinearRing([
            Coordinate(x: x, y: y), Coordinate(x: x + size, y: y), Coordinate(x: x + size, y: y + size),
            Coordinate(x: x, y: y + size), Coordinate(x: x, y: y),
        ])
    }

    /// A square polygon with a square hole in the middle.
    static func squareWithHole(x: Double, y: Double, size: Double) -> Polygon {
        let hole = square(x: x + size / 4, y: y + size / 4, size: size / 2)
        return Polygon(exterior: square(x: x, y: y, size: size), holes: [LinearRing(hole.coordinates.reversed())])
    }

    /// A ward-level unit covering the 0.1° cell (column, row) of a grid whose origin is
    /// (130, 30); every third unit also has a second, detached part with a hole.
    static func ward(_ index: Int, column: Int, row: Int, edition: String = edition) -> UnitRecord {
        let x = 130 + Double(column) * 0.1, y = 30 + Double(row) * 0.1
        var polygons = [Polygon(exterior: square(x: x, y: y, size: 0.1))]
        if index % 3 == 0 {
            polygons.append(squareWithHole(x: x + 0.02, y: y + 0.02, size: 0.01))
        }
        let code = String(format: "%02d%03d", 1 + index / 100, index % 100 + 100)
        return UnitRecord(
            code: code, name: "区\(index)", level: .ward,
            prefectureCode: String(code.prefix(2)), prefectureName: "県\(code.prefix(2))", cityCode: code,
            bureauID: "kanto",
            n03: ["N03_001": "県\(code.prefix(2))", "N03_002": nil, "N03_003": "市\(index)", "N03_004": "区\(index)", "N03_007": code],
            edition: edition, population: index % 5 == 0 ? nil : Double(index * 1000), households: Double(index * 400),
            sourceParts: polygons.count, repairNote: index % 7 == 0 ? "closed a ring" : nil,
            geometry: .multiPolygon(polygons))
    }

    /// A small import: a 5 × 4 grid of wards, one unassigned area and one unit at each roll-up level.
    static func units(edition: String = edition) -> [UnitRecord] {
        var units: [UnitRecord] = []
        for row in 0..<4 {
            for column in 0..<5 {
                units.append(ward(units.count, column: column, row: row, edition: edition))
            }
        }
        let whole = Geometry.multiPolygon([Polygon(exterior: square(x: 130, y: 30, size: 0.5))])
        units.append(UnitRecord(
            code: nil, name: "所属未定地", level: .unassigned, prefectureCode: "01", prefectureName: "北海道",
            n03: ["N03_001": "北海道", "N03_002": nil, "N03_003": nil, "N03_004": nil, "N03_007": nil],
            edition: edition, sourceParts: 1, geometry: .multiPolygon([Polygon(exterior: square(x: 140, y: 40, size: 0.05))])))
        units.append(UnitRecord(
            code: "01100", name: "札幌市", level: .municipality, prefectureCode: "01", prefectureName: "北海道",
            cityCode: "01100", bureauID: "hokkaido", edition: edition, population: 1_973_395, households: 969_161,
            sourceParts: 10, geometry: whole))
        units.append(UnitRecord(
            code: "01100", name: "札幌市", level: .designatedCity, prefectureCode: "01", prefectureName: "北海道",
            cityCode: "01100", bureauID: "hokkaido", edition: edition, sourceParts: 10, geometry: whole))
        units.append(UnitRecord(
            code: "01", name: "北海道", level: .prefecture, prefectureCode: "01", prefectureName: "北海道",
            bureauID: "hokkaido", edition: edition, sourceParts: 10, repairNote: "dissolved", geometry: whole))
        units.append(UnitRecord(
            code: "hokkaido", name: "北海道経済産業局", level: .bureau, bureauID: "hokkaido", edition: edition,
            sourceParts: 10, geometry: .polygon(Polygon(exterior: square(x: 130, y: 30, size: 0.5)))))
        return units
    }

    static let sources = [
        SourceRecord(file: "N03-22_220101_fullres.geojson", sha256: String(repeating: "ab", count: 32), features: 21, vertices: 150),
        SourceRecord(file: "extra.geojson", sha256: nil, features: 1, vertices: 5),
    ]

    static let report = [
        ImportReportRow(kind: "repair", code: "01103", detail: "区3: closed a ring"),
        ImportReportRow(kind: "census_missing", code: "01100", detail: "区0: in the boundaries, not in the census"),
        ImportReportRow(kind: "census_unmatched", code: nil, detail: "22138 has no boundary"),
    ]

    /// Expected counts per level of `units()`.
    static let counts: [UnitLevel: Int] = [
        .ward: 20, .unassigned: 1, .municipality: 1, .designatedCity: 1, .prefecture: 1, .bureau: 1,
    ]
}
