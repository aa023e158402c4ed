import Foundation
import ZIPFoundation

/// Reads the boundary documents inside a zip archive, such as the official MLIT N03 download.
enum ZipBoundaryArchive {
    /// Member names ending with these (case-insensitive) are read.
    static let boundaryExtensions = [".geojson", ".json", ".topojson"]

    /// Extracts each boundary member to a temporary folder (streamed to disk by ZIPFoundation),
    /// reads it as a file and deletes it. Members are read in archive order.
    ///
    /// - Throws: `FormatError` when the archive cannot be read or holds no boundary member, or for
    ///   bad input in a member (named `archive.zip/member`); errors thrown by `body`, unchanged.
    static func read(_ url: URL, file: String, chunkSize: Int, _ body: (SourceFeature) throws -> Void) throws -> [SourceSummary] {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw FormatError(file: file, reason: "unreadable zip archive (\(error))")
        }
        var members: [String] = []
        var boundaryEntries: [Entry] = []
        for entry in archive {
            members.append(entry.path)
            if entry.type == .file && isBoundaryMember(entry.path) {
                boundaryEntries.append(entry)
            }
        }
        guard !boundaryEntries.isEmpty else {
            throw FormatError(file: file, reason: noBoundaryDataReason(members: members))
        }

        let fileManager = FileManager.default
        let folder = fileManager.temporaryDirectory.appendingPathComponent("investmap-zip-\(UUID().uuidString)", isDirectory: true)
        do {
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw FormatError(file: file, reason: "cannot create a temporary folder to extract the archive (\(error.localizedDescription))")
        }
        defer { try? fileManager.removeItem(at: folder) }

        var summaries: [SourceSummary] = []
        for (number, entry) in boundaryEntries.enumerated() {
            let memberFile = "\(file)/\(entry.path)"
            // A flat, numbered name: never a path taken from the archive (no "../" escapes).
            let extracted = folder.appendingPathComponent("\(number)-\(entry.path.split(separator: "/").last ?? "member")")
            do {
                _ = try archive.extract(entry, to: extracted)
            } catch {
                throw FormatError(file: memberFile, reason: "cannot extract from the zip archive (\(error))")
            }
            defer { try? fileManager.removeItem(at: extracted) }
            summaries.append(try BoundarySource.readDocument(at: extracted, file: memberFile, member: entry.path, chunkSize: chunkSize, body))
        }
        return summaries
    }

    /// A GeoJSON/TopoJSON member, not macOS metadata (`__MACOSX/`, `._name`).
    static func isBoundaryMember(_ path: String) -> Bool {
        let components = path.split(separator: "/")
        guard let name = components.last, !components.contains("__MACOSX"), !name.hasPrefix("._") else { return false }
        let lowercased = name.lowercased()
        return boundaryExtensions.contains { lowercased.hasSuffix($0) }
    }

    static func noBoundaryDataReason(members: [String]) -> String {
        let shown = members.prefix(8).joined(separator: ", ")
        let listing = members.isEmpty ? "none" : members.count > 8 ? "\(shown), … \(members.count) in all" : shown
        var reason = "no GeoJSON or TopoJSON boundary data in the archive (members: \(listing))"
        if members.contains(where: { $0.lowercased().hasSuffix(".shp") }) {
            reason += "; shapefiles are not supported: use the GeoJSON edition of the data"
        }
        return reason
    }
}
