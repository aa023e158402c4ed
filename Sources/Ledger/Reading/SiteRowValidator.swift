import GeoCore

/// Turns one row into a `ClusterSite`, or says why it cannot: name, plan, fields, status, then
/// the geometry — the `wkt` cell when it is not empty (lon/lat are then not read), else the
/// lon/lat point; for GeoJSON the feature's Point, Polygon or MultiPolygon.
struct SiteRowValidator: Sendable {
    /// Separators between the strategic fields of one cell: `;` (canonical), 、 and `,`.
    static let fieldSeparators: Set<Character> = [";", "、", ","]

    let vocabulary: LedgerVocabulary
    let polygons: SiteGeometryValidator

    /// - Parameter id: the row's id, already checked to be present and unique.
    /// - Throws: `RowProblem`.
    func site(id: String, row: LedgerRow, geometry: RowGeometry) throws(RowProblem) -> ClusterSite {
        let name = try row.requiredText(.name)
        let plan = try vocabulary.plan(row.text(.plan), label: row.label(.plan))
        var fields: [String] = []
        for word in row.text(.fields).ledgerNormalized.split(whereSeparator: Self.fieldSeparators.contains) {
            guard let field = try vocabulary.field(String(word), label: row.label(.fields)) else { continue }
            if !fields.contains(field) { fields.append(field) }
        }
        if plan == ProjectRowValidator.strategicPlanID && fields.isEmpty {
            throw RowProblem("\(row.label(.fields)): plan \(plan) needs at least one strategic field")
        }
        let status = try vocabulary.status(row.text(.status), label: row.label(.status))
        let shape: Geometry
        switch geometry {
        case .cells:
            let wkt = row.text(.wkt)
            if wkt.isEmpty {
                guard let point = try geometry.point(of: row) else { throw RowProblem("\(row.label(.lon)): empty") }
                shape = .point(point)
            } else {
                shape = try polygons.polygon(wkt: wkt, label: row.label(.wkt))
            }
        case .feature(let feature):
            switch feature {
            case .polygon?, .multiPolygon?:
                shape = try polygons.polygon(feature!, label: "geometry")
            case .point(let point)?:
                try RowGeometry.checkInsideJapan(point)
                shape = .point(point)
            case let other?:
                throw RowProblem("geometry: expected a Point, Polygon or MultiPolygon, found \(other.geoJSONTypeName)")
            case nil:
                throw RowProblem("geometry: missing (a Point, Polygon or MultiPolygon is needed)")
            }
        }
        return ClusterSite(id: id, name: name, plan: plan, fields: fields, status: status, geometry: shape)
    }
}
