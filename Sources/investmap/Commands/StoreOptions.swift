import ArgumentParser
import Foundation
import BoundaryStore

/// The store every command reads or writes.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The GeoPackage store (default: $INVESTMAP_DB or ./investmap.gpkg).")
    var db: String?

    var path: String { db ?? BoundaryStore.defaultPath }

    /// Opens the existing store; only `import boundaries` passes `create` (a read, or a write
    /// that fails, never leaves a new store behind). A writer that finds another writer at work
    /// waits its turn and says so on standard error.
    func open(readOnly: Bool, create: Bool = false) throws -> BoundaryStore {
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw CLIError("\(path): no store here; run `investmap import boundaries FILE… --db \(path)` first")
        }
        let path = self.path
        let waits = BusyWaits { standardError.write("\(path): waiting for another writer…") }
        return try BoundaryStore(path: path, readOnly: readOnly, create: create, waits: waits)
    }

    /// Fails early, before a long import, when the store could not be written: an existing
    /// file that is not writable, or a folder that does not exist or is not writable.
    /// Without `create`, a missing store is an error (only `import boundaries` makes one).
    func checkWritable(create: Bool = false) throws {
        let manager = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        if manager.fileExists(atPath: path) {
            guard manager.isWritableFile(atPath: path) else { throw CLIError("\(path): the store is not writable") }
            // The write-ahead log is made beside the store.
            guard manager.isWritableFile(atPath: directory) else {
                throw CLIError("\(path): the store's folder \(directory) is not writable (its write-ahead log goes there)")
            }
            return
        }
        guard create else {
            throw CLIError("\(path): no store here; run `investmap import boundaries FILE… --db \(path)` first")
        }
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("\(path): cannot create the store: folder \(directory) does not exist")
        }
        guard manager.isWritableFile(atPath: directory) else {
            throw CLIError("\(path): cannot create the store: folder \(directory) is not writable")
        }
    }
}
