/// What a pyramid build wrote: the TileJSON document, the tiles per zoom, the scale each zoom
/// drew and the tiles over the size cap.
public struct TilePyramidReport: Sendable, Equatable {
    /// One zoom's tiles.
    public struct Zoom: Sendable, Equatable {
        public var zoom: Int
        public var layer: String
        public var scale: String
        public var tiles: Int
        public var bytes: Int
    }

    /// A tile larger than the cap.
    public struct OversizedTile: Sendable, Equatable {
        public var tile: TileID
        public var bytes: Int
    }

    /// A tile over the cap drawn again from a coarser tile scale.
    public struct CoarsenedTile: Sendable, Equatable {
        public var tile: TileID
        /// The scale it was drawn from in the end.
        public var scale: String
        public var originalBytes: Int
        public var bytes: Int
    }

    /// The TileJSON 3.0.0 document (`tiles.json`), compact JSON with sorted keys.
    public var tileJSON: [UInt8]
    public var zooms: [Zoom]
    /// Tiles still over the cap after coarsening (written as they are).
    public var oversized: [OversizedTile]
    /// Tiles over the cap at their zoom's scale, drawn from a coarser scale instead.
    public var coarsened: [CoarsenedTile]
    /// Tiles whose projects were too many to list one by one under the cap: written as clusters.
    public var clustered: [TileID]
    /// Warnings of the classification (e.g. fewer classes than asked for), per layer.
    public var warnings: [String]
    /// The MBTiles `metadata` rows (name, format, minzoom, maxzoom, bounds, center, json, …).
    public var mbtilesMetadata: [String: String]

    public var tileCount: Int { zooms.reduce(0) { $0 + $1.tiles } }
    public var byteCount: Int { zooms.reduce(0) { $0 + $1.bytes } }
}
