import Foundation
import GeoCore
import GRDB
import Reference

/// Bulk-inserts units into one level's feature table and its R-tree inside the caller's
/// transaction, with two prepared statements reused for every row.
///
/// The R-tree triggers are dropped while loading (the caller recreates them): each row's
/// envelope is computed once here and written straight to the R-tree, instead of the insert
/// trigger calling ST_MinX … ST_MaxY, which would copy the whole blob into Swift five times.
struct UnitTableWriter {
    let level: UnitLevel
    private let insertRow: Statement
    private let insertBox: Statement
    /// The union of the envelopes written so far (gpkg_contents' extent).
    private(set) var extent = BoundingBox.empty
    private(set) var rowCount = 0
    /// One encoding buffer reused for every row of the table.
    private let scratch = ScratchBuffer()

    init(_ db: Database, level: UnitLevel, table: String? = nil) throws {
        self.level = level
        let table = table ?? level.tableName
        let columns = ["geom"] + GeoPackageSchema.attributeColumns(level).map(\.name)
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        insertRow = try db.makeStatement(
            sql: "INSERT INTO \"\(table)\" (\(columns.joined(separator: ", "))) VALUES (\(placeholders))")
        insertBox = try db.makeStatement(
            sql: "INSERT INTO \(GeoPackageSchema.rtreeName(table)) (id, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)")
    }

    /// Why a unit cannot be stored; the caller turns it into `StoreError.invalidUnit`.
    struct Rejection: Error {
        var reason: String
    }

    /// Inserts one unit and its R-tree entry.
    /// - Throws: `Rejection` for a geometry that is not (multi)polygonal or has a non-finite
    ///   coordinate; GRDB's `DatabaseError` when SQLite fails.
    mutating func insert(_ unit: UnitRecord, db: Database) throws {
        let polygons: [Polygon]
        switch unit.geometry {
        case .multiPolygon(let ps): polygons = ps
        case .polygon(let p): polygons = [p]
        default:
            throw Rejection(reason: "geometry is a \(unit.geometry.typeName), the layer holds MULTIPOLYGON")
        }
        let envelope = try Self.envelope(of: polygons)
        let geometry = Geometry.multiPolygon(polygons)
        let blob = scratch.bytes(GeoPackageBinary.encodedSize(geometry, envelope: envelope)) { raw in
            GeoPackageBinary.encode(geometry, envelope: envelope, into: raw)
        }

        var values: [(any DatabaseValueConvertible)?] = [
            nil,  // geom, bound below without copying
            unit.code, unit.name, unit.level.rawValue,
            unit.prefectureCode, unit.prefectureName, unit.cityCode, unit.bureauID,
        ]
        if level.keepsN03Attributes {
            for key in UnitRecord.n03Keys {
                values.append(unit.n03[key] ?? nil)
            }
        }
        values += [unit.edition, unit.population, unit.households, unit.sourceParts, unit.repairNote, unit.fillSource, unit.fillEdition]

        // GRDB binds the arguments of a statement with at most 20 of them (the ward table has
        // exactly 20) as SQLITE_STATIC for the duration of execute, and copies them (TRANSIENT)
        // beyond: either way wrapping the scratch bytes without a copy is safe here.
        values[0] = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: blob.baseAddress!), count: blob.count, deallocator: .none)
        try insertRow.execute(arguments: StatementArguments(values))
        rowCount += 1
        guard !envelope.isEmpty else { return }
        extent.extend(envelope)
        try insertBox.execute(arguments: [
            db.lastInsertedRowID, envelope.minX, envelope.maxX, envelope.minY, envelope.maxY,
        ])
    }

    /// The XY envelope of the polygons (`.empty` when they have no coordinates), checking that
    /// every coordinate is finite.
    static func envelope(of polygons: [Polygon]) throws -> BoundingBox {
        var scan = EnvelopeScan()
        for (index, polygon) in polygons.enumerated() {
            scan.add(polygon.exterior.coordinates)
            for hole in polygon.holes { scan.add(hole.coordinates) }
            guard scan.allFinite else {
                throw Rejection(reason: "polygon \(index) has a non-finite coordinate (NaN or infinity)")
            }
        }
        return BoundingBox(minX: scan.minX, minY: scan.minY, maxX: scan.maxX, maxY: scan.maxY)
    }
}

/// Min/max and a finiteness check in one pass over a ring: the envelope of every stored geometry
/// is computed here, so this loop runs once per vertex of the import.
private struct EnvelopeScan {
    var minX = Double.infinity, minY = Double.infinity
    var maxX = -Double.infinity, maxY = -Double.infinity
    var allFinite = true

    mutating func add(_ coordinates: [Coordinate]) {
        // Work on locals so the loop stays in registers.
        var (x0, y0, x1, y1) = (minX, minY, maxX, maxY)
        // x - x is 0 for a finite x and NaN for NaN or ±infinity, and NaN survives the sum:
        // a branch-free finiteness check.
        var poison = 0.0
        coordinates.withUnsafeBufferPointer { cs in
            for c in cs {
                x0 = c.x < x0 ? c.x : x0
                x1 = c.x > x1 ? c.x : x1
                y0 = c.y < y0 ? c.y : y0
                y1 = c.y > y1 ? c.y : y1
                poison += (c.x - c.x) + (c.y - c.y)
            }
        }
        (minX, minY, maxX, maxY) = (x0, y0, x1, y1)
        allFinite = allFinite && poison == 0
    }
}

/// A growable byte buffer reused across writes; what `bytes` returns is valid until its next call.
final class ScratchBuffer {
    private var storage = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    deinit { storage.deallocate() }

    /// Lets `fill` write up to `capacity` bytes and returns the `count` it reports as written.
    func bytes(_ capacity: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Int) -> UnsafeRawBufferPointer {
        if storage.count < capacity {
            storage.deallocate()
            storage = .allocate(byteCount: max(capacity, storage.count * 2), alignment: 16)
        }
        let count = fill(storage)
        return UnsafeRawBufferPointer(rebasing: storage[..<count])
    }
}
