import BoundaryStore
import Cartography
import Foundation
import MapData
import TestStores
import TestSupport
import XCTest

/// Issue 15: a tile the service makes on demand costs that one tile's work (before, a miss
/// built its whole zoom, ~1 s on the national store) and is byte for byte the tile
/// `investmap tiles` writes — units, projects clustered and one by one, sites — on the fixture.
final class TileMakerTests: XCTestCase {
    func testEachTileEqualsThePyramidsTileAndEmptyTilesAreNil() throws {
        var projects = "id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source\n"
        // Points around the five offices, some on the same spot, enough to cluster.
        for (n, office) in FixturePlaces.offices.enumerated() {
            for k in 0..<40 {
                let lon = office.location.x + Double(k % 7) * 0.01 - 0.03, lat = office.location.y + Double(k / 7) * 0.008 - 0.02
                projects += "P\(n)-\(k),工場\(k),\(["A", "B", "C"][k % 3]),\(k % 3 == 0 ? "ai_semiconductors" : ""),\(100_000_000 * (k + 1)),\(k),operating,,\(lon),\(lat),,\n"
            }
        }
        let sites = """
            id,name,plan,fields,status,lon,lat,wkt
            S1,岡山団地,A,ai_semiconductors,operating,133.95,34.65,
            S2,高知団地,B,,planned,,,"POLYGON((133.50 33.55,133.56 33.55,133.56 33.60,133.50 33.60,133.50 33.55))"

            """
        let (store, _) = try FixtureStore.withLedger(for: self, projectsCSV: projects, sitesCSV: sites)
        let edition = try store.edition(named: "test")
        // Zooms 7 and 8 draw the z6 scale: enough tiles for units cut by tile edges.
        let options = TilePyramidOptions(minZoom: 4, maxZoom: 8, projectPointsFromZoom: 7)
        let builder = TilePyramidBuilder(source: try StoreTileData(store: store, edition: edition), options: options)
        var pyramid: [TileID: [UInt8]] = [:]
        _ = try builder.build { pyramid[$0.id] = $0.json }
        XCTAssertGreaterThan(pyramid.count, 10)

        let maker = try TileMaker(builder)
        for (id, bytes) in pyramid.sorted(by: { $0.key < $1.key }) {
            let made = try XCTUnwrap(maker.tile(id), "tile \(id) is in the pyramid")
            XCTAssertEqual(made.json, bytes, "tile \(id) differs from the pyramid's")
        }
        // Around the drawn tiles of zoom 8, tiles with nothing are nil, as the pyramid skips them.
        let drawn = pyramid.keys.filter { $0.z == 8 }
        for x in (drawn.map(\.x).min()! - 2)...(drawn.map(\.x).max()! + 2) {
            for y in (drawn.map(\.y).min()! - 2)...(drawn.map(\.y).max()! + 2) where pyramid[TileID(z: 8, x: x, y: y)] == nil {
                XCTAssertNil(try maker.tile(TileID(z: 8, x: x, y: y)), "8/\(x)/\(y) has nothing drawn")
            }
        }
        XCTAssertThrowsError(try maker.tile(TileID(z: 9, x: 0, y: 0)), "outside the pyramid's zooms")
        XCTAssertGreaterThan(maker.heldBytes, 200 * 100)
    }

    /// Z-order keys: a tile's cells are one contiguous range at any deeper zoom.
    func testZOrderKeysOfATileAreOneRange() {
        XCTAssertEqual(TileMaker.interleave(0, 0), 0)
        XCTAssertEqual(TileMaker.interleave(1, 0), 1)
        XCTAssertEqual(TileMaker.interleave(0, 1), 2)
        XCTAssertEqual(TileMaker.interleave(3, 3), 15)
        // Tile (1, 2) at zoom 2 holds the cells (2…3, 4…5) of zoom 3: keys 4·key(1,2) … +3.
        let parent = TileMaker.interleave(1, 2)
        let children = [(2, 4), (3, 4), (2, 5), (3, 5)].map { TileMaker.interleave(UInt64($0.0), UInt64($0.1)) }.sorted()
        XCTAssertEqual(children, Array((parent << 2)...((parent << 2) + 3)))
    }
}
