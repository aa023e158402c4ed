import GeoCore

/// Where a row's location comes from: the lon/lat cells of a CSV row, or a GeoJSON feature's
/// geometry (whose lon/lat properties are then ignored).
enum RowGeometry: Sendable {
    case cells
    /// The feature's geometry, nil when it is null or absent.
    case feature(Geometry?)

    /// The row's location as a point inside Japan; nil when the row gives none (both cells
    /// blank, or a feature without geometry), so that its address or code can locate it.
    /// - Throws: `RowProblem` for one of lon/lat without the other, a non-numeric one, a feature
    ///   that is not a Point, or coordinates outside Japan (noting when lon and lat look swapped).
    func point(of row: LedgerRow) throws(RowProblem) -> Coordinate? {
        switch self {
        case .cells:
            if !row.has(.lon) && !row.has(.lat) { return nil }
            let lonText = try row.requiredText(.lon)
            let latText = try row.requiredText(.lat)
            let lon = try CellValues.degrees(lonText, label: row.label(.lon))
            let lat = try CellValues.degrees(latText, label: row.label(.lat))
            if let problem = JapanExtent.problem(lon: lon, lat: lat, lonText: lonText, latText: latText) {
                throw RowProblem(problem)
            }
            return Coordinate(x: lon, y: lat)
        case .feature(let geometry):
            guard let geometry else { return nil }
            guard case .point(let point) = geometry else {
                throw RowProblem("geometry: expected a Point, found \(geometry.geoJSONTypeName)")
            }
            try Self.checkInsideJapan(point)
            return point
        }
    }

    /// - Throws: `RowProblem` when `point` is outside Japan.
    static func checkInsideJapan(_ point: Coordinate) throws(RowProblem) {
        if let problem = JapanExtent.problem(lon: point.x, lat: point.y, lonText: "\(point.x)", latText: "\(point.y)") {
            throw RowProblem(problem)
        }
    }
}
