import BoundaryStore
import Cartography
import Foundation
import Hummingbird
import MapData

/// The tiles of one zoom of one edition, as the service sends them.
public struct ZoomTiles: Sendable {
    let tiles: [TileID: Resource]
    var cost: Int { tiles.values.reduce(0) { $0 + $1.cost } }
}

extension MapService {
    /// The pyramid's options for `edition`: the service's zooms, tile URLs under the edition's
    /// `tiles/` (absolute with --public-url); everything else as `investmap tiles` makes it.
    func pyramidOptions(edition: String, zoom: Int? = nil) -> TilePyramidOptions {
        let folder = "editions/\(Self.pathSegment(edition))/tiles/"
        let base = options.publicURL.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + folder } ?? "tiles/"
        let zooms = self.zooms(of: edition)
        return TilePyramidOptions(minZoom: zoom ?? zooms.lowerBound, maxZoom: zoom ?? zooms.upperBound, baseURL: base)
    }

    /// The zooms of an edition's pyramid: its MBTiles file's, else the service's.
    func zooms(of edition: String) -> ClosedRange<Int> {
        tileFiles[edition]?.zooms ?? options.minZoom...options.maxZoom
    }

    /// `/editions/{E}/tiles.json`: the TileJSON 3.0.0 document `investmap tiles` writes.
    func tileJSON(_ request: Request, editionName: String) async throws -> Response {
        let edition = try await access.edition(editionName, for: request, parameter: "edition")
        let builder = TilePyramidBuilder(source: StoreTileData(store: store, edition: edition), options: pyramidOptions(edition: edition.name))
        return try await resource("tiles.json", edition: edition, contentType: "application/json") {
            try builder.tileJSON()
        }.response(to: request)
    }

    /// `/editions/{E}/tiles/{z}/{x}/{y}.json`: one tile, the bytes `investmap tiles` writes for
    /// it: from the edition's MBTiles file when it has one, else made on demand — the first
    /// request for a zoom makes every tile of that zoom (the builder works a zoom at a time);
    /// later ones come from memory.
    func tile(_ request: Request, editionName: String, z zText: String, x xText: String, y yText: String) async throws -> Response {
        let z = try Self.tileNumber(zText, "z", below: TileID.zoomRange.upperBound + 1)
        let x = try Self.tileNumber(xText, "x", below: 1 << z)
        let y = try Self.tileNumber(yText, "y", below: 1 << z)
        let edition = try await access.edition(editionName, for: request, parameter: "edition")
        let zooms = self.zooms(of: edition.name)
        guard zooms.contains(z) else {
            throw ServiceError.notFound("zoom \(z) is outside this pyramid (\(zooms.lowerBound)–\(zooms.upperBound))", parameter: "z")
        }
        if let file = tileFiles[edition.name]?.reader {
            // From the MBTiles file, each tile read once and kept with the other answers.
            return try await resource("tile|\(z)/\(x)/\(y)", edition: edition, contentType: "application/json") {
                guard let bytes = try file.tile(z: z, x: x, y: y) else { throw ServiceError.notFound("no tile \(z)/\(x)/\(y): nothing is drawn there") }
                return bytes
            }.response(to: request)
        }
        let key = "\(edition.name)|\(edition.status.rawValue)|\(z)"
        let tiles: ZoomTiles
        if let held = zoomTiles.value(key) {
            tiles = held
        } else {
            let builder = TilePyramidBuilder(source: StoreTileData(store: store, edition: edition), options: pyramidOptions(edition: edition.name, zoom: z))
            let control = cacheControl(edition)
            tiles = try await zoomTiles.value(key, expiresAfter: serverLifetime(edition), timeout: options.requestTimeout, cost: \.cost) {
                var made: [TileID: Resource] = [:]
                _ = try builder.build { tile in
                    made[tile.id] = Resource(bytes: tile.json, contentType: "application/json", cacheControl: control)
                }
                return ZoomTiles(tiles: made)
            }
        }
        guard let tile = tiles.tiles[TileID(z: z, x: x, y: y)] else {
            throw ServiceError.notFound("no tile \(z)/\(x)/\(y): nothing is drawn there")
        }
        return tile.response(to: request)
    }

    /// A tile coordinate: digits only, below `limit`.
    static func tileNumber(_ text: String, _ name: String, below limit: Int) throws -> Int {
        // One spelling per tile (no leading zeros): `04/013/006` is not another URL of 4/13/6.
        guard !text.isEmpty, text.utf8.count <= 8, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let value = Int(text), value < limit,
              String(value) == text else {
            throw ServiceError.badParameter(name, name == "z" ? "a zoom from 0 to \(limit - 1) without leading zeros, got '\(text.prefix(16))'"
                                                               : "a tile column/row from 0 to \(limit - 1) at this zoom, without leading zeros, got '\(text.prefix(16))'")
        }
        return value
    }

    /// An edition name as one path segment (percent-encoded where it must be).
    static func pathSegment(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? name
    }
}
