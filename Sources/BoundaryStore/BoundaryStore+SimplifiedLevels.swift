import Foundation
import GeoCore
import GRDB
import Reference

/// A simplified scale of the boundaries, built from the coverage's shared arcs.
public struct SimplifiedLevel: Sendable, Equatable {
    /// The scale's name, also the suffix of its tables (`municipalities_500m`): lower-case
    /// letters, digits and underscores.
    public var name: String
    public var toleranceMetres: Double
    /// "vw" or "dp".
    public var method: String
    /// Vertices of the simplified N03 units.
    public var vertices: Int
    /// The largest distance from a source vertex to the simplified border (metres).
    public var maximumDisplacementMetres: Double

    public init(name: String, toleranceMetres: Double, method: String, vertices: Int, maximumDisplacementMetres: Double) {
        self.name = name
        self.toleranceMetres = toleranceMetres
        self.method = method
        self.vertices = vertices
        self.maximumDisplacementMetres = maximumDisplacementMetres
    }

    /// Whether `name` can name a level (it becomes part of table names).
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 32 && name.utf8.allSatisfy {
            ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F
        }
    }
}

extension BoundaryStore {
    /// The feature table of a unit level at a simplified scale in the chosen boundary edition,
    /// e.g. `municipalities_500m` (`municipalities_500m__n03_21_210101` for a kept one).
    public func tableName(_ level: UnitLevel, scale: String?) -> String {
        table(level, scale: scale)
    }

    /// Replaces one simplified scale — a feature table per unit level, R-tree indexed, and its
    /// row in `simplified_levels` — in one transaction.
    /// - Throws: `StoreError.invalidUnit` for a unit the table cannot hold or a bad level name,
    ///   `StoreError.database` when SQLite fails.
    public func replaceSimplifiedLevel(_ level: SimplifiedLevel, units: [UnitRecord]) throws {
        guard SimplifiedLevel.isValidName(level.name) else {
            throw StoreError.invalidUnit(path: path, index: 0, level: .ward, code: nil,
                                         reason: "level name \(level.name) must be lower-case letters, digits or _")
        }
        let lastChange = Self.lastChangeTimestamp()
        let path = self.path
        do {
            try queue.write { db in
                try Self.createSimplifiedLevelsTable(db, table: simplifiedLevelsTable, lastChange: lastChange)
                var writers: [UnitLevel: UnitTableWriter] = [:]
                for unitLevel in UnitLevel.allCases {
                    let table = self.table(unitLevel, scale: level.name)
                    try GeoPackageSchema.dropFeatureTable(db, table: table)
                    try GeoPackageSchema.createFeatureTable(
                        db, level: unitLevel, table: table,
                        description: "\(unitLevel.layerDescription), simplified: \(level.name) (\(level.method), \(level.toleranceMetres) m)",
                        lastChange: lastChange)
                    try GeoPackageSchema.dropRTreeTriggers(db, table: table)
                    writers[unitLevel] = try UnitTableWriter(db, level: unitLevel, table: table)
                }
                for (index, unit) in units.enumerated() {
                    do {
                        try writers[unit.level]!.insert(unit, db: db)
                    } catch let rejection as UnitTableWriter.Rejection {
                        throw StoreError.invalidUnit(path: path, index: index, level: unit.level, code: unit.code, reason: rejection.reason)
                    }
                }
                for unitLevel in UnitLevel.allCases {
                    let table = self.table(unitLevel, scale: level.name)
                    try GeoPackageSchema.createRTreeTriggers(db, table: table)
                    let extent = writers[unitLevel]!.extent
                    let box: [Double?] = extent.isEmpty ? [nil, nil, nil, nil] : [extent.minX, extent.minY, extent.maxX, extent.maxY]
                    try db.execute(
                        sql: "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
                        arguments: [box[0], box[1], box[2], box[3], table])
                }
                try db.execute(
                    sql: """
                        INSERT INTO \(simplifiedLevelsTable) (name, tolerance_m, method, vertices, max_displacement_m)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(name) DO UPDATE SET tolerance_m = excluded.tolerance_m, method = excluded.method,
                          vertices = excluded.vertices, max_displacement_m = excluded.max_displacement_m
                        """,
                    arguments: [level.name, level.toleranceMetres, level.method, level.vertices, level.maximumDisplacementMetres])
                try db.execute(sql: "UPDATE gpkg_contents SET last_change = ? WHERE table_name = ?",
                               arguments: [lastChange, simplifiedLevelsTable])
            }
            checkpointAfterWrite()
        } catch {
            throw Self.storeError(error, path: path, operation: "replace simplified level \(level.name)")
        }
    }

    /// The simplified scales built so far, finest first.
    public func simplifiedLevels() throws -> [SimplifiedLevel] {
        try read("read \(simplifiedLevelsTable)") { db in
            guard try db.tableExists(simplifiedLevelsTable) else { return [] }
            return try Row.fetchAll(db, sql: """
                SELECT name, tolerance_m, method, vertices, max_displacement_m FROM \(simplifiedLevelsTable)
                ORDER BY tolerance_m, name
                """).map {
                SimplifiedLevel(name: $0[0], toleranceMetres: $0[1], method: $0[2], vertices: $0[3], maximumDisplacementMetres: $0[4])
            }
        }
    }

    /// The units of a level at a simplified scale (nil: full resolution), ordered by code.
    /// - Throws: `StoreError.database` (also when the scale was never built).
    public func units(_ level: UnitLevel, scale: String?, withGeometry: Bool = true) throws -> [UnitRecord] {
        guard let scale else { return try units(level, withGeometry: withGeometry) }
        return try fetchUnits(level, table: table(level, scale: scale), withGeometry: withGeometry,
                              where: nil, arguments: [])
    }

    /// The units of a level at a simplified scale (nil: full resolution) whose envelope meets
    /// `box` (the level's R-tree: a superset of the exact test), ordered by code — what one
    /// tile of the pyramid needs.
    /// - Throws: `StoreError.database` (also when the scale was never built).
    public func units(_ level: UnitLevel, scale: String?, intersecting box: BoundingBox) throws -> [UnitRecord] {
        guard !box.isEmpty else { return [] }
        let table = self.table(level, scale: scale)
        return try fetchUnits(level, table: table, withGeometry: true,
                              where: "fid IN (SELECT id FROM \(GeoPackageSchema.rtreeName(table)) WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?)",
                              arguments: [box.maxX, box.minX, box.maxY, box.minY])
    }

    /// The table of the chosen boundary edition's simplified scales.
    var simplifiedLevelsTable: String { GeoPackageSchema.simplifiedLevelsTable + tableSuffix }

    private static func createSimplifiedLevelsTable(_ db: Database, table t: String, lastChange: String) throws {
        guard try !db.tableExists(t) else { return }
        try db.execute(sql: """
            CREATE TABLE \(t) (
              fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
              name TEXT UNIQUE NOT NULL, tolerance_m REAL NOT NULL, method TEXT NOT NULL,
              vertices INTEGER NOT NULL, max_displacement_m REAL NOT NULL
            )
            """)
        try db.execute(
            sql: """
                INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change)
                VALUES (?, 'attributes', ?, 'Simplified scales of the boundaries (investmap simplify)', ?)
                """,
            arguments: [t, t, lastChange])
    }
}
