import Foundation

/// The web viewer: `index.html` and the script it loads, written beside a tile pyramid's
/// `tiles.json` (by `investmap tiles`) or served at `/` (by `investmap serve`). The files are the
/// target's resources, kept as plain HTML and JavaScript so they can be read and linted as such.
public enum ViewerFiles {
    /// Every file of the viewer, by its name in the pyramid's folder, in name order.
    /// - Throws: `CocoaError` when the resources are missing beside the executable.
    public static func all() throws -> [(name: String, bytes: [UInt8])] {
        guard let folder = Bundle.module.url(forResource: "Files", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "\(Bundle.module.bundlePath)/Files"])
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        return try names.map { name in (name, Array(try Data(contentsOf: folder.appendingPathComponent(name)))) }
    }
}
