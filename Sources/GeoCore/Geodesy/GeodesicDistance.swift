import Foundation

/// Distances on the ellipsoid between lon/lat positions in degrees.
public enum GeodesicDistance {
    /// The geodesic distance in metres by Vincenty's inverse formula (accurate to well under a
    /// millimetre for the distances in Japan). Written by hand because no Swift package on this
    /// machine offers geodesics; for the rare nearly antipodal pairs where the iteration does not
    /// converge it falls back to the great-circle distance on the mean radius.
    public static func metres(from a: Coordinate, to b: Coordinate, on ellipsoid: Ellipsoid = .grs80) -> Double {
        if a == b { return 0 }
        let f = ellipsoid.flattening
        let semiMajor = ellipsoid.semiMajorAxis
        let semiMinor = ellipsoid.semiMinorAxis
        let rad = Double.pi / 180
        let l = (b.x - a.x) * rad
        let u1 = atan((1 - f) * tan(a.y * rad))
        let u2 = atan((1 - f) * tan(b.y * rad))
        let sinU1 = sin(u1), cosU1 = cos(u1), sinU2 = sin(u2), cosU2 = cos(u2)
        var lambda = l
        for _ in 0..<200 {
            let sinLambda = sin(lambda), cosLambda = cos(lambda)
            let t1 = cosU2 * sinLambda
            let t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda
            let sinSigma = (t1 * t1 + t2 * t2).squareRoot()
            if sinSigma == 0 { return 0 }
            let cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda
            let sigma = atan2(sinSigma, cosSigma)
            let sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma
            let cos2Alpha = 1 - sinAlpha * sinAlpha
            let cos2SigmaM = cos2Alpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cos2Alpha : 0
            let c = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha))
            let previous = lambda
            lambda = l + (1 - c) * f * sinAlpha
                * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)))
            if abs(lambda - previous) < 1e-12 {
                let uSquared = cos2Alpha * (semiMajor * semiMajor - semiMinor * semiMinor) / (semiMinor * semiMinor)
                let bigA = 1 + uSquared / 16384 * (4096 + uSquared * (-768 + uSquared * (320 - 175 * uSquared)))
                let bigB = uSquared / 1024 * (256 + uSquared * (-128 + uSquared * (74 - 47 * uSquared)))
                let deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                    - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)))
                return semiMinor * bigA * (sigma - deltaSigma)
            }
        }
        return greatCircleMetres(from: a, to: b, radius: (2 * semiMajor + semiMinor) / 3)
    }

    /// Haversine distance on a sphere of the given radius.
    public static func greatCircleMetres(from a: Coordinate, to b: Coordinate, radius: Double = 6_371_008.8) -> Double {
        let rad = Double.pi / 180
        let dLat = (b.y - a.y) * rad
        let dLon = (b.x - a.x) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.y * rad) * cos(b.y * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * radius * asin(min(1, h.squareRoot()))
    }
}
