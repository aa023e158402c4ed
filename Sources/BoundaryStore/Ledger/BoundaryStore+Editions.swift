import GRDB
import Reference

extension Edition {
    /// The edition a reader gets when it names none: the latest published one; when nothing is
    /// published and the reader may see drafts, the latest draft. The one home of this rule (the
    /// command line and the HTTP service both ask it).
    public static func defaultChoice(among editions: [Edition], draftsVisible: Bool) -> Edition? {
        editions.last(where: { $0.status == .published }) ?? (draftsVisible ? editions.last : nil)
    }
}

/// Editions: create (empty, or as a copy of another), list, publish. A published edition is
/// immutable: every write to its projects or sites is refused.
extension BoundaryStore {
    /// Every edition, in creation order, with its project and site counts.
    public func editions() throws -> [Edition] {
        try read("read editions") { db in try Self.fetchEditions(db, where: nil) }
    }

    /// The edition `name`.
    /// - Throws: `StoreError.unknownEdition` with the closest names when there is none.
    public func edition(named name: String) throws -> Edition {
        try read("read editions") { db in try Self.requireEdition(db, name, path: path) }
    }

    /// The edition a command reads: the one named (which must exist), or the default one
    /// (`Edition.defaultChoice`, drafts visible: the command line opens the store itself).
    /// Resolved once, at the edge; the layers below take the `Edition` value.
    /// - Throws: `StoreError.unknownEdition`; `StoreError.noEdition` when the store has none.
    public func resolveEdition(_ name: String?) throws -> Edition {
        if let name { return try edition(named: name) }
        guard let chosen = Edition.defaultChoice(among: try editions(), draftsVisible: true) else {
            throw StoreError.noEdition(path: path)
        }
        return chosen
    }

    /// Creates a draft edition, empty or holding a copy of `previous`'s projects and sites;
    /// `note` (else the previous edition's) is what every output of the edition must say.
    /// - Throws: `StoreError.invalidEditionName`, `.editionExists`, `.unknownEdition` (previous).
    @discardableResult
    public func createEdition(_ name: String, from previous: String? = nil, note: String? = nil) throws -> Edition {
        guard Edition.isUsableName(name) else { throw StoreError.invalidEditionName(path: path, name: name) }
        let path = self.path
        let now = Self.lastChangeTimestamp()
        return try write("create edition \(name)") { db in
            if try Self.fetchEditions(db, where: name).first != nil { throw StoreError.editionExists(path: path, name: name) }
            let inheritedNote = try previous.map { try Self.requireEdition(db, $0, path: path).note } ?? nil
            let boundaryEdition = try String.fetchOne(
                db, sql: "SELECT value FROM \(GeoPackageSchema.metaTable) WHERE key = 'boundary_edition'")
            try db.execute(
                sql: "INSERT INTO \(LedgerSchema.editionsTable) (name, status, based_on, created_at, boundary_edition, note) VALUES (?, 'draft', ?, ?, ?, ?)",
                arguments: [name, previous, now, boundaryEdition, note ?? inheritedNote])
            if let previous {
                for (table, columns) in [(LedgerSchema.investmentsTable, LedgerSchema.investmentColumns),
                                         (LedgerSchema.sitesTable, LedgerSchema.siteColumns)] {
                    let names = (["geom"] + columns.map(\.name)).joined(separator: ", ")
                    let selected = (["geom"] + columns.map { $0.name == "edition" ? "?" : $0.name }).joined(separator: ", ")
                    try db.execute(sql: "INSERT INTO \(table) (\(names)) SELECT \(selected) FROM \(table) WHERE edition = ? ORDER BY fid",
                                   arguments: [name, previous])
                }
                try LedgerSchema.refreshTotals(db, edition: name)
                try db.execute(
                    sql: """
                        INSERT INTO \(LedgerSchema.siteUnitsTable) (edition, site_id, ward_code, overlap_m2, share)
                        SELECT ?, site_id, ward_code, overlap_m2, share FROM \(LedgerSchema.siteUnitsTable) WHERE edition = ? ORDER BY fid
                        """,
                    arguments: [name, previous])
            }
            return try Self.requireEdition(db, name, path: path)
        }
    }

    /// Publishes a draft edition; from then on it cannot change.
    /// - Throws: `.unknownEdition`; `.editionPublished` when it already is.
    @discardableResult
    public func publishEdition(_ name: String) throws -> Edition {
        let path = self.path
        let now = Self.lastChangeTimestamp()
        return try write("publish edition \(name)") { db in
            let edition = try Self.requireEdition(db, name, path: path)
            guard edition.status == .draft else {
                throw StoreError.editionPublished(path: path, name: name, operation: "publish")
            }
            try db.execute(sql: "UPDATE \(LedgerSchema.editionsTable) SET status = 'published', published_at = ? WHERE name = ?",
                           arguments: [now, name])
            return try Self.requireEdition(db, name, path: path)
        }
    }

    /// The edition, which must exist and (when `forWriting`) be a draft.
    static func requireEdition(_ db: Database, _ name: String, path: String, forWriting operation: String? = nil) throws -> Edition {
        guard let edition = try fetchEditions(db, where: name).first else {
            let known = try String.fetchAll(db, sql: "SELECT name FROM \(LedgerSchema.editionsTable) ORDER BY fid")
            throw StoreError.unknownEdition(path: path, name: name, known: ClosestNames.closest(to: name, in: known))
        }
        if let operation, edition.status == .published {
            throw StoreError.editionPublished(path: path, name: name, operation: operation)
        }
        return edition
    }

    private static func fetchEditions(_ db: Database, where name: String?) throws -> [Edition] {
        guard try db.tableExists(LedgerSchema.editionsTable) else { return [] }
        // Stores whose ledger predates `investment_totals`, opened read-only, count the projects.
        let projectCount = try db.tableExists(LedgerSchema.totalsTable)
            ? "(SELECT COALESCE(SUM(count), 0) FROM \(LedgerSchema.totalsTable) t WHERE t.edition = e.name)"
            : "(SELECT COUNT(*) FROM \(LedgerSchema.investmentsTable) i WHERE i.edition = e.name)"
        let condition = name == nil ? "" : "WHERE e.name = ?"
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT e.name, e.status, e.based_on, e.created_at, e.published_at, e.boundary_edition, e.note,
                  \(projectCount),
                  (SELECT COUNT(*) FROM \(LedgerSchema.sitesTable) s WHERE s.edition = e.name)
                FROM \(LedgerSchema.editionsTable) e \(condition) ORDER BY e.fid
                """,
            arguments: name.map { [$0] } ?? [])
        return rows.map { row in
            Edition(name: row[0], status: Edition.Status(rawValue: row[1]) ?? .draft, basedOn: row[2], createdAt: row[3],
                    publishedAt: row[4], boundaryEdition: row[5], note: row[6], projects: row[7], sites: row[8])
        }
    }

    /// Runs `body` in one write transaction (`bulk`: with a large page cache, for writes of
    /// hundreds of megabytes); errors come back as `StoreError` naming the file.
    func write<T>(_ operation: String, bulk: Bool = false, _ body: (Database) throws -> T) throws -> T {
        guard !isReadOnly else {
            throw StoreError.database(path: path, operation: operation, reason: "the store was opened read-only")
        }
        do {
            if bulk { try useBulkWriteCache(true) }
            defer { if bulk { try? useBulkWriteCache(false) } }
            let result = try queue.write(body)
            checkpointAfterWrite()
            return result
        } catch {
            throw Self.storeError(error, path: path, operation: operation)
        }
    }
}
