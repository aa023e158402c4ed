import Foundation
import GeoCore

/// Writes features as an RFC 7946 GeoJSON FeatureCollection.
public enum GeoJSONWriter {
    public static let defaultDecimals = 6
    /// Decimals accepted: 12 still leaves every longitude × 10^12 an exact integer in a `Double`.
    public static let decimalsRange = 0...12

    /// Writes `features` to `url` as an RFC 7946 FeatureCollection, one feature per line, with the
    /// metadata as foreign members (`"name"`, `"edition"`, `"attribution"`).
    ///
    /// Positions are lon/lat rounded to `decimals` (default 6, about 0.1 m); after rounding,
    /// consecutive repeated positions are merged, rings are closed, exterior rings run
    /// counter-clockwise and holes clockwise (reversed when needed), and rings that collapse are
    /// left out (counted in the summary). Output is deterministic: properties in the given order,
    /// numbers without exponent and trailing zeros (`139.7`, `-0.5`, `12`), so the same input gives
    /// byte-identical files. The text is streamed through a 1 MiB buffer, never held whole.
    ///
    /// The file is written atomically: to a temporary file in the same folder, renamed over `url`
    /// only when complete, so a failed export leaves a previous file intact.
    ///
    /// - Parameter features: any sequence, so callers can produce features as they are written.
    /// - Returns: what was written.
    /// - Throws: `ExportError` naming the path: `decimals` outside `decimalsRange`, a folder that is
    ///   missing or not writable, an I/O failure; with the feature index, a coordinate or number
    ///   that is not finite, a repeated property name, or a polygon that collapses entirely when
    ///   rounded.
    @discardableResult
    public static func write(
        _ features: some Sequence<ExportFeature>, metadata: ExportMetadata, to url: URL, decimals: Int = defaultDecimals
    ) throws -> ExportSummary {
        let path = url.path
        guard decimalsRange.contains(decimals) else {
            throw ExportError(path: path, reason: "decimals must be \(decimalsRange.lowerBound)…\(decimalsRange.upperBound), not \(decimals)")
        }
        var geometryWriter = GeoJSONGeometryWriter(decimals: decimals)
        var count = 0
        let bytes = try AtomicFile.write(to: url) { out in
            try out.raw(#"{"type":"FeatureCollection","#)
            try out.metadataMembers(metadata)
            try out.raw(#""features":["#)
            for feature in features {
                try out.raw(count == 0 ? "\n" : ",\n")
                do {
                    try out.raw(#"{"type":"Feature","properties":"#)
                    try out.properties(feature.properties)
                    try out.raw(#","geometry":"#)
                    try geometryWriter.write(feature.geometry, to: out)
                    try out.byte(UInt8(ascii: "}"))
                } catch let failure as ExportFailure {
                    throw ExportError(path: path, featureIndex: count, reason: failure.reason)
                }
                count += 1
            }
            try out.raw("\n]}\n")
        }
        return ExportSummary(features: count, positions: geometryWriter.positions, droppedRings: geometryWriter.droppedRings, bytes: bytes)
    }
}
