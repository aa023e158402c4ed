import Foundation

extension ReferenceTables {
    /// The environment variable naming the GeoData folder explicitly.
    public static let geoDataEnvironmentVariable = "INVESTMAP_GEODATA"

    /// Finds the GeoData folder: the folder named by `INVESTMAP_GEODATA` if set; otherwise the
    /// first `GeoData/prefectures.csv` found walking up from the running executable (as invoked,
    /// `CommandLine.arguments[0]`, and as `Bundle.main.executableURL`, symlinks resolved), so a
    /// binary under `.build/` finds the repository's tables wherever it is run from; otherwise
    /// walking up from the current directory.
    /// - Throws: `GeoDataNotFoundError` listing what was searched; it is also thrown when
    ///   `INVESTMAP_GEODATA` is set but holds no `prefectures.csv` (a wrong setting should not be
    ///   silently replaced by another folder).
    public static func locateGeoData(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> URL {
        let fileManager = FileManager.default
        if let explicit = environment[geoDataEnvironmentVariable], !explicit.isEmpty {
            let directory = URL(fileURLWithPath: explicit).standardizedFileURL
            guard fileManager.fileExists(atPath: directory.appendingPathComponent(prefecturesFile).path) else {
                throw GeoDataNotFoundError(searched: ["\(geoDataEnvironmentVariable)=\(explicit) (no \(prefecturesFile) there)"])
            }
            return directory
        }

        let currentDirectory = fileManager.currentDirectoryPath
        var startingFolders: [String] = []
        if let invoked = CommandLine.arguments.first, !invoked.isEmpty {
            let url = URL(fileURLWithPath: invoked, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true))
            startingFolders.append(url.standardizedFileURL.resolvingSymlinksInPath().deletingLastPathComponent().path)
        }
        if let executable = Bundle.main.executableURL {
            startingFolders.append(executable.standardizedFileURL.resolvingSymlinksInPath().deletingLastPathComponent().path)
        }
        startingFolders.append(currentDirectory)

        var searched: [String] = []
        for start in startingFolders where !searched.contains(start) {
            searched.append(start)
            var folder = start
            while true {
                let candidate = (folder as NSString).appendingPathComponent("GeoData")
                if fileManager.fileExists(atPath: (candidate as NSString).appendingPathComponent(prefecturesFile)) {
                    return URL(fileURLWithPath: candidate, isDirectory: true).standardizedFileURL
                }
                let parent = (folder as NSString).deletingLastPathComponent
                if parent == folder || parent.isEmpty { break }
                folder = parent
            }
        }
        throw GeoDataNotFoundError(
            searched: ["\(geoDataEnvironmentVariable) (unset)"] + searched.map { "\($0) and its ancestors" })
    }
}

/// The GeoData folder could not be found.
public struct GeoDataNotFoundError: LocalizedError, Sendable, CustomStringConvertible {
    /// What was searched, in order.
    public let searched: [String]

    public var description: String {
        "GeoData/\(ReferenceTables.prefecturesFile) not found; searched \(searched.joined(separator: "; ")). "
            + "Set \(ReferenceTables.geoDataEnvironmentVariable) to the project's GeoData folder."
    }

    public var errorDescription: String? { description }
}
