import GRDB
import Reference

/// The tables of the store: the GeoPackage core (OGC 12-128r18, GeoPackage 1.4), one feature
/// table per `UnitLevel` with its R-tree spatial index, and the import attribute tables.
enum GeoPackageSchema {
    /// "GPKG", the SQLite application_id of every GeoPackage.
    static let applicationID: Int32 = 0x4750_4B47
    /// GeoPackage 1.4.0. (GDAL before 3.7 opens it and warns that 1.4 "may only be partially
    /// supported"; the file is still read correctly.)
    static let userVersion: Int32 = 10300  // 1.3: GDAL 3.6 (Debian 12) and QGIS on it warn on 1.4 files
    /// SQLite page size of new stores. Boundary blobs are large (up to tens of MB), so most
    /// pages are overflow pages; 16 KiB pages quarter the page count and syscalls of a write
    /// compared with the 4 KiB default (measured: full-resolution write ~1.2 s → ~0.8 s) and
    /// waste under 1 % of the file.
    static let pageSize = 16_384
    /// Version of investmap's own tables, in investmap_meta.
    static let storeSchemaVersion = 1

    static let importsTable = "boundary_imports"
    static let reportTable = "import_report"
    static let metaTable = "investmap_meta"

    static let wgs84Definition = """
        GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],\
        AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],\
        UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],\
        AUTHORITY["EPSG","4326"]]
        """

    // MARK: Core tables (spec Annex C table definition SQL)

    static let coreTables = [
        """
        CREATE TABLE gpkg_spatial_ref_sys (
          srs_name TEXT NOT NULL,
          srs_id INTEGER NOT NULL PRIMARY KEY,
          organization TEXT NOT NULL,
          organization_coordsys_id INTEGER NOT NULL,
          definition  TEXT NOT NULL,
          description TEXT
        )
        """,
        """
        CREATE TABLE gpkg_contents (
          table_name TEXT NOT NULL PRIMARY KEY,
          data_type TEXT NOT NULL,
          identifier TEXT UNIQUE,
          description TEXT DEFAULT '',
          last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          min_x DOUBLE,
          min_y DOUBLE,
          max_x DOUBLE,
          max_y DOUBLE,
          srs_id INTEGER,
          CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
        )
        """,
        """
        CREATE TABLE gpkg_geometry_columns (
          table_name TEXT NOT NULL,
          column_name TEXT NOT NULL,
          geometry_type_name TEXT NOT NULL,
          srs_id INTEGER NOT NULL,
          z TINYINT NOT NULL,
          m TINYINT NOT NULL,
          CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
          CONSTRAINT uk_gc_table_name UNIQUE (table_name),
          CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
          CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
        )
        """,
        """
        CREATE TABLE gpkg_extensions (
          table_name TEXT,
          column_name TEXT,
          extension_name TEXT NOT NULL,
          definition TEXT NOT NULL,
          scope TEXT NOT NULL,
          CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)
        )
        """,
    ]

    /// The three rows the spec requires in gpkg_spatial_ref_sys.
    static let requiredSpatialReferenceSystems: [(name: String, id: Int, organization: String, orgID: Int, definition: String, description: String)] = [
        ("Undefined Cartesian SRS", -1, "NONE", -1, "undefined", "undefined Cartesian coordinate reference system"),
        ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
        ("WGS 84 geodetic", 4326, "EPSG", 4326, wgs84Definition,
         "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
    ]

    /// Creates the core tables and rows when absent (a new file, or a GeoPackage written by
    /// someone else that lacks gpkg_extensions).
    static func createCore(_ db: Database) throws {
        let names = try ["gpkg_spatial_ref_sys", "gpkg_contents", "gpkg_geometry_columns", "gpkg_extensions"]
            .map { try db.tableExists($0) }
        for (exists, sql) in zip(names, coreTables) where !exists {
            try db.execute(sql: sql)
        }
        for srs in requiredSpatialReferenceSystems {
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO gpkg_spatial_ref_sys
                      (srs_name, srs_id, organization, organization_coordsys_id, definition, description)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [srs.name, srs.id, srs.organization, srs.orgID, srs.definition, srs.description])
        }
    }

    // MARK: Feature tables

    /// The attribute columns of a level's feature table, in insert order (after fid and geom).
    static func attributeColumns(_ level: UnitLevel) -> [(name: String, type: String)] {
        var columns: [(String, String)] = [
            ("code", "TEXT"), ("name", "TEXT NOT NULL"), ("level", "TEXT NOT NULL"),
            ("prefecture_code", "TEXT"), ("prefecture_name", "TEXT"), ("city_code", "TEXT"), ("bureau_id", "TEXT"),
        ]
        if level.keepsN03Attributes {
            columns += UnitRecord.n03Keys.map { ($0.lowercased(), "TEXT") }
        }
        columns += [
            ("edition", "TEXT NOT NULL"), ("population", "REAL"), ("households", "REAL"),
            ("source_parts", "INTEGER NOT NULL"), ("repair_note", "TEXT"),
        ] + fillColumns
        return columns
    }

    /// Where a filled unit's geometry comes from (`UnitRecord.fillSource`, `.fillEdition`); NULL
    /// for the import's own files. Added after schema 1's first stores: a store without them
    /// gets them when opened for writing, and reads NULL until then.
    static let fillColumns = [("fill_source", "TEXT"), ("fill_edition", "TEXT")]

    /// Adds the columns of `attributeColumns(level)` that `table` lacks (stores made before
    /// they existed); the values of the rows there stay NULL.
    static func addMissingColumns(_ db: Database, table: String, level: UnitLevel) throws {
        let existing = Set(try db.columns(in: table).map { $0.name.lowercased() })
        for (name, type) in attributeColumns(level) where !existing.contains(name) {
            try db.execute(sql: "ALTER TABLE \"\(table)\" ADD COLUMN \(name) \(type)")
        }
    }

    static func rtreeName(_ table: String) -> String { "rtree_\(table)_geom" }

    /// The simplified levels built so far (`investmap simplify`).
    static let simplifiedLevelsTable = "simplified_levels"

    /// Removes a feature table with its R-tree and every registration of it.
    static func dropFeatureTable(_ db: Database, table t: String) throws {
        try dropRTreeTriggers(db, table: t)
        try db.execute(sql: "DROP TABLE IF EXISTS \(rtreeName(t))")
        try db.execute(sql: "DROP TABLE IF EXISTS \"\(t)\"")
        for registry in ["gpkg_extensions", "gpkg_geometry_columns", "gpkg_contents"] {
            try db.execute(sql: "DELETE FROM \(registry) WHERE table_name = ?", arguments: [t])
        }
    }

    /// Creates a level's feature table, its code index, R-tree and triggers, and registers them
    /// in gpkg_contents, gpkg_geometry_columns and gpkg_extensions.
    static func createFeatureTable(_ db: Database, level: UnitLevel, table: String? = nil, description: String? = nil,
                                   lastChange: String) throws {
        let t = table ?? level.tableName
        try createFeatureTable(db, table: t, geometryType: "MULTIPOLYGON", columns: attributeColumns(level),
                               description: description ?? level.layerDescription, lastChange: lastChange)
        try db.execute(sql: #"CREATE INDEX "\#(t)_code" ON "\#(t)" (code)"#)
    }

    /// Creates a feature table (fid, geom of `geometryType` in EPSG:4326, then `columns`), its
    /// R-tree and triggers, and registers them in gpkg_contents, gpkg_geometry_columns and
    /// gpkg_extensions.
    static func createFeatureTable(_ db: Database, table t: String, geometryType: String,
                                   columns: [(name: String, type: String)], constraints: [String] = [],
                                   description: String, lastChange: String) throws {
        let definitions = ["fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL", "geom \(geometryType)"]
            + columns.map { "\($0.name) \($0.type)" } + constraints
        try db.execute(sql: "CREATE TABLE \"\(t)\" (\n  " + definitions.joined(separator: ",\n  ") + "\n)")
        try db.execute(
            sql: """
                INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, srs_id)
                VALUES (?, 'features', ?, ?, ?, 4326)
                """,
            arguments: [t, t, description, lastChange])
        try db.execute(
            sql: """
                INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m)
                VALUES (?, 'geom', ?, 4326, 0, 0)
                """,
            arguments: [t, geometryType])
        try db.execute(sql: "CREATE VIRTUAL TABLE \(rtreeName(t)) USING rtree(id, minx, maxx, miny, maxy)")
        try db.execute(
            sql: """
                INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
                VALUES (?, 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec/#extension_rtree', 'write-only')
                """,
            arguments: [t])
        try createRTreeTriggers(db, table: t)
    }

    /// Creates an attribute (non-spatial) table and registers it in gpkg_contents.
    static func createAttributeTable(_ db: Database, table t: String, columns: [(name: String, type: String)],
                                     constraints: [String] = [], description: String, lastChange: String) throws {
        let definitions = ["fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL"] + columns.map { "\($0.name) \($0.type)" } + constraints
        try db.execute(sql: "CREATE TABLE \"\(t)\" (\n  " + definitions.joined(separator: ",\n  ") + "\n)")
        try db.execute(
            sql: """
                INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change)
                VALUES (?, 'attributes', ?, ?, ?)
                """,
            arguments: [t, t, description, lastChange])
    }

    /// Trigger names of the R-tree extension in GeoPackage 1.4, plus the update1/update3 of
    /// earlier versions (dropped too, in case a 1.3 writer left them).
    static let rtreeTriggerSuffixes = ["insert", "update1", "update2", "update3", "update4", "update5", "update6", "update7", "delete"]

    /// The GeoPackage 1.4 R-tree triggers (spec F.3, with <t> = table, <c> = geom, <i> = fid).
    static func rtreeTriggers(table t: String) -> [String] {
        let r = rtreeName(t)
        let envelope = "ST_MinX(NEW.geom), ST_MaxX(NEW.geom),\n    ST_MinY(NEW.geom), ST_MaxY(NEW.geom)"
        return [
            """
            CREATE TRIGGER \(r)_insert AFTER INSERT ON \(t)
              WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
            BEGIN
              INSERT OR REPLACE INTO \(r) VALUES (
                NEW.fid,
                \(envelope)
              );
            END
            """,
            """
            CREATE TRIGGER \(r)_update6 AFTER UPDATE OF geom ON \(t)
              WHEN OLD.fid = NEW.fid AND
                   (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom)) AND
                   (OLD.geom NOTNULL AND NOT ST_IsEmpty(OLD.geom))
            BEGIN
              UPDATE \(r) SET
                minx = ST_MinX(NEW.geom), maxx = ST_MaxX(NEW.geom),
                miny = ST_MinY(NEW.geom), maxy = ST_MaxY(NEW.geom)
              WHERE id = NEW.fid;
            END
            """,
            """
            CREATE TRIGGER \(r)_update7 AFTER UPDATE OF geom ON \(t)
              WHEN OLD.fid = NEW.fid AND
                   (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom)) AND
                   (OLD.geom ISNULL OR ST_IsEmpty(OLD.geom))
            BEGIN
              INSERT INTO \(r) VALUES (
                NEW.fid,
                \(envelope)
              );
            END
            """,
            """
            CREATE TRIGGER \(r)_update2 AFTER UPDATE OF geom ON \(t)
              WHEN OLD.fid = NEW.fid AND
                   (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
            BEGIN
              DELETE FROM \(r) WHERE id = OLD.fid;
            END
            """,
            """
            CREATE TRIGGER \(r)_update5 AFTER UPDATE ON \(t)
              WHEN OLD.fid != NEW.fid AND
                   (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
            BEGIN
              DELETE FROM \(r) WHERE id = OLD.fid;
              INSERT OR REPLACE INTO \(r) VALUES (
                NEW.fid,
                \(envelope)
              );
            END
            """,
            """
            CREATE TRIGGER \(r)_update4 AFTER UPDATE ON \(t)
              WHEN OLD.fid != NEW.fid AND
                   (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
            BEGIN
              DELETE FROM \(r) WHERE id IN (OLD.fid, NEW.fid);
            END
            """,
            """
            CREATE TRIGGER \(r)_delete AFTER DELETE ON \(t)
              WHEN old.geom NOT NULL
            BEGIN
              DELETE FROM \(r) WHERE id = OLD.fid;
            END
            """,
        ]
    }

    static func createRTreeTriggers(_ db: Database, table: String) throws {
        for sql in rtreeTriggers(table: table) { try db.execute(sql: sql) }
    }

    static func dropRTreeTriggers(_ db: Database, table: String) throws {
        for suffix in rtreeTriggerSuffixes {
            try db.execute(sql: "DROP TRIGGER IF EXISTS \(rtreeName(table))_\(suffix)")
        }
    }

    // MARK: Attribute tables

    static func createAttributeTables(_ db: Database, lastChange: String) throws {
        try createImportTables(db, suffix: "", lastChange: lastChange)
        try db.execute(sql: """
            CREATE TABLE \(metaTable) (
              fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
              key TEXT NOT NULL UNIQUE,
              value TEXT
            )
            """)
        try db.execute(
            sql: """
                INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change)
                VALUES (?, 'attributes', ?, ?, ?)
                """,
            arguments: [metaTable, metaTable, "investmap store metadata: schema_version, boundary_edition", lastChange])
        try db.execute(
            sql: "INSERT INTO \(metaTable) (key, value) VALUES ('schema_version', ?)",
            arguments: [String(storeSchemaVersion)])
    }

    /// The tables of an import's input files and report, under `suffix` ("" for the default
    /// boundaries).
    static func createImportTables(_ db: Database, suffix: String, lastChange: String) throws {
        let importsTable = importsTable + suffix, reportTable = reportTable + suffix
        guard try !db.tableExists(importsTable) else { return }
        try db.execute(sql: """
            CREATE TABLE \(importsTable) (
              fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
              edition TEXT NOT NULL,
              file TEXT NOT NULL,
              sha256 TEXT,
              features INTEGER NOT NULL,
              vertices INTEGER NOT NULL
            )
            """)
        try db.execute(sql: """
            CREATE TABLE \(reportTable) (
              fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
              kind TEXT NOT NULL,
              code TEXT,
              detail TEXT NOT NULL
            )
            """)
        let descriptions = [
            (importsTable, suffix.isEmpty ? "Input files of the current boundary edition" : "Input files of a kept boundary edition"),
            (reportTable, suffix.isEmpty ? "Findings of the last boundary import: repairs, census mismatches"
                : "Findings of the import of a kept boundary edition"),
        ]
        for (table, description) in descriptions {
            try db.execute(
                sql: """
                    INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change)
                    VALUES (?, 'attributes', ?, ?, ?)
                    """,
                arguments: [table, table, description, lastChange])
        }
    }

    /// Renames a feature table with its R-tree, code index and registrations (a boundary
    /// edition moved aside); the triggers are made again for the new name.
    static func renameFeatureTable(_ db: Database, from: String, to: String) throws {
        try dropRTreeTriggers(db, table: from)
        try db.execute(sql: "ALTER TABLE \"\(from)\" RENAME TO \"\(to)\"")
        try db.execute(sql: "ALTER TABLE \(rtreeName(from)) RENAME TO \(rtreeName(to))")
        try db.execute(sql: #"DROP INDEX IF EXISTS "\#(from)_code""#)
        try db.execute(sql: #"CREATE INDEX "\#(to)_code" ON "\#(to)" (code)"#)
        try moveRegistration(db, from: from, to: to)
        try createRTreeTriggers(db, table: to)
    }

    /// Renames an attribute table and its gpkg_contents row.
    static func renameAttributeTable(_ db: Database, from: String, to: String) throws {
        try db.execute(sql: "ALTER TABLE \"\(from)\" RENAME TO \"\(to)\"")
        try moveRegistration(db, from: from, to: to)
    }

    /// gpkg_contents' row of `from` copied to `to`, the rows that refer to it moved, then it
    /// removed (in that order: gpkg_geometry_columns has a foreign key on gpkg_contents).
    private static func moveRegistration(_ db: Database, from: String, to: String) throws {
        try db.execute(sql: """
            INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id)
            SELECT ?, data_type, ?, description, last_change, min_x, min_y, max_x, max_y, srs_id FROM gpkg_contents WHERE table_name = ?
            """, arguments: [to, to, from])
        try db.execute(sql: "UPDATE gpkg_geometry_columns SET table_name = ? WHERE table_name = ?", arguments: [to, from])
        try db.execute(sql: "UPDATE gpkg_extensions SET table_name = ? WHERE table_name = ?", arguments: [to, from])
        try db.execute(sql: "DELETE FROM gpkg_contents WHERE table_name = ?", arguments: [from])
    }
}
