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
}
