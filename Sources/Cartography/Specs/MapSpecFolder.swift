import Foundation
import GeoFormats
import Reference

/// A folder of map specs (the repository's `Renderers/`): its `.json` files in name order, each
/// parsed and checked. The one reader for `investmap render --all` and `investmap serve`.
public struct MapSpecFolder: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// The repository's `Renderers/` folder: beside the `GeoData/` folder the reference tables
    /// come from.
    /// - Throws: `DataFileError` when GeoData cannot be found.
    public static func repositoryDefault() throws -> MapSpecFolder {
        MapSpecFolder(url: try ReferenceTables.locateGeoData().deletingLastPathComponent().appendingPathComponent("Renderers"))
    }

    /// The paths of the folder's `.json` files, sorted by name.
    /// - Throws: `MapSpecError` when the folder cannot be listed or holds no spec.
    public func specFiles() throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        } catch {
            throw MapSpecError(source: url.path, key: "", reason: "cannot list the spec folder: \((error as NSError).localizedDescription)")
        }
        let specs = names.filter { $0.hasSuffix(".json") }.sorted()
        guard !specs.isEmpty else { throw MapSpecError(source: url.path, key: "", reason: "no spec (*.json) here") }
        return specs.map { url.appendingPathComponent($0).path }
    }

    /// Every spec of the folder, parsed, by file name without `.json`.
    /// - Throws: `MapSpecError` naming the file and key of the first bad spec.
    public func specs(reference: ReferenceTables) throws -> [(name: String, spec: MapSpec)] {
        let parser = MapSpecParser(reference: reference)
        return try specFiles().map { path in
            (String(URL(fileURLWithPath: path).lastPathComponent.dropLast(5)), try parser.parse(contentsOf: path))
        }
    }
}
