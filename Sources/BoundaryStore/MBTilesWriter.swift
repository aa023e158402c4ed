import Foundation
import GRDB

/// Writes a tile pyramid as an MBTiles 1.3 file (SQLite): a `metadata` table of name/value
/// rows and a `tiles` table keyed by zoom, column and TMS row (counted from the south edge),
/// which GDAL, tile servers and `ogrinfo` read directly. Tiles are added in batches, each in one
/// transaction; `finish` writes the metadata. The caller writes to a temporary path and renames
/// it into place, so a failed run leaves no half-written file under the final name.
public final class MBTilesWriter: Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// Creates the file at `path` (replacing an existing one) with the MBTiles tables.
    /// - Throws: `StoreError.cannotOpen` when the file cannot be created, `StoreError.database`
    ///   when SQLite fails.
    public init(path: String) throws {
        self.path = path
        if FileManager.default.fileExists(atPath: path) {
            do { try FileManager.default.removeItem(atPath: path) } catch {
                throw StoreError.cannotOpen(path: path, reason: "cannot replace the existing file: \((error as NSError).localizedDescription)")
            }
        }
        var configuration = Configuration()
        configuration.label = "MBTilesWriter"
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE metadata (name TEXT NOT NULL, value TEXT);
                    CREATE UNIQUE INDEX metadata_name ON metadata (name);
                    CREATE TABLE tiles (zoom_level INTEGER NOT NULL, tile_column INTEGER NOT NULL, tile_row INTEGER NOT NULL, tile_data BLOB NOT NULL);
                    CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);
                    """)
            }
        } catch let error as DatabaseError {
            throw StoreError.database(path: path, operation: "create the MBTiles file", reason: error.message ?? "\(error)")
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Adds tiles (zoom, column, XYZ row — flipped here to the TMS row — and bytes) in one
    /// transaction.
    public func insert(_ tiles: [(z: Int, x: Int, y: Int, data: [UInt8])]) throws {
        do {
            try queue.write { db in
                let statement = try db.makeStatement(sql: "INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)")
                for tile in tiles {
                    try statement.execute(arguments: [tile.z, tile.x, (1 << tile.z) - 1 - tile.y, Data(tile.data)])
                }
            }
        } catch let error as DatabaseError {
            throw StoreError.database(path: path, operation: "write tiles", reason: error.message ?? "\(error)")
        }
    }

    /// Writes the metadata rows (sorted by name) and closes nothing else: the file is complete.
    public func finish(metadata: [String: String]) throws {
        do {
            try queue.write { db in
                for name in metadata.keys.sorted() {
                    try db.execute(sql: "INSERT OR REPLACE INTO metadata (name, value) VALUES (?, ?)", arguments: [name, metadata[name]])
                }
            }
        } catch let error as DatabaseError {
            throw StoreError.database(path: path, operation: "write the metadata", reason: error.message ?? "\(error)")
        }
    }
}
