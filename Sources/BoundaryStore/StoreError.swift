import GeoCore

/// Why a `BoundaryStore` operation failed. Every message names the store's file.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The file could not be opened or created (missing, unwritable folder, not a file …).
    case cannotOpen(path: String, reason: String)
    /// The file exists but is not a GeoPackage (not SQLite, or a SQLite file of something else).
    case notAGeoPackage(path: String, reason: String)
    /// A GeoPackage without this store's tables opened read-only, or written by a newer schema.
    case unsupportedSchema(path: String, reason: String)
    /// A unit handed to `replaceBoundaries` cannot be stored; `index` is its position in `units`.
    case invalidUnit(path: String, index: Int, level: UnitLevel, code: String?, reason: String)
    /// A stored geometry blob could not be decoded.
    case corruptGeometry(path: String, table: String, fid: Int64, reason: String)
    /// SQLite reported an error while doing `operation`.
    case database(path: String, operation: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            "\(path): cannot open the boundary store: \(reason)"
        case let .notAGeoPackage(path, reason):
            "\(path): not a GeoPackage: \(reason)"
        case let .unsupportedSchema(path, reason):
            "\(path): \(reason)"
        case let .invalidUnit(path, index, level, code, reason):
            "\(path): unit \(index) (\(level.rawValue) \(code ?? "no code")): \(reason)"
        case let .corruptGeometry(path, table, fid, reason):
            "\(path): \(table) fid \(fid): bad geometry: \(reason)"
        case let .database(path, operation, reason):
            "\(path): \(operation) failed: \(reason)"
        }
    }
}
