import GeoCore

/// One frame of a map — the main map or an inset — with its own projection, its placement on
/// the page and its scale bar (each frame has its own scale, so each has its own bar).
public struct MapFrame: Sendable, Equatable {
    /// The main map or one inset.
    public enum Kind: Sendable, Equatable {
        case main
        case inset(MapInset)
    }

    public var kind: Kind
    public var projection: AlbersEqualAreaConic
    /// Projected (metres) bounds of what the frame draws.
    public var projectedBounds: BoundingBox
    /// The latitude at the frame's centre, where its scale bar is true.
    public var centreLatitude: Double
    /// Set by the layout: projected metres → page pixels.
    public var transform = FrameTransform(pixelsPerMetre: 1, originX: 0, originY: 0)
    /// Set by the layout: the frame's box on the page (an inset's box holds its caption and
    /// scale bar too; the main frame's is the map area).
    public var box = PageRect(x: 0, y: 0, width: 0, height: 0)
    /// Set by the layout.
    public var scaleBar = ScaleBar(kilometres: 0, pixels: 0)

    public init(kind: Kind, projection: AlbersEqualAreaConic, projectedBounds: BoundingBox, centreLatitude: Double) {
        self.kind = kind
        self.projection = projection
        self.projectedBounds = projectedBounds
        self.centreLatitude = centreLatitude
    }

    /// Page pixels per kilometre on the ground along the parallel at the frame's centre.
    public var pixelsPerKilometre: Double {
        transform.pixelsPerMetre * 1000 * projection.scaleFactorAlongParallel(latitude: centreLatitude)
    }

    /// The page position of a lon/lat coordinate.
    @inlinable
    public func page(_ c: Coordinate) -> Coordinate {
        transform.page(projection.project(c))
    }
}
