import Foundation
import GeoCore
import GRDB
import Ledger
import Reference

/// What writing a ledger file into an edition changed.
public struct LedgerWriteSummary: Sendable, Equatable {
    /// Rows whose id the edition did not hold.
    public var inserted = 0
    /// Rows whose id it held, with different values (replaced).
    public var updated = 0
    /// Rows identical to what the edition held (importing the same file again changes nothing).
    public var unchanged = 0
    /// Rows of the edition not in the file, removed (only with `replaceAll`).
    public var removed = 0

    public init() {}
}

/// Projects and cluster sites of an edition: written one file at a time, each in one
/// transaction (on any error nothing changes), keyed by (edition, id) so that importing the
/// same file again is idempotent.
extension BoundaryStore {
    /// Writes joined projects into a draft edition: new ids are inserted, known ids replaced;
    /// with `replaceAll`, the edition's projects not in `rows` are removed. Records the import.
    /// - Throws: `StoreError.unknownEdition`, `.editionPublished`, `.database`.
    public func writeProjects(_ rows: [(project: InvestmentProject, join: LedgerJoin)], record: LedgerImportRecord,
                              replaceAll: Bool = false) throws -> LedgerWriteSummary {
        let table = LedgerSchema.investmentsTable
        let columns = ["geom"] + LedgerSchema.investmentColumns.map(\.name)
        return try writeLedgerRows(
            table: table, columns: columns, record: record, replaceAll: replaceAll, ids: rows.map(\.project.id)
        ) { db, existing in
            var summary = LedgerWriteSummary()
            let insert = try BoundStatement(
                db, sql: "INSERT OR REPLACE INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(Self.placeholders(columns.count)))")
            for (project, join) in rows {
                let values = Self.values(project, join, edition: record.edition)
                if let stored = existing[project.id] {
                    if stored == Self.comparable(values) {
                        summary.unchanged += 1
                        continue
                    }
                    summary.updated += 1
                } else {
                    summary.inserted += 1
                }
                try insert.execute([Data(GeoPackageBinary.encode(.point(project.location))).databaseValue] + values)
            }
            return summary
        }
    }

    /// Writes joined cluster sites into a draft edition, with the units each polygon site
    /// overlaps (ward code, overlap in m², share of the site's area); as `writeProjects`.
    public func writeSites(_ rows: [(site: ClusterSite, join: LedgerJoin, overlaps: [(wardCode: String, overlapM2: Double, share: Double)])],
                           record: LedgerImportRecord, replaceAll: Bool = false) throws -> LedgerWriteSummary {
        let table = LedgerSchema.sitesTable
        let columns = ["geom"] + LedgerSchema.siteColumns.map(\.name)
        return try writeLedgerRows(
            table: table, columns: columns, record: record, replaceAll: replaceAll, ids: rows.map(\.site.id)
        ) { db, existing in
            var summary = LedgerWriteSummary()
            let insert = try db.makeStatement(
                sql: "INSERT OR REPLACE INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(Self.placeholders(columns.count)))")
            let insertOverlap = try db.makeStatement(
                sql: "INSERT INTO \(LedgerSchema.siteUnitsTable) (edition, site_id, ward_code, overlap_m2, share) VALUES (?, ?, ?, ?, ?)")
            for (site, join, overlaps) in rows {
                let values: [DatabaseValue] = [
                    record.edition, site.id, site.name, site.plan, site.fields.joined(separator: ";"), site.status.rawValue,
                ].map(\.databaseValue) + Self.joinValues(join)
                // Overlaps are part of what the row is: compare them too.
                let overlapText = overlaps.map { "\($0.wardCode):\($0.overlapM2)" }.joined(separator: ",")
                let blob = Data(GeoPackageBinary.encode(site.geometry))
                let comparable = Self.comparable(values) + "|" + blob.map { String($0, radix: 16) }.joined() + "|" + overlapText
                if let stored = existing[site.id] {
                    let storedOverlaps = try Row.fetchAll(
                        db, sql: "SELECT ward_code, overlap_m2 FROM \(LedgerSchema.siteUnitsTable) WHERE edition = ? AND site_id = ? ORDER BY fid",
                        arguments: [record.edition, site.id]
                    ).map { "\($0[0] as String):\($0[1] as Double)" }.joined(separator: ",")
                    let storedBlob = try Data.fetchOne(db, sql: "SELECT geom FROM \(table) WHERE edition = ? AND id = ?",
                                                          arguments: [record.edition, site.id]) ?? Data()
                    if stored + "|" + storedBlob.map { String($0, radix: 16) }.joined() + "|" + storedOverlaps == comparable {
                        summary.unchanged += 1
                        continue
                    }
                    summary.updated += 1
                } else {
                    summary.inserted += 1
                }
                try insert.execute(arguments: StatementArguments([blob.databaseValue] + values))
                try db.execute(sql: "DELETE FROM \(LedgerSchema.siteUnitsTable) WHERE edition = ? AND site_id = ?",
                               arguments: [record.edition, site.id])
                for overlap in overlaps {
                    try insertOverlap.execute(arguments: [record.edition, site.id, overlap.wardCode, overlap.overlapM2, overlap.share])
                }
            }
            return summary
        }
    }

    /// The projects of an edition with their join, in id order.
    public func projects(edition resolved: Edition) throws -> [(project: InvestmentProject, join: LedgerJoin)] {
        let edition = resolved.name
        return try read("read projects of \(edition)") { db in
            let columns = LedgerSchema.investmentColumns.map(\.name).filter { $0 != "edition" }
            let rows = try Row.fetchCursor(
                db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(LedgerSchema.investmentsTable) WHERE edition = ? ORDER BY id",
                arguments: [edition])
            var result: [(project: InvestmentProject, join: LedgerJoin)] = []
            while let row = try rows.next() {
                let declared: String? = row["declared_code"]
                let size: String? = row["company_size"]
                let budget: String? = row["budget"]
                let attributes = ProjectAttributes(
                    id: row["id"], name: row["name"], plan: row["plan"], field: row["field"], company: row["company"],
                    companySize: size.flatMap(CompanySize.init(rawValue:)), programme: row["programme"], category: row["category"],
                    supportJPY: row["support_jpy"], totalInvestmentJPY: row["total_investment_jpy"], jobs: row["jobs"],
                    wageCommitmentPct: row["wage_commitment_pct"], budget: budget.flatMap { Budget(id: $0) }, adopted: row["adopted"],
                    status: ProjectStatus(rawValue: row["status"]) ?? .planned, announced: row["announced"], address: row["address"],
                    declaredCode: declared.flatMap { try? MunicipalityCode($0) }, source: row["source"])
                let project = InvestmentProject(attributes, location: Coordinate(x: row["lon"], y: row["lat"]),
                                                precision: LocationPrecision(rawValue: row["location_precision"]) ?? .point)
                result.append((project, Self.join(from: row)))
            }
            return result
        }
    }

    /// The cluster sites of an edition with their join, in id order.
    public func sites(edition resolved: Edition) throws -> [(site: ClusterSite, join: LedgerJoin)] {
        let edition = resolved.name
        return try read("read cluster sites of \(edition)") { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM \(LedgerSchema.sitesTable) WHERE edition = ? ORDER BY id", arguments: [edition])
            return try rows.map { row in
                let blob: Data = row["geom"]
                let fields: String = row["fields"]
                let site = ClusterSite(
                    id: row["id"], name: row["name"], plan: row["plan"],
                    fields: fields.isEmpty ? [] : fields.split(separator: ";").map(String.init),
                    status: ProjectStatus(rawValue: row["status"]) ?? .planned, geometry: try GeoPackageBinary.decode([UInt8](blob)).geometry)
                return (site, Self.join(from: row))
            }
        }
    }

    /// Writes the joins of an edition's projects made again on the store's boundary edition
    /// (`edition rejoin`), and records that edition as the one the edition is joined on; one
    /// transaction. Projects not in `joins` keep theirs.
    /// - Throws: `StoreError.unknownEdition`, `.editionPublished`, `.database`.
    public func rejoinProjects(edition name: String, joins: [String: LedgerJoin]) throws {
        let path = self.path
        let boundaries = try boundaryEdition()
        let table = LedgerSchema.investmentsTable
        try write("rejoin \(name)", bulk: true) { db in
            _ = try Self.requireEdition(db, name, path: path, forWriting: "rejoin")
            let update = try db.makeStatement(sql: """
                UPDATE \(table) SET ward_code = ?, municipality_code = ?, prefecture_code = ?, bureau_id = ?, match = ?,
                  sea_distance_km = ?, code_mismatch = ? WHERE edition = ? AND id = ?
                """)
            for id in joins.keys.sorted() {
                try update.execute(arguments: StatementArguments(Self.joinValues(joins[id]!) + [name.databaseValue, id.databaseValue]))
            }
            try LedgerSchema.refreshTotals(db, edition: name)
            try db.execute(sql: "UPDATE \(LedgerSchema.editionsTable) SET boundary_edition = ? WHERE name = ?", arguments: [boundaries, name])
        }
    }

    // MARK: - Helpers

    /// An edition's rows are all joined on one boundary edition: a write on another refuses
    /// while the edition has rows, else records the new one.
    private static func joinEdition(_ db: Database, _ edition: Edition, on boundaries: String?, path: String) throws {
        guard let boundaries, edition.boundaryEdition != boundaries else { return }
        let rows = try Int.fetchOne(db, sql: """
            SELECT (SELECT COUNT(*) FROM \(LedgerSchema.investmentsTable) WHERE edition = ?)
                 + (SELECT COUNT(*) FROM \(LedgerSchema.sitesTable) WHERE edition = ?)
            """, arguments: [edition.name, edition.name]) ?? 0
        if rows > 0, let joined = edition.boundaryEdition {
            throw StoreError.boundaryMismatch(path: path, edition: edition.name, joinedOn: joined, asked: boundaries)
        }
        try db.execute(sql: "UPDATE \(LedgerSchema.editionsTable) SET boundary_edition = ? WHERE name = ?", arguments: [boundaries, edition.name])
    }

    /// The common frame of a ledger write: the edition must be a draft; the rows' previous
    /// values (as `comparable` strings) are read for the ids given; R-tree triggers are off
    /// during the write and the table's R-tree is rebuilt after; the import is recorded.
    private func writeLedgerRows(table: String, columns: [String], record: LedgerImportRecord, replaceAll: Bool, ids: [String],
                                 _ body: (Database, [String: String]) throws -> LedgerWriteSummary) throws -> LedgerWriteSummary {
        let path = self.path
        let now = Self.lastChangeTimestamp()
        let boundaries = try boundaryEdition()
        return try write("import \(record.kind.rawValue) into \(record.edition)", bulk: true) { db in
            let edition = try Self.requireEdition(db, record.edition, path: path, forWriting: "import \(record.kind.rawValue)")
            try Self.joinEdition(db, edition, on: boundaries, path: path)
            var existing: [String: String] = [:]
            let stored = LedgerSchema.columns(of: table).map(\.name)
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(stored.joined(separator: ", ")) FROM \(table) WHERE edition = ?",
                                             arguments: [record.edition])
            while let row = try cursor.next() {
                existing[row["id"]] = Self.comparable(stored.map { row[$0] as DatabaseValue })
            }
            // The R-tree is brought up to date from what this write changed, not rebuilt: a
            // store holds every edition, and one import must not cost the others' rows.
            let fidsBefore = Set(try Int64.fetchAll(db, sql: "SELECT fid FROM \(table) WHERE edition = ?", arguments: [record.edition]))
            let lastFidBefore = try Int64.fetchOne(db, sql: "SELECT IFNULL(MAX(fid), 0) FROM \(table)") ?? 0
            try GeoPackageSchema.dropRTreeTriggers(db, table: table)
            var summary = try body(db, existing)
            if replaceAll {
                let keep = Set(ids)
                let gone = existing.keys.filter { !keep.contains($0) }.sorted()
                for id in gone {
                    try db.execute(sql: "DELETE FROM \(table) WHERE edition = ? AND id = ?", arguments: [record.edition, id])
                    if table == LedgerSchema.sitesTable {
                        try db.execute(sql: "DELETE FROM \(LedgerSchema.siteUnitsTable) WHERE edition = ? AND site_id = ?",
                                       arguments: [record.edition, id])
                    }
                }
                summary.removed = gone.count
            }
            try Self.updateRTree(db, table: table, edition: record.edition, fidsBefore: fidsBefore, lastFidBefore: lastFidBefore,
                                 lastChange: now)
            if table == LedgerSchema.investmentsTable { try LedgerSchema.refreshTotals(db, edition: record.edition) }
            try db.execute(
                sql: """
                    INSERT INTO \(LedgerSchema.importsTable)
                      (edition, kind, file, sha256, encoding, rows_read, accepted, rejected, imported_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [record.edition, record.kind.rawValue, record.file, record.sha256, record.encoding,
                            record.rowsRead, record.accepted, record.rejected, now])
            return summary
        }
    }

    /// Brings a ledger table's R-tree up to date after a write into `edition` made with its
    /// triggers off, then recreates the triggers and recomputes the table's extent in
    /// gpkg_contents from the R-tree. A write of many rows (a quarter of the table, or 20,000
    /// rows) refills the whole tree in one pass (`RTreeBulkLoad`: a million points in about a
    /// second, where inserting them one by one takes 21 s); a small one is applied entry by
    /// entry: the entries of the edition's rows that are gone (replaced rows get new feature
    /// ids, removed ones none) are deleted and the rows written (ids above `lastFidBefore`: the
    /// ids only grow) are added, so that one small import does not cost the other editions' rows.
    private static func updateRTree(_ db: Database, table: String, edition: String, fidsBefore: Set<Int64>, lastFidBefore: Int64,
                                    lastChange: String) throws {
        let rtree = GeoPackageSchema.rtreeName(table)
        let written = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE fid > ?", arguments: [lastFidBefore]) ?? 0
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
        if written >= 20_000 || written * 4 >= total {
            try RTreeBulkLoad.replace(db, rtree: rtree, entries: entries(db, table: table, after: 0))
        } else {
            let fidsAfter = Set(try Int64.fetchAll(db, sql: "SELECT fid FROM \(table) WHERE edition = ?", arguments: [edition]))
            let delete = try db.makeStatement(sql: "DELETE FROM \(rtree) WHERE id = ?")
            for fid in fidsBefore.subtracting(fidsAfter).sorted() {
                try delete.execute(arguments: [fid])
            }
            let insert = try db.makeStatement(sql: "INSERT OR REPLACE INTO \(rtree) (id, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)")
            for entry in try entries(db, table: table, after: lastFidBefore) {
                try insert.execute(arguments: [entry.id, entry.box.minX, entry.box.maxX, entry.box.minY, entry.box.maxY])
            }
        }
        try GeoPackageSchema.createRTreeTriggers(db, table: table)
        let extent = try Row.fetchOne(db, sql: "SELECT MIN(minx), MIN(miny), MAX(maxx), MAX(maxy) FROM \(rtree)")
        let box: [Double?] = extent.map { [$0[0], $0[1], $0[2], $0[3]] } ?? [nil, nil, nil, nil]
        try db.execute(
            sql: "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, last_change = ? WHERE table_name = ?",
            arguments: [box[0], box[1], box[2], box[3], lastChange, table])
    }

    /// The R-tree entries of the table's rows with a feature id above `fid` (empty geometries
    /// have none), in id order.
    private static func entries(_ db: Database, table: String, after fid: Int64) throws -> [RTreeBulkLoad.Entry] {
        var entries: [RTreeBulkLoad.Entry] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT fid, geom FROM \(table) WHERE fid > ? ORDER BY fid", arguments: [fid])
        while let row = try rows.next() {
            let blob = [UInt8](row[1] as Data)
            guard let box = try blob.withUnsafeBytes({ try GeoPackageBinary.envelope(of: $0) })
                    ?? (try? GeoPackageBinary.decode(blob).geometry.boundingBox), !box.isEmpty else { continue }
            entries.append(RTreeBulkLoad.Entry(id: row[0], box: box))
        }
        return entries
    }

    private static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

    /// A row's values (after geom) in `LedgerSchema.investmentColumns` order.
    private static func values(_ p: InvestmentProject, _ join: LedgerJoin, edition: String) -> [DatabaseValue] {
        let own: [DatabaseValue] = [
            edition.databaseValue, p.id.databaseValue, p.name.databaseValue, p.plan.databaseValue, p.field.databaseValue,
            p.company.databaseValue, p.companySize?.rawValue.databaseValue ?? .null, p.programme.databaseValue,
            p.category.databaseValue, p.supportJPY.databaseValue, p.totalInvestmentJPY.databaseValue, p.jobs.databaseValue,
            p.wageCommitmentPct.databaseValue, p.budget?.id.databaseValue ?? .null, p.adopted.databaseValue,
            p.status.rawValue.databaseValue, p.announced.databaseValue, p.address.databaseValue,
            p.locationPrecision.rawValue.databaseValue, p.location.x.databaseValue, p.location.y.databaseValue,
            p.declaredCode?.code5.databaseValue ?? .null, p.source.databaseValue,
        ]
        return own + joinValues(join)
    }

    private static func joinValues(_ join: LedgerJoin) -> [DatabaseValue] {
        [join.wardCode.databaseValue, join.municipalityCode.databaseValue, join.prefectureCode.databaseValue,
         join.bureauID.databaseValue, join.match.rawValue.databaseValue, join.seaDistanceKm.databaseValue,
         (join.codeMismatch ? 1 : 0).databaseValue]
    }

    private static func join(from row: Row) -> LedgerJoin {
        LedgerJoin(wardCode: row["ward_code"], municipalityCode: row["municipality_code"], prefectureCode: row["prefecture_code"],
                   bureauID: row["bureau_id"], match: LedgerJoin.Match(rawValue: row["match"]) ?? .none,
                   seaDistanceKm: row["sea_distance_km"], codeMismatch: (row["code_mismatch"] as Int) != 0)
    }

    /// Values as one string that compares equal exactly when the stored row would not change.
    private static func comparable(_ values: [DatabaseValue]) -> String {
        values.map { value -> String in
            switch value.storage {
            case .null: "\u{0}"
            case .int64(let i): "i\(i)"
            case .double(let d): "d\(d.bitPattern)"
            case .string(let s): "s\(s)"
            case .blob(let b): "b\(b.count)"
            }
        }.joined(separator: "\u{1}")
    }
}

extension LedgerSchema {
    /// The attribute columns of a ledger feature table.
    static func columns(of table: String) -> [(name: String, type: String)] {
        table == investmentsTable ? investmentColumns : siteColumns
    }
}
