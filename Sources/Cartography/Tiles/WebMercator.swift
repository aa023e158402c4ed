import Foundation
import GeoCore

/// The spherical Web Mercator projection (EPSG:3857) as XYZ web tiles use it, in "world"
/// units: the whole square world is [0, 1] × [0, 1], x growing east from 180° W and y growing
/// south from the top edge at about 85.05° N.
public enum WebMercator {
    /// The latitude of the world square's top edge (and, negated, its bottom edge).
    public static let maximumLatitude = 85.051_128_779_806_59

    /// The world position of a longitude/latitude point (latitudes clamped to the square).
    public static func world(_ lonLat: Coordinate) -> Coordinate {
        let lat = min(max(lonLat.y, -maximumLatitude), maximumLatitude) * Double.pi / 180
        let x = (lonLat.x + 180) / 360
        let y = (1 - log(tan(lat) + 1 / cos(lat)) / Double.pi) / 2
        return Coordinate(x: x, y: y)
    }

    /// The longitude/latitude of a world position.
    public static func lonLat(_ world: Coordinate) -> Coordinate {
        let lon = world.x * 360 - 180
        let lat = atan(sinh(Double.pi * (1 - 2 * world.y))) * 180 / Double.pi
        return Coordinate(x: lon, y: lat)
    }
}
