import GeoCore
import GeoFormats
import Reference

/// Groups the features of N03 files by municipality code into units: one MultiPolygon per
/// code (the official layout has one Polygon feature per part), 所属未定地 (null code) grouped
/// per prefecture. Rejects what cannot be a boundary feature, naming the file and feature.
struct UnitAssembler {
    private(set) var units: [String: SourceUnit] = [:]
    private(set) var partsRead = 0
    private(set) var featuresRead = 0
    /// Repairs made while reading (rings closed), one line each, for the import report.
    private(set) var readRepairs: [(key: String, note: String)] = []

    static let codeProperty = "N03_007"
    static let prefectureProperty = "N03_001"

    /// Adds a feature's parts to its unit and returns the unit's key.
    @discardableResult
    mutating func add(_ feature: SourceFeature, file: String) throws -> String {
        featuresRead += 1
        func fail(_ reason: String) -> BoundaryImportError {
            BoundaryImportError(file: file, featureIndex: feature.index, reason: reason)
        }
        guard let codeValue = feature.properties[Self.codeProperty] else {
            let names = feature.properties.keys.sorted().joined(separator: ", ")
            throw fail("missing property \(Self.codeProperty) (the municipality code); properties are: \(names.isEmpty ? "none" : names)")
        }
        guard let geometry = feature.geometry else {
            throw fail("geometry is null (expected Polygon or MultiPolygon)")
        }
        var polygons: [Polygon]
        switch geometry {
        case .polygon(let p): polygons = [p]
        case .multiPolygon(let ps): polygons = ps
        default: throw fail("geometry type \(geometry.geoJSONTypeName) is not a boundary (expected Polygon or MultiPolygon)")
        }
        var closedRings = 0
        for i in polygons.indices {
            polygons[i] = try closeRings(polygons[i], closed: &closedRings, fail: fail)
        }

        let code: String?
        if let text = codeValue?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            do {
                code = try MunicipalityCode(text).code5
            } catch {
                throw fail("\(Self.codeProperty) \(error)")
            }
        } else {
            code = nil
        }
        let key: String
        if let code {
            key = code
        } else {
            guard let prefecture = feature.properties[Self.prefectureProperty] ?? nil, !prefecture.isEmpty else {
                throw fail("\(Self.codeProperty) is null (所属未定地) and \(Self.prefectureProperty) names no prefecture")
            }
            key = "unassigned:" + prefecture
        }
        partsRead += polygons.count
        if closedRings > 0 {
            readRepairs.append((key, "\(file): feature \(feature.index): closed \(closedRings) unclosed ring(s)"))
        }
        if units[key] == nil {
            units[key] = SourceUnit(key: key, code: code, properties: feature.properties, file: file,
                                    firstSeen: "\(file): feature \(feature.index)")
        }
        units[key]!.polygons.append(contentsOf: polygons)
        return key
    }

    /// N03 rings are closed; a ring whose last position repeats not the first is closed here and
    /// reported, rather than rejected. A ring that cannot be a ring even then is an error.
    private func closeRings(_ polygon: Polygon, closed: inout Int, fail: (String) -> BoundaryImportError) throws -> Polygon {
        var p = polygon
        var rings = [p.exterior] + p.holes
        for i in rings.indices {
            var cs = rings[i].coordinates
            if let first = cs.first, cs.last != first {
                cs.append(first)
                closed += 1
            }
            guard cs.count >= 4 else {
                throw fail("a polygon ring has \(rings[i].coordinates.count) positions (at least 4 needed)")
            }
            rings[i] = LinearRing(cs)
        }
        p.exterior = rings[0]
        p.holes = Array(rings.dropFirst())
        return p
    }
}
