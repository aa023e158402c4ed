import Foundation
import TestSupport
import XCTest

/// Issue 15, the store's side: readers never fail because a writer is busy or died, writers
/// take turns, and a failed command leaves the store and its outputs exactly as they were.
final class StoreReliabilityTests: XCTestCase {
    /// A copy of the service's store (sample published, review a draft) in a fresh folder.
    private func storeCopy(in folder: URL) throws -> URL {
        let db = folder.appendingPathComponent("store.gpkg")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: try ServiceFixture.store().db), to: db)
        return db
    }

    private func synth(_ count: Int, seed: Int, to url: URL) throws {
        let points = try TestData.sharedFile("points/town_points_sample10k.csv")
        let result = try CLI.run(["synth", "--count", String(count), "--seed", String(seed), "--points", points.path, "--out", url.path],
                                 environment: SampleStore.environment)
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    /// `investmap ARGS` started, not waited for; its standard error collected.
    private final class Running: @unchecked Sendable {
        let process = Process()
        private let errors = DataBox(), output = DataBox()
        private let done = DispatchGroup()

        init(_ arguments: [String]) throws {
            process.executableURL = CLI.binary
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(SampleStore.environment) { $1 }
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            for (pipe, box) in [(out, output), (err, errors)] {
                done.enter()
                DispatchQueue.global().async { [done] in
                    box.data = pipe.fileHandleForReading.readDataToEndOfFile()
                    done.leave()
                }
            }
        }

        /// Waits for the exit: status, standard output, standard error.
        func finish() -> (status: Int32, stdout: String, stderr: String) {
            process.waitUntilExit()
            done.wait()
            return (process.terminationStatus, String(decoding: output.data, as: UTF8.self), String(decoding: errors.data, as: UTF8.self))
        }
    }

    // MARK: - Concurrency

    /// The acceptance test: `serve` answers published tiles, maps and queries with no 5xx while
    /// a large import writes into a draft, while a second import waits its turn (saying so), and
    /// after an import is killed with SIGKILL in the middle of its write. Before: every request
    /// reading the store answered 500 `database is locked` during the import, and 500 `attempt
    /// to write a readonly database` after the kill, and the second import failed at once.
    func testServiceAnswersDuringImportsAndAfterAKilledImport() throws {
        let folder = try TemporaryFolder.url(for: self)
        let db = try storeCopy(in: folder)
        let big = folder.appendingPathComponent("big.csv"), small = folder.appendingPathComponent("small.csv")
        try synth(60_000, seed: 11, to: big)
        try synth(2_000, seed: 12, to: small)
        try CLI.runAll([["edition", "create", "bulk", "--db", db.path], ["edition", "create", "later", "--db", db.path],
                        ["edition", "create", "crash", "--db", db.path]])
        let tokenFile = folder.appendingPathComponent("token")
        try (ServiceFixture.token + "\n").write(to: tokenFile, atomically: true, encoding: .utf8)
        let server = try ServerProcess(arguments: ["--db", db.path, "--minzoom", "4", "--maxzoom", "6", "--token-file", tokenFile.path])
        defer { _ = server.stop() }

        // Clients: published tiles and maps, and queries that read the store on every request
        // (each with other parameters, so no answer comes from the cache).
        let answers = Collected<(status: Int, ms: Double, target: String)>()
        let stop = Flag()
        let clients = DispatchGroup()
        for client in 0..<4 {
            clients.enter()
            DispatchQueue.global().async {
                var i = 0
                while !stop.isSet {
                    let targets = [
                        "/api/near?lon=\(135 + Double((i * 7 + client) % 50) * 0.1)&lat=\(34 + Double((i * 3) % 40) * 0.05)&km=\(5 + i % 20)&edition=sample",
                        "/editions/sample/tiles/\(5)/\(27 + i % 3)/\(12 + client % 2).json",
                        "/editions/sample/maps/national_prefecture_amount_per_capita.svg",
                        "/api/stats?level=prefecture&metric=count&edition=sample",
                        "/editions",
                    ]
                    let target = targets[i % targets.count]
                    let started = Date()
                    let status = (try? RawHTTP.get(target, port: server.port).status) ?? -1
                    answers.add((status, Date().timeIntervalSince(started) * 1000, target))
                    i += 1
                }
                clients.leave()
            }
        }

        // 1. A large import, and a second one started while the first writes.
        let first = try Running(["import", "investments", big.path, "--edition", "bulk", "--db", db.path])
        Thread.sleep(forTimeInterval: 1)
        let second = try Running(["import", "investments", small.path, "--edition", "later", "--db", db.path])
        let firstResult = first.finish()
        let secondResult = second.finish()
        XCTAssertEqual(firstResult.status, 0, firstResult.stderr)
        XCTAssertEqual(secondResult.status, 0, secondResult.stderr)
        XCTAssertTrue(firstResult.stdout.contains("60000 rows read"), firstResult.stdout)

        // 2. An import killed (SIGKILL) while its transaction is half written.
        let crashing = try Running(["import", "investments", big.path, "--edition", "crash", "--replace", "--db", db.path])
        let wal = db.path + "-wal"
        let deadline = Date().addingTimeInterval(60)
        while crashing.process.isRunning, Date() < deadline {
            let size = (try? FileManager.default.attributesOfItem(atPath: wal))?[.size] as? Int ?? 0
            if size > 4 << 20 { break }  // the write transaction is under way
            Thread.sleep(forTimeInterval: 0.02)
        }
        XCTAssertTrue(crashing.process.isRunning, "the import was still writing when killed")
        kill(crashing.process.processIdentifier, SIGKILL)
        _ = crashing.finish()
        Thread.sleep(forTimeInterval: 2)  // the clients keep asking after the crash
        stop.set()
        clients.wait()

        let all = answers.all
        let failures = all.filter { $0.status >= 500 || $0.status < 0 }
        XCTAssertEqual(failures.count, 0, "5xx or no answer: \(failures.prefix(5).map { "\($0.status) \($0.target)" })")
        XCTAssertGreaterThan(all.count, 100)
        let latencies = all.map(\.ms).sorted()
        let p99 = latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
        print("live: \(all.count) requests, \(failures.count) 5xx, p99 \(String(format: "%.1f", p99)) ms, max \(String(format: "%.1f", latencies.last ?? 0)) ms")

        // The killed import changed nothing; the store is readable and writable again.
        let list = try CLI.run(["edition", "list", "--format", "json", "--db", db.path])
        XCTAssertEqual(list.status, 0, list.stderr)
        let editions = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let counts = Dictionary(uniqueKeysWithValues: editions.map { ($0["name"] as! String, $0["projects"] as! Int) })
        XCTAssertEqual(counts["crash"], 0, "the killed import committed nothing")
        XCTAssertEqual(counts["bulk"], 60_000)
        XCTAssertEqual(counts["later"], 2_000)
        let after = try CLI.run(["import", "investments", small.path, "--edition", "crash", "--db", db.path])
        XCTAssertEqual(after.status, 0, after.stderr)
        let published = try RawHTTP.get("/editions/sample/tiles/6/56/25.json", port: server.port)
        XCTAssertEqual(published.status, 200)
    }

    /// A second writer waits for the first and says so on standard error, instead of failing
    /// at once with `database is locked`.
    func testSecondWriterWaitsItsTurnWithAMessage() throws {
        let folder = try TemporaryFolder.url(for: self)
        let db = try storeCopy(in: folder)
        let big = folder.appendingPathComponent("big.csv")
        try synth(40_000, seed: 21, to: big)
        try CLI.runAll([["edition", "create", "one", "--db", db.path]])
        let importing = try Running(["import", "investments", big.path, "--edition", "one", "--db", db.path])
        // Ask for other writes while it runs, until one comes while its transaction is open (the
        // write is one transaction at the end of the import; nothing outside shows when it starts).
        var waited = false, attempt = 0
        while importing.process.isRunning, !waited, attempt < 1000 {
            let create = try CLI.run(["edition", "create", "two\(attempt)", "--db", db.path])
            XCTAssertEqual(create.status, 0, create.stderr)
            waited = create.stderr.contains("\(db.path): waiting for another writer…")
            attempt += 1
        }
        XCTAssertTrue(waited, "no write came while the import's transaction was open (\(attempt) tried)")
        XCTAssertEqual(importing.finish().status, 0)
    }

    // MARK: - Failed commands change nothing

    /// Disk full during an import: the import fails naming the store and the reason, and the
    /// store is byte for byte what it was, without a journal or log beside it. (Before: the
    /// store grew by what was written and kept a journal.)
    func testImportOnAFullDiskLeavesTheStoreByteIdentical() throws {
        let source = try storeCopy(in: try TemporaryFolder.url(for: self))
        let ledger = try TemporaryFolder.url(for: self).appendingPathComponent("big.csv")
        try synth(60_000, seed: 31, to: ledger)
        let size = (try FileManager.default.attributesOfItem(atPath: source.path)[.size] as? Int) ?? 0
        // Room for the store and 4 MB more: the import's log outgrows it.
        let mount = try ScratchMount(self, size: "\((size >> 20) + 5)m")
        let db = mount.url.appendingPathComponent("store.gpkg")
        try FileManager.default.copyItem(at: source, to: db)
        try CLI.runAll([["edition", "create", "full", "--db", db.path]])
        let before = try CLI.sha256(db)

        let result = try CLI.run(["import", "investments", ledger.path, "--edition", "full", "--db", db.path])
        XCTAssertNotEqual(result.status, 0)
        let message = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(message.split(separator: "\n").count, 1, message)
        XCTAssertTrue(message.contains(db.path) && message.contains("the disk is full"), message)
        XCTAssertEqual(try CLI.sha256(db), before, "the store is byte for byte as it was")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: mount.url.path), ["store.gpkg"], "no journal, log or other leftover")
    }

    /// `--rejects` to a path that cannot be written fails before the import commits (before:
    /// after, with the rows in the store).
    func testUnwritableRejectsPathFailsBeforeTheCommit() throws {
        let folder = try TemporaryFolder.url(for: self)
        let db = try storeCopy(in: folder)
        let ledger = folder.appendingPathComponent("rows.csv")
        try Data("id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source\nR1,工場,B,,100,1,,,139.69,35.68,,\nR2,bad,B,,x,1,,,139.69,35.68,,\n".utf8)
            .write(to: ledger)
        let before = try CLI.sha256(db)
        for rejects in [folder.appendingPathComponent("missing/rejects.csv").path, folder.path] {
            let result = try CLI.run(["import", "investments", ledger.path, "--edition", "review", "--rejects", rejects, "--db", db.path])
            XCTAssertNotEqual(result.status, 0)
            XCTAssertTrue(result.stderr.contains(rejects), result.stderr)
            XCTAssertEqual(try CLI.sha256(db), before, "nothing committed")
        }
        // A rejects file written aside and moved into place after the commit.
        let rejects = folder.appendingPathComponent("rejects.csv")
        let result = try CLI.run(["import", "investments", ledger.path, "--edition", "review", "--rejects", rejects.path, "--db", db.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(try String(contentsOf: rejects, encoding: .utf8).contains("R2"))
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: folder.path).contains { $0.contains(".partial-") })
    }

    /// A store is only ever made by `import boundaries`: reads and writes naming a missing
    /// store fail without leaving a file (before: `import investments` made a 1 MB store and
    /// then failed), and so does an empty file.
    func testMissingStoreIsNeverCreated() throws {
        let folder = try TemporaryFolder.url(for: self)
        let missing = folder.appendingPathComponent("missing.gpkg").path
        let ledger = folder.appendingPathComponent("rows.csv")
        try Data("id,name,plan,lon,lat\nR1,工場,B,139.69,35.68\n".utf8).write(to: ledger)
        for arguments in [["import", "investments", ledger.path, "--edition", "e"], ["import", "sites", ledger.path, "--edition", "e"],
                          ["edition", "create", "e"], ["edition", "publish", "e"], ["edition", "list"], ["simplify", "--levels", "2km"],
                          ["locate", "139.69", "35.68"], ["units", "--level", "prefecture"]] {
            let result = try CLI.run(arguments + ["--db", missing])
            XCTAssertNotEqual(result.status, 0, arguments.joined(separator: " "))
            XCTAssertTrue(result.stderr.contains("no store here"), "\(arguments): \(result.stderr)")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["rows.csv"], arguments.joined(separator: " "))
        }
        let empty = folder.appendingPathComponent("empty.gpkg")
        FileManager.default.createFile(atPath: empty.path, contents: nil)
        let result = try CLI.run(["edition", "create", "e", "--db", empty.path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: empty.path)[.size] as? Int, 0, "the empty file stays empty")
    }

    /// Killed `tiles` runs leave staging folders and files; the next run removes those whose
    /// process is gone and leaves a running one's alone.
    func testTilesRemovesStaleLeftoversOfKilledRuns() throws {
        let folder = try TemporaryFolder.url(for: self)
        let db = try ServiceFixture.store().db
        // A process id that is surely gone: a finished child's.
        let finished = try Program.run("/bin/sh", ["-c", "echo $$"])
        let gone = Int32(finished.output.trimmingCharacters(in: .whitespacesAndNewlines))!
        let stale = [".tiles.partial-\(gone)-A", ".map.mbtiles.partial-\(gone)-B", ".map.mbtiles.partial-\(gone)-B-journal", ".tiles.old-\(gone)-C"]
        let live = [".tiles.partial-\(getpid())-D", ".tiles.partial-E"]  // this process's; an owner that cannot be told
        for name in stale + live {
            if name.contains("mbtiles") {
                FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data("x".utf8))
            } else {
                try FileManager.default.createDirectory(at: folder.appendingPathComponent(name).appendingPathComponent("4"), withIntermediateDirectories: true)
            }
        }
        let result = try CLI.run(["tiles", "--edition", "sample", "--minzoom", "4", "--maxzoom", "4", "--out", folder.appendingPathComponent("tiles").path,
                                  "--mbtiles", folder.appendingPathComponent("map.mbtiles").path, "--db", db], environment: SampleStore.environment)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)), Set(live + ["tiles", "map.mbtiles"]))
    }

    // MARK: - Read-only stores and full disks, by name and reason

    /// A store in a folder nobody can write (read-only media): read-only commands answer (the
    /// WAL store is opened immutable), writers refuse before working (before: `simplify` worked
    /// 12 s and then failed).
    func testReadOnlyFolderIsReadAndRefusedForWritingAtOnce() throws {
        let mount = try ScratchMount(self, size: "200m")
        let db = mount.url.appendingPathComponent("store.gpkg")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: try ServiceFixture.store().db), to: db)
        try mount.remountReadOnly()
        let list = try CLI.run(["edition", "list", "--db", db.path])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("sample"))
        let locate = try CLI.run(["locate", "139.6917", "35.6895", "--db", db.path])
        XCTAssertEqual(locate.status, 0, locate.stderr)
        let started = Date()
        let simplify = try CLI.run(["simplify", "--db", db.path])
        XCTAssertNotEqual(simplify.status, 0)
        XCTAssertTrue(simplify.stderr.contains("\(db.path): the store is not writable"), simplify.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 3, "refused before the work")
    }

    /// `render` onto a full disk: one line naming the file and the reason (before: a raw
    /// NSCocoaErrorDomain dump).
    func testRenderOnAFullDiskSaysWhichFileAndWhy() throws {
        let mount = try ScratchMount(self, size: "64k")
        FileManager.default.createFile(atPath: mount.url.appendingPathComponent("filler").path, contents: Data(count: 60 << 10))
        let target = mount.url.appendingPathComponent("map.svg")
        let spec = TestPaths.repositoryRoot.appendingPathComponent("Renderers/national_prefecture_amount_per_capita.json")
        let result = try CLI.run(["render", spec.path, "--edition", "sample", "--out", target.path, "--db", try ServiceFixture.store().db],
                                 environment: SampleStore.environment)
        XCTAssertNotEqual(result.status, 0)
        let message = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(message.split(separator: "\n").count, 1, message)
        XCTAssertTrue(message.contains(target.path) && message.contains("No space left on device"), message)
        XCTAssertFalse(message.contains("NSCocoaErrorDomain"), message)
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: mount.url.path).contains { $0.contains("partial") })
    }

    // MARK: - Bad ledger files through the CLI

    func testLedgerFileLimitsAndFolders() throws {
        let folder = try TemporaryFolder.url(for: self)
        let db = try storeCopy(in: folder)
        let result = try CLI.run(["import", "investments", folder.path, "--edition", "review", "--db", db.path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertEqual(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines), "Error: \(folder.path): is a folder, not a ledger file")

        // A 200 MB line: refused at the line limit, quickly, quoting none of it.
        let runaway = folder.appendingPathComponent("runaway.csv")
        FileManager.default.createFile(atPath: runaway.path, contents: nil)
        let handle = try FileHandle(forWritingTo: runaway)
        try handle.write(contentsOf: Data("id,name,plan,lon,lat\n".utf8))
        let block = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<200 { try handle.write(contentsOf: block) }
        try handle.close()
        let started = Date()
        let long = try CLI.run(["import", "investments", runaway.path, "--edition", "review", "--db", db.path])
        let seconds = Date().timeIntervalSince(started)
        XCTAssertNotEqual(long.status, 0)
        XCTAssertLessThan(long.stderr.utf8.count, 400, "the line is not echoed")
        XCTAssertTrue(long.stderr.contains("line 2: the line is longer than the limit of 2097152 bytes"), long.stderr)
        XCTAssertLessThan(seconds, 10)
        print("200 MB line refused in \(String(format: "%.2f", seconds)) s")

        let small = try CLI.run(["import", "investments", runaway.path, "--edition", "review", "--max-file-mb", "100", "--db", db.path])
        XCTAssertTrue(small.stderr.contains("over the limit of 104857600 bytes for a ledger file"), small.stderr)
    }
}

/// A flag set once by one thread and read by others.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}
