import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// How the store's SQLite connection is opened so that readers never fail because a writer is
/// busy, writers take turns, and a crashed writer leaves nothing that stops the next opener.
///
/// - Journal: WAL (write-ahead log). Readers read the last committed state while a writer
///   writes, instead of getting `database is locked` for the length of an import; a writer that
///   is killed leaves uncommitted frames in `-wal` that every reader ignores and the next writer
///   overwrites. The mode is stored in the file (set by the first writable open), so a read-only
///   opener never has to change it.
/// - The GeoPackage standard calls the container "single-file" when no application has it open.
///   SQLite deletes `-wal` and `-shm` when the last connection closes, and every write here is
///   followed by a checkpoint into the main file (`checkpoint(after:)`), so the `.gpkg` alone is
///   complete whenever no write is under way, even when a process exits without closing.
/// - Writers wait for each other (a busy handler, `writerPatience`), saying so once.
/// - Readers of a WAL file need its `-shm` beside it. In a folder nobody can write (read-only
///   media), no writer can exist either, so such a store is opened as immutable.
/// - A hot rollback journal (a store written by an older build or by GDAL, whose writer
///   crashed) cannot be rolled back by a read-only connection; a read-only opener that may
///   write the file rolls it back first with a short read-write open.
enum StoreConnection {
    /// How long a writer waits for another writer before giving up.
    static let writerPatience: Duration = .seconds(30 * 60)
    /// How long a reader waits for a lock (WAL readers rarely wait: during a WAL recovery, or
    /// when a writer switches an old store from the rollback journal to WAL).
    static let readerPatience: Duration = .seconds(10)
    /// How long the checkpoint after a write waits for readers of an older snapshot.
    static let checkpointPatience: Duration = .seconds(2)
    /// How long a writer waits silently before saying that it waits.
    static let announceAfter: Duration = .milliseconds(200)

    /// Opens the connection; for `readOnly`, recovers a hot rollback journal first and falls
    /// back to immutable mode in a folder nobody can write.
    static func open(path: String, readOnly: Bool, waits: BusyWaits) throws -> DatabaseQueue {
        if readOnly { recoverHotJournal(path: path) }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(readOnly: readOnly, waits: waits))
            // The first read is where SQLite finds (or cannot create) the -shm of a WAL file.
            if readOnly { _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") } }
            return queue
        } catch let error as DatabaseError where readOnly && error.resultCode == .SQLITE_CANTOPEN && canOpenImmutable(path: path) {
            // `immutable=1`: SQLite reads the main file alone, without locks or -shm. Safe here:
            // no process can create the -wal or a journal in this folder, so nobody can write.
            var uri = URLComponents()
            uri.scheme = "file"
            uri.path = URL(fileURLWithPath: path).standardizedFileURL.path
            uri.queryItems = [URLQueryItem(name: "immutable", value: "1")]
            return try DatabaseQueue(path: uri.string ?? path, configuration: configuration(readOnly: true, waits: waits))
        }
    }

    static func configuration(readOnly: Bool, waits: BusyWaits) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.label = "BoundaryStore"
        configuration.busyMode = .callback { tries in waits.shouldRetry(tries: tries, readOnly: readOnly) }
        configuration.prepareDatabase { db in SpatialSQLFunctions.register(in: db) }
        return configuration
    }

    /// Makes the store WAL (once; the mode stays in the file). Returns the mode in effect: on a
    /// file system without shared memory SQLite keeps the rollback journal, which still works,
    /// only without concurrent readers.
    @discardableResult
    static func enableWAL(_ queue: DatabaseQueue) throws -> String {
        try queue.writeWithoutTransaction { db in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
            if mode == "wal" { return mode }
            return try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") ?? mode
        }
    }

    /// Copies the log into the main file and empties it, so the `.gpkg` alone holds every
    /// committed write. Best effort: a reader still on an older snapshot may keep frames in the
    /// log for a moment (the next checkpoint takes them); that is never an error of the write.
    static func checkpoint(_ queue: DatabaseQueue, waits: BusyWaits) {
        waits.quietly(for: checkpointPatience) {
            try? queue.writeWithoutTransaction { db in
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal" else { return }
                try db.checkpoint(.truncate)
            }
        }
    }

    /// Why a writer could not write the store, nil when it can: SQLite opens a file it may not
    /// write read-only without saying so, and the first write would fail after all the work.
    /// The folder must take the write-ahead log beside the file.
    static func whyNotWritable(path: String) -> String? {
        if access(path, W_OK) != 0 {
            return "the file is not writable (\(String(cString: strerror(errno))))"
        }
        let folder = folder(of: path)
        if access(folder, W_OK) != 0 {
            return "folder \(folder) is not writable (\(String(cString: strerror(errno)))); the store's write-ahead log goes beside it"
        }
        return nil
    }

    /// A rollback journal beside the file means a writer in rollback-journal mode died during
    /// a transaction. A read-only connection cannot undo it (`attempt to write a readonly
    /// database`); a short read-write open does, on its first read.
    private static func recoverHotJournal(path: String) {
        let journal = path + "-journal"
        guard let size = (try? FileManager.default.attributesOfItem(atPath: journal))?[.size] as? Int, size > 0,
              access(path, W_OK) == 0, access(folder(of: path), W_OK) == 0 else { return }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        if let queue = try? DatabaseQueue(path: path, configuration: configuration) {
            _ = try? queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
            try? queue.close()
        }
    }

    /// A WAL store whose folder cannot take a -shm or -wal and that has no -wal (a log would hold
    /// committed writes that immutable mode would not see).
    private static func canOpenImmutable(path: String) -> Bool {
        access(folder(of: path), W_OK) != 0 && !FileManager.default.fileExists(atPath: path + "-wal")
    }

    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }
}

/// The busy handler's state: writers wait (up to `StoreConnection.writerPatience`) and say so
/// once after a moment; readers wait a little; checkpoints wait briefly and silently.
public final class BusyWaits: @unchecked Sendable {
    private let lock = NSLock()
    private let announce: (@Sendable () -> Void)?
    private var started: ContinuousClock.Instant?
    private var announced = false
    private var quietLimit: Duration?

    /// - Parameter announce: called once, when a write has waited a moment for another writer.
    public init(announce: (@Sendable () -> Void)? = nil) {
        self.announce = announce
    }

    func shouldRetry(tries: Int, readOnly: Bool) -> Bool {
        let now = ContinuousClock.now
        lock.lock()
        if tries == 0 { started = now }
        let waited = started.map { $0.duration(to: now) } ?? .zero
        let limit = quietLimit ?? (readOnly ? StoreConnection.readerPatience : StoreConnection.writerPatience)
        var say = false
        if quietLimit == nil, !readOnly, !announced, waited >= StoreConnection.announceAfter {
            announced = true
            say = true
        }
        lock.unlock()
        if say { announce?() }
        guard waited < limit else { return false }
        // Short sleeps first (most waits are a commit of a few milliseconds), then 50 ms.
        usleep(useconds_t(min(50_000, 1_000 * (tries + 1))))
        return true
    }

    func quietly(for limit: Duration, _ body: () -> Void) {
        lock.lock()
        quietLimit = limit
        lock.unlock()
        body()
        lock.lock()
        quietLimit = nil
        lock.unlock()
    }
}
