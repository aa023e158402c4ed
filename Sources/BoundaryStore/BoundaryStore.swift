import Foundation
import GeoCore
import GRDB
import Reference

/// Administrative boundaries at every level in one OGC GeoPackage (1.3) file: one feature table per
/// `UnitLevel` (MULTIPOLYGON, EPSG:4326, R-tree indexed), plus the import's source files and
/// report as attribute tables. QGIS and GDAL open the file directly.
///
/// The file is in WAL journal mode (see `StoreConnection`): readers never wait for a writer,
/// writers take turns, and after every write the log is checkpointed into the main file, so the
/// file is complete on its own whenever no write is in progress. All methods are safe to call
/// from any thread (GRDB serializes access).
public final class BoundaryStore: Sendable {
    /// `$INVESTMAP_DB`, else "./investmap.gpkg".
    public static let defaultPath: String = ProcessInfo.processInfo.environment["INVESTMAP_DB"] ?? "./investmap.gpkg"

    public let path: String
    public let isReadOnly: Bool
    /// The boundary edition read (`--boundaries`): nil for the default, the newest.
    public let boundaries: String?
    /// The suffix of the chosen boundary edition's tables ("" for the default).
    let tableSuffix: String
    let queue: DatabaseQueue
    let waits: BusyWaits

    /// SQLite page cache while replacing the boundaries, in KiB (see `replaceBoundaries`).
    static let bulkWriteCacheKiB = 131_072

    /// Opens the store at `path`. When the file is missing (or an empty SQLite file), `create`
    /// and not `readOnly`, creates the GeoPackage and its tables; an existing GeoPackage without
    /// the store's tables gets them added (when writable).
    /// - Parameters:
    ///   - create: whether a missing file may be created (only an import of boundaries should).
    ///   - waits: what a writer does while another writer holds the store (it waits, up to 30
    ///     minutes, and calls the announcement once).
    /// - Throws: `StoreError.cannotOpen` when the file cannot be opened or created (missing
    ///   folder, unwritable file or folder when writing, missing file in read-only mode or
    ///   without `create`), `StoreError.notAGeoPackage`
    ///   for a file that is not SQLite or is SQLite without the GeoPackage application_id,
    ///   `StoreError.unsupportedSchema` for a store written by a newer schema or a read-only
    ///   GeoPackage without the store's tables.
    ///   - boundaries: the boundary edition to read, when not the default (the store must hold
    ///     it: `StoreError.unknownBoundaries` otherwise).
    public init(path: String, readOnly: Bool = false, create: Bool = true, waits: BusyWaits = BusyWaits(),
                boundaries: String? = nil) throws {
        self.path = path
        self.isReadOnly = readOnly
        self.waits = waits
        self.boundaries = boundaries
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && isDirectory.boolValue {
            throw StoreError.cannotOpen(path: path, reason: "it is a directory")
        }
        if (readOnly || !create) && !exists {
            throw StoreError.cannotOpen(path: path, reason: "no such file")
        }
        if !readOnly && exists, let reason = StoreConnection.whyNotWritable(path: path) {
            throw StoreError.cannotOpen(path: path, reason: "cannot write: \(reason)")
        }
        let queue: DatabaseQueue
        do {
            queue = try StoreConnection.open(path: path, readOnly: readOnly, waits: waits)
        } catch {
            throw Self.storeError(error, path: path, operation: "open")
        }
        self.queue = queue
        tableSuffix = try boundaries.map { try Self.resolveSuffix($0, queue: queue, path: path) } ?? ""
        try prepareSchema(create: create)
    }

    /// The feature table of a level in the chosen boundary edition, at a simplified scale
    /// (nil: full resolution).
    func table(_ level: UnitLevel, scale: String? = nil) -> String {
        level.tableName + (scale.map { "_\($0)" } ?? "") + tableSuffix
    }

    /// Closes the connection now rather than when the store is released: the last connection
    /// to close removes the `-wal` and `-shm` files. The store cannot be used afterwards.
    /// - Throws: `StoreError.database` when SQLite cannot close (a statement still running).
    public func close() throws {
        do {
            try queue.close()
        } catch {
            throw Self.storeError(error, path: path, operation: "close")
        }
    }

    /// Copies the write-ahead log into the main file after a write (see `StoreConnection`).
    func checkpointAfterWrite() {
        StoreConnection.checkpoint(queue, waits: waits)
    }

    // MARK: - Writing

    /// Replaces every boundary layer, the source list and the import report in ONE transaction:
    /// on any error nothing changes. Feature ids restart at 1 and follow the order of `units`.
    /// - Throws: `StoreError.invalidUnit` for a unit whose geometry is not (multi)polygonal, has
    ///   a non-finite coordinate, or whose edition differs from `edition`;
    ///   `StoreError.database` when SQLite fails (disk full, read-only store …).
    @discardableResult
    public func replaceBoundaries(edition: String, sources: [SourceRecord], units: [UnitRecord], report: [ImportReportRow]) throws
        -> BoundaryPlacement {
        try replaceBoundaries(edition: edition, sources: sources, batches: [{ units }], report: { report })
    }

    /// Like `replaceBoundaries(edition:sources:units:report:)`, with the units handed over in
    /// batches that are asked for one after another inside the transaction, and the report
    /// asked for last: a caller can write what it has while it computes the rest on other
    /// threads. Whatever a closure throws rolls the transaction back and is rethrown unchanged.
    ///
    /// Another edition than the store's goes where `place` decides: the store keeps the one it
    /// had beside the new one (the newest is the default), and published ledger editions keep
    /// the joins they were made on.
    @discardableResult
    public func replaceBoundaries(edition: String, sources: [SourceRecord], batches: [() throws -> [UnitRecord]],
                                  report: () throws -> [ImportReportRow]) throws -> BoundaryPlacement {
        guard !isReadOnly else {
            throw StoreError.database(path: path, operation: "replace boundaries", reason: "the store was opened read-only")
        }
        let lastChange = Self.lastChangeTimestamp()
        let path = self.path
        var placement = BoundaryPlacement.asDefault
        do {
            try useBulkWriteCache(true)
            defer { try? useBulkWriteCache(false) }
            try queue.write { db in
                let (suffix, placed) = try Self.place(db, edition: edition, lastChange: lastChange)
                placement = placed
                for level in UnitLevel.allCases {
                    try Self.clear(db, table: level.tableName + suffix)
                }
                var writers: [UnitLevel: UnitTableWriter] = [:]
                for level in UnitLevel.allCases {
                    writers[level] = try UnitTableWriter(db, level: level, table: level.tableName + suffix)
                }
                var index = 0
                for batch in batches {
                    let units: [UnitRecord]
                    do {
                        units = try batch()
                    } catch {
                        throw CommitVeto(reason: error)
                    }
                    for unit in units {
                        defer { index += 1 }
                        guard unit.edition == edition else {
                            throw StoreError.invalidUnit(
                                path: path, index: index, level: unit.level, code: unit.code,
                                reason: "edition \(unit.edition) differs from the import's edition \(edition)")
                        }
                        do {
                            try writers[unit.level]!.insert(unit, db: db)
                        } catch let rejection as UnitTableWriter.Rejection {
                            throw StoreError.invalidUnit(
                                path: path, index: index, level: unit.level, code: unit.code, reason: rejection.reason)
                        }
                    }
                }
                for level in UnitLevel.allCases {
                    let table = level.tableName + suffix
                    try GeoPackageSchema.createRTreeTriggers(db, table: table)
                    let extent = writers[level]!.extent
                    let box: [Double?] = extent.isEmpty ? [nil, nil, nil, nil] : [extent.minX, extent.minY, extent.maxX, extent.maxY]
                    try db.execute(
                        sql: "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, last_change = ? WHERE table_name = ?",
                        arguments: [box[0], box[1], box[2], box[3], lastChange, table])
                }
                let rows: [ImportReportRow]
                do {
                    rows = try report()
                } catch {
                    throw CommitVeto(reason: error)
                }
                try Self.replaceAttributes(db, edition: edition, suffix: suffix, sources: sources, report: rows, lastChange: lastChange)
            }
            checkpointAfterWrite()
            return placement
        } catch let veto as CommitVeto {
            throw veto.reason
        } catch {
            throw Self.storeError(error, path: path, operation: "replace boundaries")
        }
    }

    /// A large page cache on the write connection for a write of hundreds of megabytes (on:
    /// true), or back to SQLite's default, which also frees the cached pages (false). With the
    /// default 2 MB cache the dirty pages of a big transaction spill every few megabytes — into
    /// the WAL, from which every later change of the same page reads it back (a 1 M-row import
    /// spent most of its 110 s in pread of the WAL).
    func useBulkWriteCache(_ on: Bool) throws {
        try queue.inDatabase { db in try db.execute(sql: "PRAGMA cache_size = -\(on ? Self.bulkWriteCacheKiB : 2000)") }
    }

    /// Empties a level's table and R-tree with the triggers dropped, and resets its fid sequence.
    private static func clear(_ db: Database, table: String) throws {
        try GeoPackageSchema.dropRTreeTriggers(db, table: table)
        try db.execute(sql: "DELETE FROM \"\(table)\"")
        try db.execute(sql: "DELETE FROM \(GeoPackageSchema.rtreeName(table))")
        try db.execute(sql: "DELETE FROM sqlite_sequence WHERE name = ?", arguments: [table])
    }

    private static func replaceAttributes(
        _ db: Database, edition: String, suffix: String, sources: [SourceRecord], report: [ImportReportRow], lastChange: String
    ) throws {
        let imports = GeoPackageSchema.importsTable + suffix, reportTable = GeoPackageSchema.reportTable + suffix
        try db.execute(sql: "DELETE FROM \(imports)")
        try db.execute(sql: "DELETE FROM \(reportTable)")
        try db.execute(sql: "DELETE FROM sqlite_sequence WHERE name IN (?, ?)", arguments: [imports, reportTable])
        let insertSource = try db.makeStatement(
            sql: "INSERT INTO \(imports) (edition, file, sha256, features, vertices) VALUES (?, ?, ?, ?, ?)")
        for source in sources {
            try insertSource.execute(arguments: [edition, source.file, source.sha256, source.features, source.vertices])
        }
        let insertRow = try db.makeStatement(sql: "INSERT INTO \(reportTable) (kind, code, detail) VALUES (?, ?, ?)")
        for row in report {
            try insertRow.execute(arguments: [row.kind, row.code, row.detail])
        }
        if suffix.isEmpty {
            try db.execute(
                sql: """
                    INSERT INTO \(GeoPackageSchema.metaTable) (key, value) VALUES ('boundary_edition', ?)
                    ON CONFLICT(key) DO UPDATE SET value = excluded.value
                    """,
                arguments: [edition])
        }
        try db.execute(
            sql: "UPDATE gpkg_contents SET last_change = ? WHERE table_name IN (?, ?, ?)",
            arguments: [lastChange, imports, reportTable, GeoPackageSchema.metaTable])
    }

    // MARK: - Reading

    /// The units of a level ordered by code (then fid); without geometry, `geometry` is an empty
    /// multipolygon and the blobs are not read.
    /// - Throws: `StoreError.corruptGeometry` for a blob that does not decode, `StoreError.database`.
    public func units(_ level: UnitLevel, withGeometry: Bool = true) throws -> [UnitRecord] {
        try fetchUnits(level, withGeometry: withGeometry, where: nil, arguments: [])
    }

    /// The units of a level with the given feature ids (as `unitIDs(_:intersecting:)` returns),
    /// ordered by fid; unknown ids are skipped.
    /// - Throws: `StoreError.corruptGeometry`, `StoreError.database`.
    public func units(_ level: UnitLevel, ids: [Int64], withGeometry: Bool = true) throws -> [UnitRecord] {
        var result: [UnitRecord] = []
        // Stay well under SQLite's limit on bound parameters.
        let sorted = Array(Set(ids)).sorted()
        for start in stride(from: 0, to: sorted.count, by: 10_000) {
            let chunk = Array(sorted[start..<min(start + 10_000, sorted.count)])
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            result += try fetchUnits(level, withGeometry: withGeometry, where: "fid IN (\(placeholders))",
                                     arguments: StatementArguments(chunk))
        }
        return result.sorted { $0.id! < $1.id! }
    }

    func fetchUnits(_ level: UnitLevel, table: String? = nil, withGeometry: Bool, where condition: String?,
                    arguments: StatementArguments) throws -> [UnitRecord] {
        let table = table ?? self.table(level)
        let attributes = GeoPackageSchema.attributeColumns(level).map(\.name)
        let path = self.path
        do {
            return try queue.read { db in
                // A table written before a column existed reads NULL for it.
                let existing = Set(try db.columns(in: table).map { $0.name.lowercased() })
                let columns = ["fid", withGeometry ? "geom" : "NULL"] + attributes.map { existing.contains($0) ? $0 : "NULL" }
                let sql = "SELECT \(columns.joined(separator: ", ")) FROM \"\(table)\""
                    + (condition.map { " WHERE \($0)" } ?? "") + " ORDER BY code, fid"
                var records: [UnitRecord] = []
                let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                while let row = try rows.next() {
                    let fid: Int64 = row[0]
                    var geometry = Geometry.multiPolygon([])
                    if withGeometry {
                        geometry = try row.withUnsafeData(atIndex: 1) { data -> Geometry in
                            guard let data else { return .multiPolygon([]) }
                            do {
                                return try data.withUnsafeBytes { try GeoPackageBinary.decode($0).geometry }
                            } catch {
                                throw StoreError.corruptGeometry(path: path, table: table, fid: fid, reason: "\(error)")
                            }
                        }
                        if case .polygon(let p) = geometry { geometry = .multiPolygon([p]) }
                    }
                    var i = 2
                    func next<T: DatabaseValueConvertible>() -> T? {
                        defer { i += 1 }
                        return row[i]
                    }
                    let code: String? = next(), name: String? = next(), _: String? = next()
                    let prefectureCode: String? = next(), prefectureName: String? = next()
                    let cityCode: String? = next(), bureauID: String? = next()
                    var n03: [String: String?] = [:]
                    if level.keepsN03Attributes {
                        for key in UnitRecord.n03Keys {
                            let value: String? = next()
                            n03[key] = .some(value)
                        }
                    }
                    let edition: String? = next(), population: Double? = next(), households: Double? = next()
                    let sourceParts: Int? = next(), repairNote: String? = next()
                    let fillSource: String? = next(), fillEdition: String? = next()
                    records.append(UnitRecord(
                        code: code, name: name ?? "", level: level,
                        prefectureCode: prefectureCode, prefectureName: prefectureName, cityCode: cityCode, bureauID: bureauID,
                        n03: n03, edition: edition ?? "", population: population, households: households,
                        sourceParts: sourceParts ?? 0, repairNote: repairNote, fillSource: fillSource, fillEdition: fillEdition,
                        geometry: geometry, id: fid))
                }
                return records
            }
        } catch {
            throw Self.storeError(error, path: path, operation: "read \(table)")
        }
    }

    /// The number of units stored at a level.
    /// - Throws: `StoreError.database`.
    public func count(_ level: UnitLevel) throws -> Int {
        try read("count \(table(level))") { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table(level))\"") ?? 0
        }
    }

    /// Feature ids (ascending) of the units whose envelope intersects `box`, from the level's
    /// R-tree. The R-tree keeps 32-bit floats rounded outwards, so this is a superset of the
    /// exact envelope test: a candidate list to refine with the geometry.
    /// - Throws: `StoreError.database`.
    public func unitIDs(_ level: UnitLevel, intersecting box: BoundingBox) throws -> [Int64] {
        guard !box.isEmpty else { return [] }
        let rtree = GeoPackageSchema.rtreeName(table(level))
        return try read("query \(rtree)") { db in
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT id FROM \(rtree)
                    WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ? ORDER BY id
                    """,
                arguments: [box.maxX, box.minX, box.maxY, box.minY])
        }
    }

    /// The edition of the boundaries read (`boundaries`, else the default), nil before the
    /// first import.
    /// - Throws: `StoreError.database`.
    public func boundaryEdition() throws -> String? {
        if let boundaries { return boundaries }
        return try read("read \(GeoPackageSchema.metaTable)") { db in
            try String.fetchOne(db, sql: "SELECT value FROM \(GeoPackageSchema.metaTable) WHERE key = 'boundary_edition'")
        }
    }

    /// The report of the last import, in the order it was written.
    /// - Throws: `StoreError.database`.
    public func importReport() throws -> [ImportReportRow] {
        try read("read \(GeoPackageSchema.reportTable + tableSuffix)") { db in
            try Row.fetchAll(db, sql: "SELECT kind, code, detail FROM \(GeoPackageSchema.reportTable + tableSuffix) ORDER BY fid").map {
                ImportReportRow(kind: $0[0], code: $0[1], detail: $0[2])
            }
        }
    }

    /// The source files of the last import, in the order they were written.
    /// - Throws: `StoreError.database`.
    public func importSources() throws -> [SourceRecord] {
        try read("read \(GeoPackageSchema.importsTable + tableSuffix)") { db in
            try Row.fetchAll(db, sql: "SELECT file, sha256, features, vertices FROM \(GeoPackageSchema.importsTable + tableSuffix) ORDER BY fid").map {
                SourceRecord(file: $0[0], sha256: $0[1], features: $0[2], vertices: $0[3])
            }
        }
    }

    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch {
            throw Self.storeError(error, path: path, operation: operation)
        }
    }

    // MARK: - Schema

    /// Checks what the file holds and creates what is missing (when writable).
    private func prepareSchema(create: Bool) throws {
        do {
            let (applicationID, tableCount, hasMeta) = try queue.read { db in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                 try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0,
                 try db.tableExists(GeoPackageSchema.metaTable))
            }
            if applicationID != GeoPackageSchema.applicationID {
                guard tableCount == 0, !isReadOnly, create else {
                    let id = String(UInt32(bitPattern: applicationID), radix: 16)
                    throw StoreError.notAGeoPackage(
                        path: path,
                        reason: "SQLite application_id is 0x\(id), not 0x47504b47 (\"GPKG\")"
                            + (tableCount == 0 ? (isReadOnly ? " (empty database opened read-only)" : " (an empty file; only `import boundaries` makes a store)") : ""))
                }
            }
            if hasMeta {
                let version = try queue.read { db in
                    try String.fetchOne(db, sql: "SELECT value FROM \(GeoPackageSchema.metaTable) WHERE key = 'schema_version'")
                }
                guard let version, let number = Int(version), number <= GeoPackageSchema.storeSchemaVersion else {
                    throw StoreError.unsupportedSchema(
                        path: path,
                        reason: "store schema version \(version ?? "unknown") is not supported (this build reads ≤ \(GeoPackageSchema.storeSchemaVersion))")
                }
                if isReadOnly {
                    if try queue.read({ try LedgerSchema.investmentsPredateProgrammes($0) }) {
                        throw StoreError.unsupportedSchema(
                            path: path,
                            reason: "its ledger predates programmes and two amounts (amount_jpy); open it once for writing (any import, or `investmap edition create`) to upgrade it")
                    }
                    return
                }
            } else if isReadOnly {
                throw StoreError.unsupportedSchema(path: path, reason: "GeoPackage has no investmap boundary tables")
            }
            let lastChange = Self.lastChangeTimestamp()
            if tableCount == 0 {
                // Only takes effect before the first table exists.
                try queue.inDatabase { db in try db.execute(sql: "PRAGMA page_size = \(GeoPackageSchema.pageSize)") }
            }
            try queue.write { db in
                if !hasMeta {
                    try db.execute(sql: "PRAGMA application_id = \(GeoPackageSchema.applicationID)")
                    let userVersion = try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                    if userVersion < GeoPackageSchema.userVersion {
                        try db.execute(sql: "PRAGMA user_version = \(GeoPackageSchema.userVersion)")
                    }
                    try GeoPackageSchema.createCore(db)
                    try GeoPackageSchema.createAttributeTables(db, lastChange: lastChange)
                }
                // Levels added after a store was created get their tables here.
                for level in UnitLevel.allCases {
                    if try db.tableExists(level.tableName) {
                        try GeoPackageSchema.addMissingColumns(db, table: level.tableName, level: level)
                    } else {
                        try GeoPackageSchema.createFeatureTable(db, level: level, lastChange: lastChange)
                    }
                }
                try LedgerSchema.create(db, lastChange: lastChange)
            }
            // After the schema: the page size cannot change once the file is in WAL mode.
            try StoreConnection.enableWAL(queue)
            checkpointAfterWrite()
        } catch {
            throw Self.storeError(error, path: path, operation: "open")
        }
    }

    // MARK: - Helpers

    /// ISO 8601 UTC with milliseconds, as gpkg_contents.last_change wants: from SOURCE_DATE_EPOCH
    /// (whole seconds) when set, so identical input gives a byte-identical file, else now.
    static func lastChangeTimestamp() -> String {
        let seconds: Double
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap({ Int64($0) }) {
            seconds = Double(epoch)
        } else {
            seconds = Date().timeIntervalSince1970
        }
        let whole = seconds.rounded(.down)
        var time = time_t(whole)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
            Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int((seconds - whole) * 1000))
    }

    /// Maps any error to a `StoreError` naming the file.
    /// Carries a caller's error through GRDB's rollback, to be rethrown as it was.
    private struct CommitVeto: Error {
        let reason: any Error
    }

    static func storeError(_ error: any Error, path: String, operation: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else {
            return .database(path: path, operation: operation, reason: "\(error)")
        }
        let message = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return .notAGeoPackage(path: path, reason: "not an SQLite database (\(message))")
        case .SQLITE_CANTOPEN:
            return .cannotOpen(path: path, reason: message)
        case .SQLITE_FULL:
            return .database(path: path, operation: operation, reason: "the disk is full (\(message))")
        case .SQLITE_BUSY:
            return .database(path: path, operation: operation, reason: "another writer held the store too long (\(message))")
        case .SQLITE_READONLY where operation == "open":
            return .cannotOpen(path: path, reason: "cannot write: \(message)")
        default:
            return .database(path: path, operation: operation, reason: message)
        }
    }
}
