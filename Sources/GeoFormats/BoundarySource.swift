#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads boundary files (GeoJSON, TopoJSON, or a zip holding them) into a stream of features.
public enum BoundarySource {
    /// Bytes read from a GeoJSON file at a time.
    public static let defaultChunkSize = 1 << 20
    /// TopoJSON files larger than this are refused (they are read whole).
    public static let maximumTopoJSONFileSize = TopoJSONReader.maximumFileSize

    /// Reads the boundary data at `url` and calls `body` once per feature, in file order.
    ///
    /// The format is told from the content, not the name: a zip by its magic bytes (`PK\3\4`), a
    /// TopoJSON by its top-level `"type": "Topology"`, anything else must be a GeoJSON
    /// FeatureCollection or Feature. GeoJSON is streamed with a fixed-size buffer, so files of any
    /// size are fine; TopoJSON is read whole and refused over 1 GiB. Each boundary member of a zip
    /// (`.geojson`, `.json`, `.topojson`) is extracted to a temporary folder, read, and deleted.
    ///
    /// - Parameter chunkSize: bytes read at a time while streaming GeoJSON (a token longer than
    ///   that grows the buffer); tests use tiny chunks to put tokens across buffer boundaries.
    /// - Returns: one summary per document read (one per member for a zip).
    /// - Throws: `FormatError` for a file that cannot be opened or holds bad input (naming the
    ///   file, the feature index or line, and the reason); errors thrown by `body`, unchanged,
    ///   which stop the reading.
    public static func read(
        _ url: URL, chunkSize: Int = defaultChunkSize, _ body: (SourceFeature) throws -> Void
    ) throws -> [SourceSummary] {
        let file = url.lastPathComponent
        if try InputFile.startsWithZipSignature(url, file: file) {
            return try ZipBoundaryArchive.read(url, file: file, chunkSize: chunkSize, body)
        }
        return [try readDocument(at: url, file: file, member: nil, chunkSize: chunkSize, body)]
    }

    /// Reads one GeoJSON or TopoJSON document.
    static func readDocument(
        at url: URL, file: String, member: String?, chunkSize: Int, _ body: (SourceFeature) throws -> Void
    ) throws -> SourceSummary {
        let stream = try InputFile.open(url, file: file)
        var scanner = JSONScanner(fileDescriptor: stream.descriptor, chunkSize: chunkSize)
        switch try GeoJSONStreamReader.read(&scanner, file: file, member: member, body) {
        case .features(let count, let vertices):
            return SourceSummary(file: file, format: .geoJSON, features: count, vertices: vertices, member: member)
        case .topology:
            let whole = try InputFile.open(url, file: file)
            guard whole.size <= TopoJSONReader.maximumFileSize else {
                close(whole.descriptor)
                throw FormatError(file: file, reason: "TopoJSON file too large to read whole (\(whole.size >> 20) MiB; the limit is \(TopoJSONReader.maximumFileSize >> 20) MiB)")
            }
            var topologyScanner = JSONScanner(fileDescriptor: whole.descriptor, chunkSize: whole.size + 1)
            let (count, vertices) = try TopoJSONReader.read(&topologyScanner, file: file, member: member, body)
            return SourceSummary(file: file, format: .topoJSON, features: count, vertices: vertices, member: member)
        }
    }
}
