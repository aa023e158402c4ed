import GRDB

/// The ledger's tables in the GeoPackage: editions, investment projects (POINT features), cluster
/// sites (GEOMETRY features: points or polygons) with the units they overlap, and the log of
/// ledger imports. QGIS and GDAL list the projects and sites as layers.
enum LedgerSchema {
    static let editionsTable = "editions"
    static let investmentsTable = "investments"
    static let sitesTable = "cluster_sites"
    static let siteUnitsTable = "cluster_site_units"
    static let importsTable = "ledger_imports"
    static let unitAreasTable = "unit_areas"
    static let totalsTable = "investment_totals"

    /// The join results every located row carries: its N03 unit, municipality (city for wards),
    /// prefecture and bureau; how it was matched (inside | unassigned | nearest | none), the
    /// distance when nearest; whether a declared code disagrees with the location.
    static let joinColumns: [(name: String, type: String)] = [
        ("ward_code", "TEXT"), ("municipality_code", "TEXT"), ("prefecture_code", "TEXT"), ("bureau_id", "TEXT"),
        ("match", "TEXT NOT NULL"), ("sea_distance_km", "REAL"), ("code_mismatch", "INTEGER NOT NULL DEFAULT 0"),
    ]

    static let investmentColumns: [(name: String, type: String)] = [
        ("edition", "TEXT NOT NULL"), ("id", "TEXT NOT NULL"), ("name", "TEXT NOT NULL"), ("plan", "TEXT"),
        ("field", "TEXT"), ("company", "TEXT"), ("company_size", "TEXT"), ("programme", "TEXT"), ("category", "TEXT"),
        ("support_jpy", "INTEGER"), ("total_investment_jpy", "INTEGER"), ("jobs", "INTEGER"), ("wage_commitment_pct", "REAL"),
        ("budget", "TEXT"), ("adopted", "TEXT"), ("status", "TEXT NOT NULL"), ("announced", "TEXT"), ("address", "TEXT"),
        ("location_precision", "TEXT NOT NULL DEFAULT 'point'"), ("lon", "REAL NOT NULL"), ("lat", "REAL NOT NULL"),
        ("declared_code", "TEXT"), ("source", "TEXT"),
    ] + joinColumns

    /// The columns `investment_totals` groups by and sums.
    static let totalsGroupColumns = ["ward_code", "municipality_code", "prefecture_code", "bureau_id", "plan", "field", "status",
                                     "programme", "category", "company_size"]
    static let totalsSumColumns = ["support_jpy", "total_investment_jpy", "jobs"]

    static let siteColumns: [(name: String, type: String)] = [
        ("edition", "TEXT NOT NULL"), ("id", "TEXT NOT NULL"), ("name", "TEXT NOT NULL"), ("plan", "TEXT NOT NULL"),
        ("fields", "TEXT NOT NULL"), ("status", "TEXT NOT NULL"),
    ] + joinColumns

    /// Creates whatever of the ledger's tables the store lacks (stores made before the ledger
    /// existed get them on first open for writing).
    static func create(_ db: Database, lastChange: String) throws {
        if try !db.tableExists(editionsTable) {
            try GeoPackageSchema.createAttributeTable(
                db, table: editionsTable,
                columns: [("name", "TEXT NOT NULL UNIQUE"), ("status", "TEXT NOT NULL CHECK (status IN ('draft', 'published'))"),
                          ("based_on", "TEXT"), ("created_at", "TEXT NOT NULL"), ("published_at", "TEXT"),
                          ("boundary_edition", "TEXT"), ("note", "TEXT")],
                description: "Editions of the investment map: draft, or published (then immutable)", lastChange: lastChange)
        }
        try upgradeInvestments(db)
        if try !db.tableExists(investmentsTable) {
            try GeoPackageSchema.createFeatureTable(
                db, table: investmentsTable, geometryType: "POINT", columns: investmentColumns,
                constraints: ["UNIQUE (edition, id)"],
                description: "Investment projects of every edition, joined to the units", lastChange: lastChange)
            try db.execute(sql: "CREATE INDEX \(investmentsTable)_edition_ward ON \(investmentsTable) (edition, ward_code)")
        }
        if try !db.tableExists(sitesTable) {
            try GeoPackageSchema.createFeatureTable(
                db, table: sitesTable, geometryType: "GEOMETRY", columns: siteColumns,
                constraints: ["UNIQUE (edition, id)"],
                description: "Industrial-cluster sites of every edition (points or polygons)", lastChange: lastChange)
        }
        if try !db.tableExists(siteUnitsTable) {
            try GeoPackageSchema.createAttributeTable(
                db, table: siteUnitsTable,
                columns: [("edition", "TEXT NOT NULL"), ("site_id", "TEXT NOT NULL"), ("ward_code", "TEXT NOT NULL"),
                          ("overlap_m2", "REAL NOT NULL"), ("share", "REAL NOT NULL")],
                constraints: ["UNIQUE (edition, site_id, ward_code)"],
                description: "Polygon cluster sites: the units they overlap, by area of overlap", lastChange: lastChange)
        }
        if try !db.tableExists(importsTable) {
            try GeoPackageSchema.createAttributeTable(
                db, table: importsTable,
                columns: [("edition", "TEXT NOT NULL"), ("kind", "TEXT NOT NULL"), ("file", "TEXT NOT NULL"),
                          ("sha256", "TEXT NOT NULL"), ("encoding", "TEXT"), ("rows_read", "INTEGER NOT NULL"),
                          ("accepted", "INTEGER NOT NULL"), ("rejected", "INTEGER NOT NULL"), ("imported_at", "TEXT NOT NULL")],
                description: "Ledger files imported into each edition", lastChange: lastChange)
        }
        if try !db.tableExists(totalsTable) {
            try GeoPackageSchema.createAttributeTable(
                db, table: totalsTable,
                columns: [("edition", "TEXT NOT NULL")] + totalsGroupColumns.map { ($0, "TEXT") }
                    + [("count", "INTEGER NOT NULL")] + totalsSumColumns.map { ($0, "REAL NOT NULL") },
                description: "Projects totalled per unit, plan, field and status, per edition (derived from investments at every import)",
                lastChange: lastChange)
            try db.execute(sql: "CREATE INDEX \(totalsTable)_edition ON \(totalsTable) (edition)")
            // A store whose editions predate the table: total them now.
            for edition in try String.fetchAll(db, sql: "SELECT DISTINCT edition FROM \(investmentsTable) ORDER BY edition") {
                try refreshTotals(db, edition: edition)
            }
        }
        if try !db.tableExists(unitAreasTable) {
            try GeoPackageSchema.createAttributeTable(
                db, table: unitAreasTable,
                columns: [("level", "TEXT NOT NULL"), ("code", "TEXT NOT NULL"), ("boundary_edition", "TEXT NOT NULL"),
                          ("area_km2", "REAL NOT NULL")],
                constraints: ["UNIQUE (level, code, boundary_edition)"],
                description: "Unit areas on the GRS80 ellipsoid, computed once from the full-resolution boundaries",
                lastChange: lastChange)
        }
    }
}

extension LedgerSchema {
    /// Recomputes an edition's rows of `investment_totals` from its projects: statistics read
    /// these few thousand rows instead of grouping a million projects on every question.
    ///
    /// The same rows as `INSERT … SELECT … GROUP BY <groups> ORDER BY <groups>` with COUNT and
    /// TOTAL, grouped here in a hash table: SQLite groups by sorting every row on its ten text
    /// columns, which took 6–8 s of a million-row import (measured), where scanning the rows
    /// takes half a second. Sums are exact (integers below 2^53) whatever the order.
    static func refreshTotals(_ db: Database, edition: String) throws {
        try db.execute(sql: "DELETE FROM \(totalsTable) WHERE edition = ?", arguments: [edition])
        let columns = totalsGroupColumns + totalsSumColumns
        // ORDER BY id walks the (edition, id) index: the edition's rows only, in storage order.
        let select = try db.makeStatement(sql: "SELECT \(columns.joined(separator: ", ")) FROM \(investmentsTable) WHERE edition = ? ORDER BY id")
        var totals: [[String?]: (count: Int, sums: [Double])] = [:]
        try BoundStatement(select).forEachRow(binding: [edition.databaseValue]) { row in
            let key = (0..<totalsGroupColumns.count).map { row.text($0) }
            var entry = totals[key] ?? (0, Array(repeating: 0, count: totalsSumColumns.count))
            entry.count += 1
            for k in 0..<totalsSumColumns.count {
                if let value = row.double(totalsGroupColumns.count + k) { entry.sums[k] += value }
            }
            totals[key] = entry
        }
        // SQLite's order: NULL first, then text by its bytes.
        func precedes(_ a: [String?], _ b: [String?]) -> Bool {
            for (x, y) in zip(a, b) {
                switch (x, y) {
                case (nil, nil): continue
                case (nil, _): return true
                case (_, nil): return false
                case let (x?, y?):
                    if x == y { continue }
                    return x.utf8.lexicographicallyPrecedes(y.utf8)
                }
            }
            return false
        }
        let insert = try BoundStatement(db, sql: """
            INSERT INTO \(totalsTable) (edition, \(totalsGroupColumns.joined(separator: ", ")), count, \(totalsSumColumns.joined(separator: ", ")))
            VALUES (\(Array(repeating: "?", count: columns.count + 2).joined(separator: ", ")))
            """)
        for (key, entry) in totals.sorted(by: { precedes($0.key, $1.key) }) {
            try insert.execute([edition.databaseValue] + key.map { $0?.databaseValue ?? .null } + [entry.count.databaseValue]
                               + entry.sums.map(\.databaseValue))
        }
    }

    /// Whether a store's investments table predates the programme schema (one amount,
    /// `amount_jpy`; a required plan): such a store is upgraded when opened for writing.
    static func investmentsPredateProgrammes(_ db: Database) throws -> Bool {
        guard try db.tableExists(investmentsTable) else { return false }
        return try !db.columns(in: investmentsTable).contains { $0.name == "total_investment_jpy" }
    }

    /// Rebuilds a pre-programme investments table in today's layout, in the transaction that
    /// opens the store: `amount_jpy` becomes `total_investment_jpy`, plan may be empty, the new
    /// columns are NULL (location precision `point`, as every old row had coordinates). Feature
    /// ids are kept, so the R-tree stays valid; the derived totals are rebuilt.
    private static func upgradeInvestments(_ db: Database) throws {
        guard try investmentsPredateProgrammes(db) else { return }
        let old = "\(investmentsTable)_before_programmes"
        try GeoPackageSchema.dropRTreeTriggers(db, table: investmentsTable)
        try db.execute(sql: "DROP INDEX IF EXISTS \(investmentsTable)_edition_ward")
        try db.execute(sql: "ALTER TABLE \(investmentsTable) RENAME TO \(old)")
        let definitions = ["fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL", "geom POINT"]
            + investmentColumns.map { "\($0.name) \($0.type)" } + ["UNIQUE (edition, id)"]
        try db.execute(sql: "CREATE TABLE \(investmentsTable) (\n  " + definitions.joined(separator: ",\n  ") + "\n)")
        let kept = try db.columns(in: old).map(\.name).filter { $0 != "amount_jpy" }
        try db.execute(sql: """
            INSERT INTO \(investmentsTable) (\(kept.joined(separator: ", ")), total_investment_jpy)
            SELECT \(kept.joined(separator: ", ")), amount_jpy FROM \(old) ORDER BY fid
            """)
        try db.execute(sql: "DROP TABLE \(old)")
        try db.execute(sql: "CREATE INDEX \(investmentsTable)_edition_ward ON \(investmentsTable) (edition, ward_code)")
        try GeoPackageSchema.createRTreeTriggers(db, table: investmentsTable)
        if try db.tableExists(totalsTable) {
            try db.execute(sql: "DROP TABLE \(totalsTable)")
            try db.execute(sql: "DELETE FROM gpkg_contents WHERE table_name = ?", arguments: [totalsTable])
        }
    }
}
