import Foundation

/// A reference ellipsoid. GRS80 (JGD2011, Japan's datum) and WGS84 differ by 0.1 mm in the
/// semi-minor axis, far below what investmap reports.
public struct Ellipsoid: Sendable {
    public let semiMajorAxis: Double
    public let flattening: Double

    public var semiMinorAxis: Double { semiMajorAxis * (1 - flattening) }

    public static let grs80 = Ellipsoid(semiMajorAxis: 6_378_137.0, flattening: 1 / 298.257222101)
    public static let wgs84 = Ellipsoid(semiMajorAxis: 6_378_137.0, flattening: 1 / 298.257223563)
}
