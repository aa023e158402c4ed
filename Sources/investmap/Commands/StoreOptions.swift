import ArgumentParser
import Foundation
import BoundaryStore

/// The store every command reads or writes.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The GeoPackage store (default: $INVESTMAP_DB or ./investmap.gpkg).")
    var db: String?

    @Option(name: .long, help: "The boundary edition to read, e.g. N03-21_210101 (default: the newest the store holds).")
    var boundaries: String?

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
        if create, let boundaries {
            throw CLIError("--boundaries \(boundaries): an import names its boundary edition with --edition")
        }
        return try BoundaryStore(path: path, readOnly: readOnly, create: create, waits: waits, boundaries: boundaries)
    }

    /// The store opened read-only with an edition of its ledger, read on the boundaries that
    /// edition is joined on: without --boundaries, an edition joined on a boundary edition the
    /// store keeps beside its default is read on that one (and standard error says so), so a
    /// newer import never silently changes what a published edition shows.
    func openJoined(_ resolve: (BoundaryStore) throws -> Edition) throws -> (store: BoundaryStore, edition: Edition) {
        let store = try open(readOnly: true)
        let edition = try resolve(store)
        guard boundaries == nil, let joined = edition.boundaryEdition, joined != (try store.boundaryEdition()),
              try store.boundaryEditions().contains(where: { $0.edition == joined }) else {
            return (store, edition)
        }
        standardError.write("edition \(edition.name) is joined on boundaries \(joined): reading those (--boundaries to choose others)")
        return (try BoundaryStore(path: path, readOnly: true, create: false, boundaries: joined), edition)
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
