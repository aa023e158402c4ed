import Foundation
import GeoFormats

/// The folder of shared data (boundaries, points, census tables) that lives beside the project,
/// laid out as `geodata/`, `points/`, `reference/`. The project never copies it into its history.
public enum SharedFolder {
    /// The environment variable naming the shared folder explicitly.
    public static let environmentVariable = "INVESTMAP_SHARED"

    /// The shared folder: the folder named by `INVESTMAP_SHARED` if set, otherwise `shared` beside
    /// the repository root, i.e. `../shared` relative to the folder that holds GeoData. Nil when
    /// that folder does not exist (or GeoData cannot be found); a set but wrong
    /// `INVESTMAP_SHARED` gives nil rather than a different folder.
    /// - Parameter geoDataDirectory: the GeoData folder; found with
    ///   `ReferenceTables.locateGeoData()` when nil.
    public static func locate(
        geoDataDirectory: URL? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL? {
        let candidate: URL
        if let explicit = environment[environmentVariable], !explicit.isEmpty {
            candidate = URL(fileURLWithPath: explicit, isDirectory: true)
        } else {
            guard let geoData = geoDataDirectory ?? (try? ReferenceTables.locateGeoData(environment: environment)) else {
                return nil
            }
            candidate = geoData.standardizedFileURL
                .deletingLastPathComponent()  // repository root
                .deletingLastPathComponent()  // its parent
                .appendingPathComponent("shared", isDirectory: true)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        return candidate.standardizedFileURL
    }

    /// `relativePath` (e.g. "reference/population_2020_census.csv") inside the shared folder, or
    /// nil when the folder or the file is absent.
    public static func file(
        _ relativePath: String,
        geoDataDirectory: URL? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL? {
        guard let folder = locate(geoDataDirectory: geoDataDirectory, environment: environment) else { return nil }
        let url = folder.appendingPathComponent(relativePath)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// `relativePath` inside the shared folder.
    /// - Throws: `DataFileError` saying where it looked and how to point elsewhere (`option`,
    ///   e.g. "--points FILE").
    public static func require(_ relativePath: String, what: String, option: String,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        if let url = file(relativePath, environment: environment) { return url }
        let looked: String
        if let shared = environment[environmentVariable], !shared.isEmpty {
            looked = "\((shared as NSString).appendingPathComponent(relativePath)) (from \(environmentVariable))"
        } else if let geoData = try? ReferenceTables.locateGeoData(environment: environment) {
            let shared = geoData.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
            looked = "\(shared.appendingPathComponent(relativePath).path) (../shared beside the repository; \(environmentVariable) is not set)"
        } else {
            looked = "../shared beside the repository, but no GeoData folder was found to start from, and \(environmentVariable) is not set"
        }
        throw DataFileError(source: relativePath, line: nil,
                            reason: "\(what) not found: looked for \(looked); set \(environmentVariable) to the shared data folder or give \(option)")
    }
}
