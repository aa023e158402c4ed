import Foundation
import GRDB

/// Reads the tiles of an MBTiles 1.3 file (as `MBTilesWriter` writes it) by XYZ address, over one
/// read-only connection that GRDB serialises, so requests may share it.
public final class MBTilesReader: Sendable {
    public let path: String
    /// The `metadata` table, name → value.
    public let metadata: [String: String]
    let queue: DatabaseQueue

    /// Opens `path` read-only.
    /// - Throws: `StoreError.cannotOpen` for a missing file, `.unsupportedSchema` when the file
    ///   has no MBTiles tables, `.database` when SQLite fails (not SQLite at all, for one).
    public init(path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.cannotOpen(path: path, reason: "no such file") }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "MBTilesReader"
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            metadata = try queue.read { db in
                guard try db.tableExists("metadata"), try db.tableExists("tiles") else {
                    throw StoreError.unsupportedSchema(path: path, reason: "not an MBTiles file: it needs the tables metadata and tiles")
                }
                var values: [String: String] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT name, value FROM metadata") {
                    if let name: String = row[0] { values[name] = row[1] }
                }
                return values
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError.database(path: path, operation: "open the MBTiles file", reason: error.message ?? "\(error)")
        }
    }

    /// The bytes of tile z/x/y (XYZ row, flipped here to the TMS row), or nil when the file has none.
    public func tile(z: Int, x: Int, y: Int) throws -> [UInt8]? {
        do {
            return try queue.read { db in
                try Data.fetchOne(db, sql: "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                                  arguments: [z, x, (1 << z) - 1 - y]).map { Array($0) }
            }
        } catch let error as DatabaseError {
            throw StoreError.database(path: path, operation: "read tile \(z)/\(x)/\(y)", reason: error.message ?? "\(error)")
        }
    }
}
