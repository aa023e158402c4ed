import BoundaryStore
import Cartography
import Foundation
import Hummingbird
import MapData

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
        let builder = TilePyramidBuilder(source: try StoreTileData(store: store, edition: edition), options: pyramidOptions(edition: edition.name))
        return try await resource("tiles.json", edition: edition, contentType: "application/json") {
            try builder.tileJSON()
        }.response(to: request)
    }

    /// `/editions/{E}/tiles/{z}/{x}/{y}.json`: one tile, the bytes `investmap tiles` writes for
    /// it: from the edition's MBTiles file when it has one, else made on demand by the edition's
    /// `TileMaker` (a miss costs that one tile's work), then kept with the other answers. A tile
    /// where nothing is drawn is remembered as such (404).
    func tile(_ request: Request, editionName: String, z zText: String, x xText: String, y yText: String) async throws -> Response {
        let z = try Self.tileNumber(zText, "z", below: TileID.zoomRange.upperBound + 1)
        let x = try Self.tileNumber(xText, "x", below: 1 << z)
        let y = try Self.tileNumber(yText, "y", below: 1 << z)
        let edition = try await access.edition(editionName, for: request, parameter: "edition")
        let zooms = self.zooms(of: edition.name)
        guard zooms.contains(z) else {
            throw ServiceError.notFound("zoom \(z) is outside this pyramid (\(zooms.lowerBound)–\(zooms.upperBound))", parameter: "z")
        }
        let id = TileID(z: z, x: x, y: y)
        // The hot path: a tile made before answers from memory without touching its maker.
        if let held = resources.value(resourceKey("tile|\(id)", edition: edition)) { return try Self.answer(held, to: request, id: id) }
        let make: @Sendable () throws -> [UInt8]
        if let file = tileFiles[edition.name]?.reader {
            make = { try file.tile(z: z, x: x, y: y) ?? [] }
        } else {
            let builder = TilePyramidBuilder(source: try StoreTileData(store: store, edition: edition), options: pyramidOptions(edition: edition.name))
            guard case .tiles(let maker) = try await engine("tiles", edition: edition, limiter: tileWork, make: { .tiles(try TileMaker(builder)) }) else {
                preconditionFailure("the tiles engine is a tile maker")
            }
            make = { try maker.tile(id)?.json ?? [] }
        }
        let tile = try await resource("tile|\(id)", edition: edition, contentType: "application/json", limiter: tileWork, make: make)
        return try Self.answer(tile, to: request, id: id)
    }

    /// A tile's answer; an empty one stands for "nothing is drawn there".
    static func answer(_ tile: Resource, to request: Request, id: TileID) throws -> Response {
        guard tile.body.readableBytes > 0 else { throw ServiceError.notFound("no tile \(id): nothing is drawn there") }
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
