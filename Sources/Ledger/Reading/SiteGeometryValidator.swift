import GeoCore

/// Checks a cluster site's polygon with GEOS: read from WKT with GEOS's reader, or built from a
/// GeoJSON geometry, it must be a non-empty POLYGON or MULTIPOLYGON that GEOS finds valid and
/// that lies inside Japan. Invalid polygons are refused with GEOS's reason rather than repaired:
/// a site's outline is drawn by hand and a self-intersection is a drawing mistake to fix.
///
/// Owns a GEOS context, so one validator serves one reading on one thread.
final class SiteGeometryValidator: @unchecked Sendable {
    private let context = GEOSContext()

    /// The polygon a WKT cell holds.
    /// - Throws: `RowProblem` naming `label` with GEOS's parse message, the wrong type, GEOS's
    ///   validity reason, or the extent outside Japan.
    func polygon(wkt: String, label: String) throws(RowProblem) -> Geometry {
        let geometry: GEOSGeometry
        do {
            geometry = try GEOSGeometry(wkt: wkt, context: context)
        } catch {
            throw RowProblem("\(label): not WKT: \(Self.message(error).ledgerQuotable)")
        }
        return try checked(geometry, label: label)
    }

    /// `geometry` (a GeoJSON Polygon or MultiPolygon) once GEOS has checked it.
    /// - Throws: `RowProblem` as `polygon(wkt:label:)`.
    func polygon(_ geometry: Geometry, label: String) throws(RowProblem) -> Geometry {
        let built: GEOSGeometry
        do {
            built = try GEOSGeometry(geometry, context: context)
        } catch {
            throw RowProblem("\(label): \(Self.message(error))")
        }
        return try checked(built, label: label)
    }

    private func checked(_ geometry: GEOSGeometry, label: String) throws(RowProblem) -> Geometry {
        let value: Geometry
        let problem: ValidityProblem?
        do {
            value = try geometry.value()
            switch value {
            case .polygon, .multiPolygon: break
            default: throw RowProblem("\(label): expected POLYGON or MULTIPOLYGON, found \(value.typeName)")
            }
            guard !geometry.isEmpty else { throw RowProblem("\(label): the \(value.typeName) is empty") }
            problem = try geometry.validityProblem()
        } catch let rowProblem as RowProblem {
            throw rowProblem
        } catch {
            throw RowProblem("\(label): \(Self.message(error))")
        }
        if let problem {
            throw RowProblem("\(label): invalid polygon: \(problem)")
        }
        if let outside = JapanExtent.problem(box: value.boundingBox, what: "polygon") {
            throw RowProblem("\(label): \(outside)")
        }
        return value
    }

    /// GEOS's own words for a failure (its messages), else the error's description.
    private static func message(_ error: any Error) -> String {
        if case GEOSError.libraryError(_, let messages) = error, !messages.isEmpty {
            return messages.joined(separator: "; ")
        }
        return "\(error)"
    }
}
