import GeoCore

/// Places a projected region (metres) in a rectangle of the page (pixels): one uniform scale,
/// y flipped (north up), the region centred in the rectangle. Each map frame — the main map and
/// every inset — has its own.
public struct FrameTransform: Sendable, Equatable {
    /// Pixels per projected metre.
    public let pixelsPerMetre: Double
    /// The page position of projected (0, 0).
    public let originX: Double
    public let originY: Double

    /// A transform of the given scale and origin (see `fitting` and `centred` for the usual ones).
    public init(pixelsPerMetre: Double, originX: Double, originY: Double) {
        self.pixelsPerMetre = pixelsPerMetre
        self.originX = originX
        self.originY = originY
    }

    /// The largest scale at which `projected` fits in `rect` (page pixels), centred in it.
    public static func fitting(_ projected: BoundingBox, in rect: PageRect) -> FrameTransform {
        let width = max(projected.maxX - projected.minX, 1e-9), height = max(projected.maxY - projected.minY, 1e-9)
        let scale = min(rect.width / width, rect.height / height)
        return centred(projected, in: rect, pixelsPerMetre: scale)
    }

    /// `projected` at a given scale, centred in `rect`.
    public static func centred(_ projected: BoundingBox, in rect: PageRect, pixelsPerMetre scale: Double) -> FrameTransform {
        let centreX = (projected.minX + projected.maxX) / 2, centreY = (projected.minY + projected.maxY) / 2
        return FrameTransform(pixelsPerMetre: scale,
                              originX: rect.x + rect.width / 2 - centreX * scale,
                              originY: rect.y + rect.height / 2 + centreY * scale)
    }

    /// The page position (pixels) of a projected point.
    @inlinable
    public func page(_ projected: Coordinate) -> Coordinate {
        Coordinate(x: originX + projected.x * pixelsPerMetre, y: originY - projected.y * pixelsPerMetre)
    }
}
