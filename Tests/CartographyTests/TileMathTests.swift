import Cartography
import GeoCore
import XCTest

/// Web Mercator tile arithmetic: longitude/latitude ↔ tile, tile bounds, TMS rows.
final class TileMathTests: XCTestCase {
    func testTokyoStationFallsInItsKnownTiles() {
        let tokyo = Coordinate(x: 139.7671, y: 35.6812)
        XCTAssertEqual(TileID(containing: tokyo, zoom: 10), TileID(z: 10, x: 909, y: 403))
        XCTAssertEqual(TileID(containing: tokyo, zoom: 0), TileID(z: 0, x: 0, y: 0))
        XCTAssertEqual(TileID(containing: tokyo, zoom: 4), TileID(z: 4, x: 14, y: 6))
    }

    func testTileBoundsHoldTheirPointsAndNeighboursShareEdges() {
        let tile = TileID(z: 10, x: 909, y: 403)
        let bounds = tile.bounds
        XCTAssertTrue(bounds.contains(Coordinate(x: 139.7671, y: 35.6812)))
        let east = TileID(z: 10, x: 910, y: 403).bounds
        let south = TileID(z: 10, x: 909, y: 404).bounds
        XCTAssertEqual(bounds.maxX, east.minX, accuracy: 1e-12)
        XCTAssertEqual(bounds.minY, south.maxY, accuracy: 1e-12)
        let whole = TileID(z: 0, x: 0, y: 0).bounds
        XCTAssertEqual(whole.minX, -180, accuracy: 1e-9)
        XCTAssertEqual(whole.maxY, WebMercator.maximumLatitude, accuracy: 1e-9)
    }

    func testWorldAndLonLatAreInverse() {
        for point in [Coordinate(x: 122.93, y: 24.45), Coordinate(x: 153.98, y: 20.42), Coordinate(x: 145.82, y: 45.55), Coordinate(x: 0, y: 0)] {
            let back = WebMercator.lonLat(WebMercator.world(point))
            XCTAssertEqual(back.x, point.x, accuracy: 1e-9)
            XCTAssertEqual(back.y, point.y, accuracy: 1e-9)
        }
        XCTAssertEqual(WebMercator.world(Coordinate(x: 0, y: 0)).y, 0.5, accuracy: 1e-12)
    }

    func testTMSRowCountsFromTheSouth() {
        XCTAssertEqual(TileID(z: 3, x: 1, y: 0).tmsRow, 7)
        XCTAssertEqual(TileID(z: 3, x: 1, y: 7).tmsRow, 0)
        XCTAssertEqual(TileID(z: 0, x: 0, y: 0).tmsRow, 0)
    }

    func testTilesSortByZoomColumnRow() {
        let tiles = [TileID(z: 5, x: 1, y: 0), TileID(z: 4, x: 9, y: 9), TileID(z: 5, x: 0, y: 3), TileID(z: 5, x: 0, y: 1)]
        XCTAssertEqual(tiles.sorted().map(\.description), ["4/9/9", "5/0/1", "5/0/3", "5/1/0"])
    }

    func testScaleForZoomPrefersTheCoarsestFineEnoughScale() {
        XCTAssertEqual(TilePyramidBuilder.scale(forZoom: 5, built: ["national", "z4", "z5", "z6"]), "z5")
        XCTAssertEqual(TilePyramidBuilder.scale(forZoom: 2, built: ["z4", "z6"]), "z4")
        XCTAssertEqual(TilePyramidBuilder.scale(forZoom: 5, built: ["z4", "z6"]), "z6")
        XCTAssertEqual(TilePyramidBuilder.scale(forZoom: 12, built: ["z4", "z6"]), "z6")
        XCTAssertNil(TilePyramidBuilder.scale(forZoom: 5, built: ["national", "500m"]))
    }

    func testSemanticVersionCarriesTheEdition() {
        XCTAssertEqual(TilePyramidBuilder.semanticVersion(edition: "2026-04"), "1.0.0+2026-04")
        XCTAssertEqual(TilePyramidBuilder.semanticVersion(edition: "draft_1.b"), "1.0.0+draft-1-b")
    }
}
