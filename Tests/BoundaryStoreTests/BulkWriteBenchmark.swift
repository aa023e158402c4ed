import BoundaryStore
import Foundation
import GeoCore
import XCTest

/// Write speed at full-resolution volume: ~1,900 ward units of ~48 parts each (12.1 M vertices,
/// like N03-22_220101_fullres) plus the same geometries again as municipalities and a few larger
/// roll-ups: ~25 M vertices, ~400 MB of geometry blobs.
///
/// Runs only when BOUNDARY_STORE_BENCHMARK is set (to a .gpkg path to keep, or to 1), and is
/// meant for release builds:
///   BOUNDARY_STORE_BENCHMARK=/tmp/bench.gpkg swift test -c release -Xswiftc -enable-testing \
///     --filter BulkWriteBenchmark
final class BulkWriteBenchmark: XCTestCase {
    func testFullResolutionVolume() throws {
        let setting = ProcessInfo.processInfo.environment["BOUNDARY_STORE_BENCHMARK"]
        try XCTSkipIf(setting == nil, "set BOUNDARY_STORE_BENCHMARK to run")
        let path = setting!.hasSuffix(".gpkg")
            ? setting! : try StoreFixtures.temporaryFolder(self).appendingPathComponent("bench.gpkg").path
        try? FileManager.default.removeItem(atPath: path)

        let units = Self.syntheticUnits()
        let vertices = units.reduce(0) { $0 + $1.geometry.vertexCount }
        let blobBytes = units.reduce(0) { $0 + $1.geometry.wkbByteCount + 40 }
        print("synthetic: \(units.count) units, \(vertices) vertices, \(blobBytes / 1_000_000) MB of blobs")

        var start = Date()
        let encoded = units.reduce(0) { $0 + GeoPackageBinary.encode($1.geometry).count }
        print(String(format: "encode only (envelope + GeoPackage blob, no SQLite): %.2f s for %d MB",
                     Date().timeIntervalSince(start), encoded / 1_000_000))

        let store = try BoundaryStore(path: path)
        start = Date()
        try store.replaceBoundaries(edition: "bench", sources: [], units: units, report: [])
        let fresh = Date().timeIntervalSince(start)
        start = Date()
        try store.replaceBoundaries(edition: "bench", sources: [], units: units, report: [])
        let replace = Date().timeIntervalSince(start)
        start = Date()
        let wards = try store.units(.ward)
        let read = Date().timeIntervalSince(start)
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print(String(format: "write into a new store: %.2f s; replace over the same: %.2f s; read %d wards: %.2f s; file %d MB",
                     fresh, replace, wards.count, read, size / 1_000_000))
        XCTAssertEqual(wards.count, 1_900)
    }

    /// A ring of `count` points on a wobbly circle, closed.
    static func ring(cx: Double, cy: Double, radius: Double, count: Int, seed: Int) -> LinearRing {
        var points = (0..<count - 1).map { i -> Coordinate in
            let angle = Double(i) / Double(count - 1) * 2 * .pi
            let r = radius * (1 + 0.1 * sin(Double(seed + i) * 0.7))
            return Coordinate(x: cx + r * cos(angle), y: cy + r * sin(angle))
        }
        points.append(points[0])
        return LinearRing(points)
    }

    static func syntheticUnits() -> [UnitRecord] {
        var wards: [UnitRecord] = []
        for index in 0..<1_900 {
            let cx = 123 + Double(index % 50) * 0.4, cy = 24 + Double(index / 50) * 0.5
            let parts = (0..<48).map { part in
                Polygon(exterior: ring(cx: cx + Double(part % 8) * 0.04, cy: cy + Double(part / 8) * 0.06,
                                       radius: 0.015, count: 133, seed: index * 48 + part))
            }
            let code = String(format: "%05d", 1_000 + index)
            wards.append(UnitRecord(
                code: code, name: "区\(index)", level: .ward, prefectureCode: String(code.prefix(2)), prefectureName: "県",
                cityCode: code, bureauID: "kanto",
                n03: ["N03_001": "県", "N03_002": nil, "N03_003": nil, "N03_004": "区\(index)", "N03_007": code],
                edition: "bench", population: Double(index), households: Double(index), sourceParts: 48,
                geometry: .multiPolygon(parts)))
        }
        let municipalities = wards.map { ward -> UnitRecord in
            var m = ward
            m.level = .municipality
            return m
        }
        func rollUp(_ level: UnitLevel, count: Int, vertices: Int) -> [UnitRecord] {
            (0..<count).map { i in
                UnitRecord(code: String(format: "%02d", i + 1), name: "\(level)\(i)", level: level, edition: "bench",
                           sourceParts: 40,
                           geometry: .multiPolygon([Polygon(exterior: ring(cx: 130 + Double(i) * 0.2, cy: 35, radius: 0.5,
                                                                           count: vertices, seed: i))]))
            }
        }
        return wards + municipalities + rollUp(.designatedCity, count: 20, vertices: 5_000)
            + rollUp(.prefecture, count: 47, vertices: 10_000) + rollUp(.bureau, count: 9, vertices: 20_000)
    }
}
