import ArgumentParser
import Foundation
import BoundaryStore

/// The store every command reads or writes.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The GeoPackage store (default: $INVESTMAP_DB or ./investmap.gpkg).")
    var db: String?

    var path: String { db ?? BoundaryStore.defaultPath }

    func open(readOnly: Bool) throws -> BoundaryStore {
        if readOnly && !FileManager.default.fileExists(atPath: path) {
            throw CLIError("\(path): no store here; run `investmap import boundaries FILE… --db \(path)` first")
        }
        return try BoundaryStore(path: path, readOnly: readOnly)
    }

    /// Fails early, before a long import, when the store could not be written: an existing
    /// file that is not writable, or a folder that does not exist or is not writable.
    func checkWritable() throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            guard manager.isWritableFile(atPath: path) else { throw CLIError("\(path): the store is not writable") }
            return
        }
        let folder = (path as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("\(path): cannot create the store: folder \(directory) does not exist")
        }
        guard manager.isWritableFile(atPath: directory) else {
            throw CLIError("\(path): cannot create the store: folder \(directory) is not writable")
        }
    }
}
