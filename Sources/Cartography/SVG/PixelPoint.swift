import GeoCore

/// A page position rounded to the output's precision: integer tenths of a pixel. Fills and
/// borders are written from the same rounded points, so they meet exactly, and relative path
/// steps are exact integer differences.
public struct PixelPoint: Hashable, Sendable {
    public var x: Int32
    public var y: Int32

    public init(x: Int32, y: Int32) {
        self.x = x
        self.y = y
    }

    /// Tenths of a pixel per pixel: the viewBox is the page in pixels, so one decimal is 0.1 px,
    /// finer than a screen or a 300-dpi print of a 1,000–2,000 px map resolves, for one
    /// character per number.
    public static let unitsPerPixel = 10.0

    /// The page position (pixels) rounded to a tenth.
    @inlinable
    public init(page x: Double, _ y: Double) {
        self.x = Int32((x * Self.unitsPerPixel).rounded())
        self.y = Int32((y * Self.unitsPerPixel).rounded())
    }

    /// The point as a coordinate in tenths of a pixel (exact: small integers), for topology.
    public var coordinate: Coordinate { Coordinate(x: Double(x), y: Double(y)) }

    /// The point of a coordinate in tenths (as `coordinate` made it).
    @inlinable
    public init(tenths c: Coordinate) {
        x = Int32(c.x)
        y = Int32(c.y)
    }

    /// The page position in pixels.
    public var page: (x: Double, y: Double) { (Double(x) / Self.unitsPerPixel, Double(y) / Self.unitsPerPixel) }
}
