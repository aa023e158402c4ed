import BoundaryStore
import Foundation
import TestSupport
import XCTest

/// Issue 15: readers failed with `database is locked` while a writer wrote, a second writer
/// failed at once, and after a writer crashed the read-only connection could not roll its
/// journal back (`attempt to write a readonly database`) until someone opened the store to write.
final class StoreConcurrencyTests: XCTestCase {
    private func filledStore() throws -> (path: String, store: BoundaryStore) {
        let path = try TemporaryFolder.url(for: self).appendingPathComponent("investmap.gpkg").path
        let store = try BoundaryStore(path: path)
        try store.replaceBoundaries(edition: StoreFixtures.edition, sources: StoreFixtures.sources,
                                    units: StoreFixtures.units(), report: StoreFixtures.report)
        try store.createEdition("base")
        return (path, store)
    }

    private func sqlite3(_ path: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testStoreIsInWALModeAndTheMainFileIsCompleteAfterEveryWrite() throws {
        let (path, store) = try filledStore()
        XCTAssertEqual(try sqlite3(path, "PRAGMA journal_mode"), "wal")
        try store.createEdition("after")
        // Checkpointed: the log is empty while the writer still has the store open.
        let log = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int ?? 0
        XCTAssertEqual(log, 0, "every committed write is in the .gpkg itself")
        let copy = path + ".copy.gpkg"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        XCTAssertEqual(try BoundaryStore(path: copy, readOnly: true).editions().map(\.name), ["base", "after"])
    }

    /// Another process (the sqlite3 shell) in a write transaction on the store, until `release`.
    private final class HeldWriteLock: @unchecked Sendable {
        let process = Process()
        private let input = Pipe(), output = Pipe()

        /// - Parameter kind: EXCLUSIVE keeps every reader out of a rollback-journal store.
        init(_ path: String, kind: String) throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [path]
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            input.fileHandleForWriting.write(Data("BEGIN \(kind);\nINSERT INTO editions (name, status, created_at) VALUES ('held', 'draft', 'now');\n.print locked\n".utf8))
            var seen = Data()
            while !String(decoding: seen, as: UTF8.self).contains("locked") {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                seen += chunk
            }
        }

        func release() {
            input.fileHandleForWriting.write(Data("COMMIT;\n".utf8))
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    func testReaderAnswersWhileAWriterHoldsTheStore() throws {
        let (path, _) = try filledStore()
        let reader = try BoundaryStore(path: path, readOnly: true)
        let writer = try HeldWriteLock(path, kind: "EXCLUSIVE")
        defer { writer.release() }
        XCTAssertEqual(try reader.editions().map(\.name), ["base"], "the reader answers (the last commit) while the writer holds the store")
        XCTAssertNoThrow(try BoundaryStore(path: path, readOnly: true).count(.ward), "and so does a reader opened meanwhile")
    }

    func testSecondWriterWaitsItsTurnAndSaysSo() throws {
        let (path, _) = try filledStore()
        let announced = Counter()
        let second = try BoundaryStore(path: path, waits: BusyWaits { announced.increment() })
        let first = try HeldWriteLock(path, kind: "IMMEDIATE")
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { first.release() }
        let started = Date()
        XCTAssertNoThrow(try second.createEdition("waited"), "the second writer waits instead of failing with `database is locked`")
        XCTAssertGreaterThan(Date().timeIntervalSince(started), 0.5)
        XCTAssertEqual(announced.value, 1, "said once that it waits")
        XCTAssertEqual(try second.editions().map(\.name), ["base", "held", "waited"])
    }

    /// A writer in rollback-journal mode (an older build, GDAL) killed mid-transaction leaves a
    /// hot journal; the next read-only open still reads the last committed state.
    func testReadOnlyOpenRecoversAHotJournal() throws {
        let (path, store) = try filledStore()
        let before = try store.editions().map(\.name)
        XCTAssertEqual(try store.importReport().count, StoreFixtures.report.count)
        try store.close()
        // Back to the rollback journal, as an older build left stores.
        XCTAssertEqual(try sqlite3(path, "PRAGMA journal_mode=DELETE"), "delete")
        // A writer that spills pages into the file and dies before committing.
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        writer.arguments = [path]
        let input = Pipe()
        writer.standardInput = input
        writer.standardOutput = FileHandle.nullDevice
        try writer.run()
        input.fileHandleForWriting.write(Data("""
            PRAGMA cache_size = 2;
            BEGIN;
            DELETE FROM editions;
            WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 20000)
              INSERT INTO import_report (kind, code, detail) SELECT 'crash', NULL, hex(randomblob(100)) FROM n;

            """.utf8))
        let journal = path + "-journal"
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, ((try? FileManager.default.attributesOfItem(atPath: journal))?[.size] as? Int ?? 0) == 0 {
            Thread.sleep(forTimeInterval: 0.01)
        }
        Thread.sleep(forTimeInterval: 0.5)
        kill(writer.processIdentifier, SIGKILL)
        writer.waitUntilExit()
        XCTAssertTrue(FileManager.default.fileExists(atPath: journal), "a hot journal was left")

        let reader = try BoundaryStore(path: path, readOnly: true)
        XCTAssertEqual(try reader.editions().map(\.name), before)
        XCTAssertEqual(try reader.importReport().count, StoreFixtures.report.count, "the half-written rows are gone")
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    func increment() { lock.lock(); count += 1; lock.unlock() }
}
