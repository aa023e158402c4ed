import Foundation
import GRDB
import Reference

/// A boundary edition the store holds (`investmap import boundaries` of another edition keeps
/// the one before beside it).
public struct BoundaryVintage: Sendable, Equatable {
    /// "N03-22_220101".
    public var edition: String
    /// The date it is as of (YYYY-MM-DD), from its N03 name; nil when the name gives none.
    public var asOf: String?
    /// Whether it is the store's default boundaries (the newest), in the tables without suffix.
    public var isDefault: Bool

    public init(edition: String, asOf: String?, isDefault: Bool) {
        self.edition = edition
        self.asOf = asOf
        self.isDefault = isDefault
    }

    /// The date an N03 edition name gives: "N03-22_220101" → "2022-01-01", "N03-20240101" →
    /// "2024-01-01"; nil for other names.
    public static func date(ofEdition edition: String) -> String? {
        if let m = edition.firstMatch(of: /N03-\d{2}_(\d{2})(\d{2})(\d{2})/) {
            return "20\(m.1)-\(m.2)-\(m.3)"
        }
        if let m = edition.firstMatch(of: /N03-(\d{4})(\d{2})(\d{2})/) {
            return "\(m.1)-\(m.2)-\(m.3)"
        }
        return nil
    }
}

/// Where `replaceBoundaries` put an edition.
public enum BoundaryPlacement: Sendable, Equatable {
    /// In the default tables (the first import, or the same edition again).
    case asDefault
    /// In the default tables; the edition that was there is kept beside it.
    case asDefaultKeeping(previous: String)
    /// Beside the default, which is newer (or replaced there, when the store held it).
    case besideDefault(default: String)
}

extension BoundaryStore {
    /// The store's other boundary editions: edition → table suffix.
    static let vintagesTable = "boundary_vintages"

    /// The table-name suffix of a kept edition: "N03-21_210101" → "__n03_21_210101".
    static func tableSuffix(for edition: String) -> String {
        "__" + String(edition.lowercased().map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? $0 : "_" })
    }

    /// Every boundary edition the store holds, the default first, then the others newest first.
    /// - Throws: `StoreError.database`.
    public func boundaryEditions() throws -> [BoundaryVintage] {
        try read("read \(Self.vintagesTable)") { db in
            var result: [BoundaryVintage] = []
            if let main = try String.fetchOne(db, sql: "SELECT value FROM \(GeoPackageSchema.metaTable) WHERE key = 'boundary_edition'") {
                result.append(BoundaryVintage(edition: main, asOf: BoundaryVintage.date(ofEdition: main), isDefault: true))
            }
            guard try db.tableExists(Self.vintagesTable) else { return result }
            let others = try String.fetchAll(db, sql: "SELECT edition FROM \(Self.vintagesTable)").map {
                BoundaryVintage(edition: $0, asOf: BoundaryVintage.date(ofEdition: $0), isDefault: false)
            }
            return result + others.sorted { ($0.asOf ?? "", $0.edition) > ($1.asOf ?? "", $1.edition) }
        }
    }

    /// The suffix of `boundaries`' tables in the store behind `queue`: "" for the default.
    /// - Throws: `StoreError.unknownBoundaries` when the store does not hold it.
    static func resolveSuffix(_ boundaries: String, queue: DatabaseQueue, path: String) throws -> String {
        do {
            return try queue.read { db in
                guard try db.tableExists(GeoPackageSchema.metaTable) else {
                    throw StoreError.unknownBoundaries(path: path, name: boundaries, known: [])
                }
                let main = try String.fetchOne(db, sql: "SELECT value FROM \(GeoPackageSchema.metaTable) WHERE key = 'boundary_edition'")
                if boundaries == main { return "" }
                var known = main.map { [$0] } ?? []
                if try db.tableExists(vintagesTable) {
                    if let suffix = try String.fetchOne(db, sql: "SELECT table_suffix FROM \(vintagesTable) WHERE edition = ?",
                                                        arguments: [boundaries]) {
                        return suffix
                    }
                    known += try String.fetchAll(db, sql: "SELECT edition FROM \(vintagesTable) ORDER BY edition")
                }
                throw StoreError.unknownBoundaries(path: path, name: boundaries, known: known)
            }
        } catch {
            throw storeError(error, path: path, operation: "open boundaries \(boundaries)")
        }
    }

    /// Decides where an import of `edition` goes, inside the import's transaction, and makes
    /// the tables it needs: the default tables when the store has none or holds `edition`
    /// there; the kept edition's own tables when the store keeps it beside the default; a
    /// new kept edition's tables when it is older than the default; else the default tables,
    /// after the edition there was moved aside (renamed, with its simplified scales and import
    /// report) under its own suffix.
    static func place(_ db: Database, edition: String, lastChange: String) throws -> (suffix: String, placement: BoundaryPlacement) {
        try createVintagesTable(db, lastChange: lastChange)
        guard let main = try String.fetchOne(db, sql: "SELECT value FROM \(GeoPackageSchema.metaTable) WHERE key = 'boundary_edition'"),
              main != edition else {
            return ("", .asDefault)
        }
        if let suffix = try String.fetchOne(db, sql: "SELECT table_suffix FROM \(vintagesTable) WHERE edition = ?", arguments: [edition]) {
            return (suffix, .besideDefault(default: main))
        }
        let newDate = BoundaryVintage.date(ofEdition: edition), mainDate = BoundaryVintage.date(ofEdition: main)
        if let newDate, let mainDate, newDate < mainDate {
            let suffix = tableSuffix(for: edition)
            try createTables(db, suffix: suffix, lastChange: lastChange)
            try db.execute(sql: "INSERT INTO \(vintagesTable) (edition, table_suffix, as_of) VALUES (?, ?, ?)",
                           arguments: [edition, suffix, newDate])
            return (suffix, .besideDefault(default: main))
        }
        let suffix = tableSuffix(for: main)
        let scales = try db.tableExists(GeoPackageSchema.simplifiedLevelsTable)
            ? try String.fetchAll(db, sql: "SELECT name FROM \(GeoPackageSchema.simplifiedLevelsTable)") : []
        for level in UnitLevel.allCases {
            for scale in [nil] + scales.map(Optional.some) {
                let table = scale.map { "\(level.tableName)_\($0)" } ?? level.tableName
                guard try db.tableExists(table) else { continue }
                try GeoPackageSchema.renameFeatureTable(db, from: table, to: table + suffix)
            }
        }
        for table in [GeoPackageSchema.simplifiedLevelsTable, GeoPackageSchema.importsTable, GeoPackageSchema.reportTable]
        where try db.tableExists(table) {
            try GeoPackageSchema.renameAttributeTable(db, from: table, to: table + suffix)
        }
        try db.execute(sql: "INSERT INTO \(vintagesTable) (edition, table_suffix, as_of) VALUES (?, ?, ?)",
                       arguments: [main, suffix, mainDate])
        try createTables(db, suffix: "", lastChange: lastChange)
        return ("", .asDefaultKeeping(previous: main))
    }

    /// The feature tables of every level and the import's attribute tables, under `suffix`.
    private static func createTables(_ db: Database, suffix: String, lastChange: String) throws {
        for level in UnitLevel.allCases where try !db.tableExists(level.tableName + suffix) {
            try GeoPackageSchema.createFeatureTable(db, level: level, table: level.tableName + suffix,
                                                    description: level.layerDescription + (suffix.isEmpty ? "" : " (kept boundary edition)"),
                                                    lastChange: lastChange)
        }
        try GeoPackageSchema.createImportTables(db, suffix: suffix, lastChange: lastChange)
    }

    static func createVintagesTable(_ db: Database, lastChange: String) throws {
        guard try !db.tableExists(vintagesTable) else { return }
        try GeoPackageSchema.createAttributeTable(
            db, table: vintagesTable,
            columns: [("edition", "TEXT NOT NULL UNIQUE"), ("table_suffix", "TEXT NOT NULL UNIQUE"), ("as_of", "TEXT")],
            description: "Boundary editions kept beside the default one: their tables end in table_suffix", lastChange: lastChange)
    }
}
