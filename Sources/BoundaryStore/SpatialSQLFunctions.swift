import Foundation
import GeoCore
import GRDB

/// The SQL functions the GeoPackage R-tree triggers call (ST_IsEmpty, ST_MinX, ST_MaxX, ST_MinY,
/// ST_MaxY, as the spec's "GeoPackage SQLite Extension" defines them). Every connection the store
/// opens registers them, so updates made through the store keep the R-trees right.
public enum SpatialSQLFunctions {
    static let all: [DatabaseFunction] = [
        DatabaseFunction("ST_IsEmpty", argumentCount: 1, pure: true) { values in
            try withBlob(values[0]) { try GeoPackageBinary.isEmpty($0) }
        },
        envelopeFunction("ST_MinX", \.minX),
        envelopeFunction("ST_MaxX", \.maxX),
        envelopeFunction("ST_MinY", \.minY),
        envelopeFunction("ST_MaxY", \.maxY),
    ]

    public static func register(in db: Database) {
        for function in all { db.add(function: function) }
    }

    /// NULL for NULL or an empty geometry, as the spec says; an error for a blob that is not
    /// GeoPackage binary, so a trigger aborts instead of indexing garbage.
    private static func envelopeFunction(_ name: String, _ side: KeyPath<BoundingBox, Double> & Sendable) -> DatabaseFunction {
        DatabaseFunction(name, argumentCount: 1, pure: true) { values in
            try withBlob(values[0]) { try GeoPackageBinary.envelope(of: $0)?[keyPath: side] } ?? nil
        }
    }

    /// Runs `body` on the blob's bytes; nil for NULL.
    private static func withBlob<T>(_ value: DatabaseValue, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T? {
        switch value.storage {
        case .null:
            return nil
        case .blob(let data):
            return try data.withUnsafeBytes(body)
        default:
            throw GeoPackageBinaryError(reason: "geometry value is not a blob")
        }
    }
}
