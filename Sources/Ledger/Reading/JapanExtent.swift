import GeoCore

/// The box every ledger location must fall in: Japan's territory from 与那国 (122.9°E) to
/// 南鳥島 (153.98°E) and 沖ノ鳥島 (20.4°N) to 択捉 (45.5°N), rounded outwards. A location outside
/// is a typo or lon/lat written the wrong way round, which this says when the swap would fit.
enum JapanExtent {
    static let longitudes: ClosedRange<Double> = 122...154
    static let latitudes: ClosedRange<Double> = 20...46

    /// Nil when (lon, lat) is inside; otherwise "coordinates outside Japan: lon X, lat Y", noting
    /// when the values look swapped. `lonText`/`latText` are the values as written.
    static func problem(lon: Double, lat: Double, lonText: String, latText: String) -> String? {
        if longitudes.contains(lon) && latitudes.contains(lat) { return nil }
        var reason = "coordinates outside Japan: lon \(lonText), lat \(latText)"
        if longitudes.contains(lat) && latitudes.contains(lon) {
            reason += " (lon and lat look swapped)"
        }
        return reason
    }

    /// Nil when `box` is inside; otherwise what is wrong, as for a point.
    static func problem(box: BoundingBox, what: String) -> String? {
        let inside = longitudes.contains(box.minX) && longitudes.contains(box.maxX)
            && latitudes.contains(box.minY) && latitudes.contains(box.maxY)
        if inside { return nil }
        var reason = "\(what) outside Japan: lon \(box.minX)…\(box.maxX), lat \(box.minY)…\(box.maxY)"
        let swapped = longitudes.contains(box.minY) && longitudes.contains(box.maxY)
            && latitudes.contains(box.minX) && latitudes.contains(box.maxX)
        if swapped { reason += " (lon and lat look swapped)" }
        return reason
    }
}
