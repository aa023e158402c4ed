import Foundation
import GeoCore

/// Writes a polygon coverage as a TopoJSON topology (https://github.com/topojson/topojson-specification)
/// whose features share their borders through arcs.
public enum TopoJSONWriter {
    public static let defaultQuantization = 1_000_000
    /// Grid sizes accepted: at least two grid lines, and grid positions that fit in 32 bits.
    public static let quantizationRange = 2...(1 << 30)

    /// Writes `topology` to `url` as a TopoJSON 1.0 Topology with one GeometryCollection object
    /// named `objectName`, one geometry per feature (a Polygon for one polygon, a MultiPolygon for
    /// several, a null geometry for none), the metadata as top-level members (`"name"`,
    /// `"edition"`, `"attribution"`), and a `bbox`.
    ///
    /// Arcs are quantized once on a `quantization` × `quantization` grid over their bounding box
    /// (the `transform`), so shared borders stay shared, and delta-encoded. Consecutive positions
    /// that fall on one grid point are merged, never an arc's endpoints. Rings are re-oriented
    /// where needed so that, decoded, exterior rings run counter-clockwise and holes clockwise,
    /// as in RFC 7946 (a ring is reversed by reversing its references and complementing each).
    /// Rings that quantization flattens to no area (islets smaller than a grid step) are left out
    /// of the geometries and counted in the summary; their arcs stay in `arcs`, so indices do not
    /// change. One feature and one arc per line; the same input gives byte-identical files.
    /// Written atomically like `GeoJSONWriter`: a failed export leaves a previous file intact.
    ///
    /// - Returns: what was written (`positions` counts arc positions).
    /// - Throws: `ExportError` naming the path: `quantization` outside `quantizationRange`, an arc
    ///   with fewer than two positions or a coordinate that is not finite, a folder that is
    ///   missing or not writable, an I/O failure; with the feature index, an arc reference out of
    ///   range, a polygon without rings, an empty ring, a ring whose arcs do not join, a feature
    ///   whose every polygon collapses on the grid, a repeated property name or a number that is
    ///   not finite.
    @discardableResult
    public static func write(
        _ topology: TopoJSONTopology, objectName: String, metadata: ExportMetadata, to url: URL,
        quantization: Int = defaultQuantization
    ) throws -> ExportSummary {
        let path = url.path
        guard quantizationRange.contains(quantization) else {
            throw ExportError(path: path, reason: "quantization must be \(quantizationRange.lowerBound)…\(quantizationRange.upperBound), not \(quantization)")
        }
        let arcs: QuantizedArcs
        do {
            arcs = try QuantizedArcs(topology.arcs, quantization: quantization)
        } catch let failure as ExportFailure {
            throw ExportError(path: path, reason: failure.reason)
        }

        var droppedRings = 0
        let bytes = try AtomicFile.write(to: url) { out in
            try out.raw(#"{"type":"Topology","#)
            try out.metadataMembers(metadata)
            if !arcs.bounds.isEmpty {
                try out.raw(#""bbox":["#)
                for (i, value) in [arcs.bounds.minX, arcs.bounds.minY, arcs.bounds.maxX, arcs.bounds.maxY].enumerated() {
                    if i > 0 { try out.byte(UInt8(ascii: ",")) }
                    try out.number(value)
                }
                try out.raw("],")
            }
            try out.raw(#""transform":{"scale":["#)
            try out.number(arcs.scale.x)
            try out.byte(UInt8(ascii: ","))
            try out.number(arcs.scale.y)
            try out.raw(#"],"translate":["#)
            try out.number(arcs.translate.x)
            try out.byte(UInt8(ascii: ","))
            try out.number(arcs.translate.y)
            try out.raw(#"]},"objects":{"#)
            try out.string(objectName)
            try out.raw(#":{"type":"GeometryCollection","geometries":["#)
            for (index, feature) in topology.features.enumerated() {
                try out.raw(index == 0 ? "\n" : ",\n")
                do {
                    try writeGeometry(feature, arcs: arcs, quantization: quantization, droppedRings: &droppedRings, to: out)
                } catch let failure as ExportFailure {
                    throw ExportError(path: path, featureIndex: index, reason: failure.reason)
                }
            }
            try out.raw("\n]}},\"arcs\":[")
            for index in 0..<arcs.count {
                try out.raw(index == 0 ? "\n" : ",\n")
                try arcs.write(arc: index, to: out)
            }
            try out.raw("\n]}\n")
        }
        return ExportSummary(features: topology.features.count, positions: arcs.positionCount, droppedRings: droppedRings, bytes: bytes)
    }

    /// `{"type":"Polygon","arcs":[…],"properties":{…}}` (or MultiPolygon, or a null type); adds the
    /// rings it leaves out to `droppedRings`.
    private static func writeGeometry(
        _ feature: TopoJSONTopology.Feature, arcs: QuantizedArcs, quantization: Int, droppedRings: inout Int, to out: BufferedFileOutput
    ) throws {
        var polygons: [[[Int]]] = []
        for (index, rings) in feature.polygons.enumerated() {
            if let kept = try orientedRings(rings, polygon: index, arcs: arcs, droppedRings: &droppedRings) { polygons.append(kept) }
        }
        if polygons.isEmpty && !feature.polygons.isEmpty {
            throw ExportFailure("every polygon collapses on the quantization grid (quantization \(quantization))")
        }
        switch polygons.count {
        case 0:
            try out.raw(#"{"type":null,"properties":"#)
        case 1:
            try out.raw(#"{"type":"Polygon","arcs":"#)
            try writeRings(polygons[0], to: out)
            try out.raw(#","properties":"#)
        default:
            try out.raw(#"{"type":"MultiPolygon","arcs":["#)
            for (i, rings) in polygons.enumerated() {
                if i > 0 { try out.byte(UInt8(ascii: ",")) }
                try writeRings(rings, to: out)
            }
            try out.raw(#"],"properties":"#)
        }
        try out.properties(feature.properties)
        try out.byte(UInt8(ascii: "}"))
    }

    private static func writeRings(_ rings: [[Int]], to out: BufferedFileOutput) throws {
        try out.byte(UInt8(ascii: "["))
        for (i, ring) in rings.enumerated() {
            if i > 0 { try out.byte(UInt8(ascii: ",")) }
            try out.byte(UInt8(ascii: "["))
            for (k, reference) in ring.enumerated() {
                if k > 0 { try out.byte(UInt8(ascii: ",")) }
                try out.integer(reference)
            }
            try out.byte(UInt8(ascii: "]"))
        }
        try out.byte(UInt8(ascii: "]"))
    }

    /// The polygon's rings checked (references in range, arcs joined end to start, ring closed)
    /// and turned where needed: the exterior counter-clockwise, holes clockwise. Rings with no area
    /// on the grid (islets smaller than a grid step, which quantization flattens) are left out:
    /// a hole alone, an exterior with its holes (then the result is nil).
    private static func orientedRings(_ rings: [[Int]], polygon: Int, arcs: QuantizedArcs, droppedRings: inout Int) throws -> [[Int]]? {
        guard !rings.isEmpty else { throw ExportFailure("polygon \(polygon) has no rings") }
        var kept: [[Int]] = []
        for (ringIndex, ring) in rings.enumerated() {
            let place = "polygon \(polygon) ring \(ringIndex)"
            guard !ring.isEmpty else { throw ExportFailure("\(place) has no arcs") }
            for reference in ring where reference >= arcs.count || ~reference >= arcs.count {
                throw ExportFailure("\(place): arc reference \(reference) out of range (the topology has \(arcs.count) arcs)")
            }
            for (k, reference) in ring.enumerated() {
                let next = ring[(k + 1) % ring.count]
                guard arcs.end(reference) == arcs.start(next) else {
                    throw k == ring.count - 1
                        ? ExportFailure("\(place) is not closed: arc reference \(reference) does not end where \(next) starts")
                        : ExportFailure("\(place): arc reference \(reference) does not end where the next, \(next), starts")
                }
            }
            let area = arcs.signedArea(ring)
            if area == 0 {
                // Checked on every ring first, so that bad references are reported even in dropped rings.
                kept.append([])
                continue
            }
            let isTurnedWrong = ringIndex == 0 ? area < 0 : area > 0
            kept.append(isTurnedWrong ? ring.reversed().map { ~$0 } : ring)
        }
        if kept[0].isEmpty {
            droppedRings += rings.count
            return nil
        }
        droppedRings += kept.count(where: \.isEmpty)
        return kept.filter { !$0.isEmpty }
    }
}
