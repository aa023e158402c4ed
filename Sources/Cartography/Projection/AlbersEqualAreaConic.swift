import Foundation
import GeoCore

/// The Albers equal-area conic projection on an ellipsoid (Snyder, "Map Projections — A Working
/// Manual", 1987, pp. 98–103): areas stay true everywhere, so a choropleth's colours are not
/// weighted by the projection, and shapes are near true between the two standard parallels.
///
/// Written by hand: PROJ is not a dependency of the package, and the forward formulas are a
/// dozen lines. The output is in metres, x east and y north of the origin.
public struct AlbersEqualAreaConic: Sendable, Equatable {
    public let standardParallel1: Double
    public let standardParallel2: Double
    public let centralMeridian: Double
    public let originLatitude: Double
    public let semiMajorAxis: Double
    public let eccentricity: Double

    private let n: Double
    private let c: Double
    private let rho0: Double

    /// A conic with the given standard parallels, central meridian and latitude of origin
    /// (degrees) on `ellipsoid` (GRS80, the ellipsoid of JGD2011, by default).
    public init(standardParallel1: Double, standardParallel2: Double, centralMeridian: Double, originLatitude: Double,
                ellipsoid: Ellipsoid = .grs80) {
        self.standardParallel1 = standardParallel1
        self.standardParallel2 = standardParallel2
        self.centralMeridian = centralMeridian
        self.originLatitude = originLatitude
        semiMajorAxis = ellipsoid.semiMajorAxis
        let f = ellipsoid.flattening
        let e = (f * (2 - f)).squareRoot()
        eccentricity = e
        let phi1 = standardParallel1 * .pi / 180, phi2 = standardParallel2 * .pi / 180
        let m1 = Self.m(phi1, e), m2 = Self.m(phi2, e)
        let q1 = Self.q(phi1, e), q2 = Self.q(phi2, e)
        // Equal standard parallels make a tangent cone: the limit of the secant formula.
        let nValue: Double
        if abs(phi1 - phi2) < 1e-10 {
            nValue = sin(phi1)
        } else {
            nValue = (m1 * m1 - m2 * m2) / (q2 - q1)
        }
        n = nValue
        c = m1 * m1 + nValue * q1
        rho0 = semiMajorAxis * (c - nValue * Self.q(originLatitude * .pi / 180, e)).squareRoot() / nValue
    }

    /// Japan's national maps: standard parallels 30°N and 40°N, central meridian 137°E, origin
    /// 35°N, GRS80. The scale error stays within 1.5 % from Okinawa (24°N) to Wakkanai (45.5°N):
    /// 0.996 at 35°N, 1.013 at 24°N, 1.015 at 45.5°N along the parallels.
    public static let japan = AlbersEqualAreaConic(standardParallel1: 30, standardParallel2: 40, centralMeridian: 137,
                                                   originLatitude: 35)

    /// A conic fitted to `box` (lon/lat degrees) by Snyder's one-sixth rule: standard parallels
    /// one sixth of the span inside its southern and northern edges, central meridian and
    /// origin at its centre. Used for a bureau block or a prefecture.
    public static func fitted(to box: BoundingBox) -> AlbersEqualAreaConic {
        let span = box.maxY - box.minY
        let centreLongitude = (box.minX + box.maxX) / 2, centreLatitude = (box.minY + box.maxY) / 2
        // A box thinner than 0.6° in latitude gets parallels 0.1° apart around its centre.
        let inset = max(span / 6, 0)
        let south = span < 0.6 ? centreLatitude - 0.05 : box.minY + inset
        let north = span < 0.6 ? centreLatitude + 0.05 : box.maxY - inset
        return AlbersEqualAreaConic(standardParallel1: south, standardParallel2: north,
                                    centralMeridian: centreLongitude, originLatitude: centreLatitude)
    }

    /// Projects a longitude/latitude (degrees) to metres.
    @inlinable
    public func project(_ c: Coordinate) -> Coordinate {
        projectRadians(longitude: c.x * .pi / 180, latitude: c.y * .pi / 180)
    }

    @usableFromInline
    func projectRadians(longitude: Double, latitude: Double) -> Coordinate {
        let rho = semiMajorAxis * max(c - n * Self.q(latitude, eccentricity), 0).squareRoot() / n
        let theta = n * (longitude - centralMeridian * .pi / 180)
        return Coordinate(x: rho * sin(theta), y: rho0 - rho * cos(theta))
    }

    /// The scale factor along the parallel at `latitude` (degrees): 1 on the standard parallels,
    /// below 1 between them; along the meridian it is the reciprocal (the projection keeps areas).
    /// A scale bar drawn horizontally is true at the latitude it is computed for.
    public func scaleFactorAlongParallel(latitude: Double) -> Double {
        let phi = latitude * .pi / 180
        let rho = semiMajorAxis * max(c - n * Self.q(phi, eccentricity), 0).squareRoot() / n
        return rho * n / (semiMajorAxis * Self.m(phi, eccentricity))
    }

    private static func m(_ phi: Double, _ e: Double) -> Double {
        let s = sin(phi)
        return cos(phi) / (1 - e * e * s * s).squareRoot()
    }

    @usableFromInline
    static func q(_ phi: Double, _ e: Double) -> Double {
        let s = sin(phi)
        let es = e * s
        return (1 - e * e) * (s / (1 - es * es) - (1 / (2 * e)) * log((1 - es) / (1 + es)))
    }
}
