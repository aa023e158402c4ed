import GeoCore
import Reference

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
    /// No edition of that name; `known` lists the closest existing names first.
    case unknownEdition(path: String, name: String, known: [String])
    /// A store without any edition, asked for its default one.
    case noEdition(path: String)
    /// `investmap edition create` of a name already taken.
    case editionExists(path: String, name: String)
    /// A change to a published edition, which is immutable.
    case editionPublished(path: String, name: String, operation: String)
    /// An edition name that cannot be used (empty, too long, or with characters outside
    /// letters, digits, '.', '_' and '-').
    case invalidEditionName(path: String, name: String)
    /// `--boundaries NAME`: the store holds no such boundary edition.
    case unknownBoundaries(path: String, name: String, known: [String])
    /// A ledger edition joined on one boundary edition, written on another.
    case boundaryMismatch(path: String, edition: String, joinedOn: String, asked: String)

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
        case let .noEdition(path):
            "\(path): no edition yet: create one with `investmap edition create NAME` and import a ledger"
        case let .unknownEdition(path, name, known):
            "\(path): no edition '\(name)'" + (known.isEmpty
                ? " (there are none yet: create one with `investmap edition create NAME`)"
                : " (editions: \(known.joined(separator: ", ")))")
        case let .editionExists(path, name):
            "\(path): edition '\(name)' already exists"
        case let .editionPublished(path, name, operation):
            "\(path): edition '\(name)' is published and cannot change (\(operation)); create a new edition with --from \(name)"
        case let .invalidEditionName(path, name):
            "\(path): '\(name)' is not a usable edition name (1–64 letters, digits, '.', '_' or '-', starting with a letter or digit)"
        case let .unknownBoundaries(path, name, known):
            "\(path): no boundary edition '\(name)'" + (known.isEmpty ? " (no boundaries imported yet)"
                : " (boundary editions: \(known.joined(separator: ", ")))")
        case let .boundaryMismatch(path, edition, joinedOn, asked):
            "\(path): edition '\(edition)' is joined on boundaries \(joinedOn), not \(asked): write it with --boundaries \(joinedOn), "
                + "or join it again first (`investmap edition rejoin \(edition) --boundaries \(asked)`)"
        }
    }
}
