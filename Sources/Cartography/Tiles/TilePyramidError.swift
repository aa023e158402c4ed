/// Why a tile pyramid cannot be made.
public enum TilePyramidError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Zooms outside 0–22 or a minimum above the maximum.
    case badZoomRange(minZoom: Int, maxZoom: Int)
    /// No simplified tile scale (z4 … z10) has been built in the store.
    case noTileScale(store: String, built: [String])
    /// The store has no unit with a code at the scale a zoom uses.
    case noUnits(store: String, layer: String, scale: String)

    public var description: String {
        switch self {
        case let .badZoomRange(minZoom, maxZoom):
            "bad zoom range \(minZoom)–\(maxZoom): zooms go from \(TileID.zoomRange.lowerBound) to \(TileID.zoomRange.upperBound) and the minimum must not exceed the maximum"
        case let .noTileScale(store, built):
            "\(store): no tile scale (z4 … z10) has been built (built: \(built.isEmpty ? "none" : built.joined(separator: ", "))); run `investmap simplify`"
        case let .noUnits(store, layer, scale):
            "\(store): no \(layer) with a code at scale \(scale)"
        }
    }
}
