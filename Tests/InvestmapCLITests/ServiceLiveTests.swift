import Foundation
import TestSupport
import XCTest

/// The real `investmap serve` on a free port: it answers over TCP, logs one structured line per
/// request with its id and latency, refuses oversized headers with 431, survives thousands of
/// malformed requests (each a 4xx with a JSON body), and stops cleanly on SIGTERM after
/// answering the request under way.
final class ServiceLiveTests: XCTestCase {
    func startServer() throws -> ServerProcess {
        let store = try ServiceFixture.store()
        let tokenFile = store.folder.appendingPathComponent("token")
        try (ServiceFixture.token + "\n").write(to: tokenFile, atomically: true, encoding: .utf8)
        return try ServerProcess(arguments: ["--db", store.db, "--minzoom", "4", "--maxzoom", "6", "--token-file", tokenFile.path])
    }

    func testLiveServerAnswersLogsAndStopsGracefullyOnSIGTERM() throws {
        let server = try startServer()
        let editions = try RawHTTP.get("/editions", port: server.port)
        XCTAssertEqual(editions.status, 200)
        let requestID = try XCTUnwrap(editions.headers["x-request-id"])
        let tile = try RawHTTP.get("/editions/sample/tiles/5/28/12.json", port: server.port, headers: ["Accept-Encoding": "gzip"])
        XCTAssertEqual(tile.status, 200)
        XCTAssertEqual(tile.headers["content-encoding"], "gzip")
        let draft = try RawHTTP.get("/editions/review/tiles.json", port: server.port, headers: ["Authorization": "Bearer \(ServiceFixture.token)"])
        XCTAssertEqual(draft.status, 200, draft.text)

        // Many clients at once, each with its own connection.
        let statuses = Collected<Int>()
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let answer = try? RawHTTP.get("/api/locate?lon=\(135 + Double(i % 8) * 0.5)&lat=\(34 + Double(i / 8) * 0.25)", port: server.port)
            statuses.add(answer?.status ?? -1)
        }
        XCTAssertEqual(statuses.all.filter { $0 != 200 }, [], "every concurrent locate answered 200")

        // A request under way when SIGTERM arrives is still answered.
        let slow = DataBox()
        let done = DispatchGroup()
        done.enter()
        DispatchQueue.global().async {
            if let answer = try? RawHTTP.get("/api/gaps?bureau=kyushu&km=40&format=geojson", port: server.port) {
                slow.data = Data("\(answer.status)".utf8)
            }
            done.leave()
        }
        Thread.sleep(forTimeInterval: 0.05)
        let (status, log) = server.stop()
        done.wait()
        XCTAssertEqual(String(decoding: slow.data, as: UTF8.self), "200", "the request under way was answered")
        XCTAssertEqual(status, 0, log)
        XCTAssertTrue(log.contains("stopped"), log)
        let line = try XCTUnwrap(log.split(separator: "\n").first { $0.contains("hb.request.id=\(requestID)") }, "the request's log line")
        for key in ["method=GET", "path=/editions", "status=200", "ms=", "bytes="] { XCTAssertTrue(line.contains(key), "\(key) in \(line)") }
        XCTAssertFalse(log.contains(ServiceFixture.token), "the token is never logged")
    }

    func testServeRefusesBadStartUpsWithClearErrors() throws {
        let store = try ServiceFixture.store()
        let short = store.folder.appendingPathComponent("short.token")
        try "tooshort\n".write(to: short, atomically: true, encoding: .utf8)
        let notAStore = store.folder.appendingPathComponent("not-a-store.gpkg")
        try "not a database".write(to: notAStore, atomically: true, encoding: .utf8)
        let running = try startServer()
        defer { _ = running.stop() }
        let cases: [(arguments: [String], environment: [String: String], message: String)] = [
            (["--db", store.db, "--mbtiles", "sample=\(store.db)"], [:], "not an MBTiles file"),
            (["--db", store.folder.appendingPathComponent("missing.gpkg").path], [:], "no store here"),
            (["--db", notAStore.path], [:], "not a GeoPackage"),
            (["--db", store.db, "--token-file", store.folder.appendingPathComponent("none").path], [:], "cannot read the token file"),
            (["--db", store.db, "--token-file", short.path], [:], "at least 16 characters"),
            (["--db", store.db], ["INVESTMAP_DRAFT_TOKEN": "short"], "INVESTMAP_DRAFT_TOKEN"),
            (["--db", store.db, "--port", "70000"], [:], "--port must be"),
            (["--db", store.db, "--minzoom", "8", "--maxzoom", "5"], [:], "minzoom ≤ maxzoom"),
            (["--db", store.db, "--public-url", "maps.example.org"], [:], "--public-url"),
            (["--db", store.db, "--port", String(running.port)], [:], "the address is in use"),
            (["--db", store.db, "--mbtiles", "sample"], [:], "EDITION=FILE"),
            (["--db", store.db, "--mbtiles", "nope=\(store.folder.appendingPathComponent("pyramid.mbtiles").path)"], [:], "nope"),
            (["--db", store.db, "--mbtiles", "sample=\(store.db).missing"], [:], "no such file"),
        ]
        for bad in cases {
            let result = try CLI.run(["serve"] + bad.arguments, environment: ServiceFixture.environment.merging(bad.environment) { $1 })
            XCTAssertNotEqual(result.status, 0, bad.arguments.joined(separator: " "))
            XCTAssertTrue(result.stderr.contains(bad.message), "\(bad.arguments): \(result.stderr)")
        }
        XCTAssertEqual(try RawHTTP.get("/editions", port: running.port).status, 200, "the running server was not disturbed")
    }

    func testOversizedHeadersGet431AndTheServerKeepsServing() throws {
        let server = try startServer()
        defer { _ = server.stop() }
        let big = try RawHTTP.get("/editions", port: server.port, headers: ["X-Filler": String(repeating: "a", count: 20_000)])
        XCTAssertEqual(big.status, 431)
        XCTAssertEqual(big.json()?["error"] as? String, "headers_too_large")
        let many = try RawHTTP.get("/editions", port: server.port,
                                   headers: Dictionary(uniqueKeysWithValues: (0..<150).map { ("X-Field-\($0)", "v") }))
        XCTAssertTrue((400..<500).contains(many.status), "\(many.status)")
        let longTarget = try RawHTTP.get("/api/locate?lon=139&lat=35&" + String(repeating: "x", count: 30_000), port: server.port)
        XCTAssertTrue((400..<500).contains(longTarget.status), "\(longTarget.status)")
        XCTAssertEqual(try RawHTTP.get("/editions", port: server.port).status, 200, "still serving")
    }

    func testThousandsOfMalformedRequestsGet4xxJSONAndTheServerKeepsAnswering() throws {
        let server = try startServer()
        defer { _ = server.stop() }
        var generator = MalformedRequests(seed: 20261129)
        let requests = (0..<3000).map { _ in generator.next() }
        let problems = Collected<String>()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for index in stride(from: worker, to: requests.count, by: 8) {
                let request = requests[index]
                do {
                    let answer = try RawHTTP.exchange(request.bytes, port: server.port)
                    let json = answer.json()
                    if !(400..<500).contains(answer.status) || json?["error"] == nil || json?["status"] as? Int != answer.status {
                        problems.add("\(request.label): \(answer.status) \(answer.text.prefix(120))")
                    }
                } catch {
                    problems.add("\(request.label): \(error)")
                }
            }
        }
        XCTAssertEqual(problems.all.count, 0, problems.all.prefix(20).joined(separator: "\n"))
        let good = try RawHTTP.get("/editions/sample/tiles/5/28/12.json", port: server.port)
        XCTAssertEqual(good.status, 200, "the server still answers a good request")
        let (status, log) = server.stop()
        XCTAssertEqual(status, 0)
        XCTAssertFalse(log.contains("unexpected error"), "no request reached an unexpected failure")
    }
}

/// Values collected from several threads.
final class Collected<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value] = []
    func add(_ value: Value) { lock.lock(); values.append(value); lock.unlock() }
    var all: [Value] { lock.lock(); defer { lock.unlock() }; return values }
}

/// Deterministic malformed requests, each of which must get a 4xx: junk paths and
/// percent-encodings, traversal attempts, unknown editions and specs, tile coordinates out of
/// range, non-numeric, huge or out-of-range query values, unknown or repeated parameters, drafts
/// with no or a wrong token, and request lines that are not HTTP at all.
struct MalformedRequests {
    struct Request { var label: String; var bytes: [UInt8] }
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func pick<T>(_ items: [T]) -> T { random.pick(items) }

    /// Random printable junk, percent-encoded where a URL needs it (sometimes raw bytes).
    mutating func junk(_ length: Int) -> String {
        let alphabet = Array("abcXYZ019-_.~%!$&'()*+,;=:@/?#[]{}|\\^`\"<> é東京")
        var text = ""
        for _ in 0..<length { text.append(pick(alphabet)) }
        return text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "x"
    }

    mutating func badNumber() -> String {
        pick(["abc", "", "nan", "inf", "-inf", "1e400", "0x10", "1,5", "１２３", "--1", "1.2.3", String(repeating: "9", count: 60), "%00", "%FF", "1e", "+-1"])
    }

    func request(_ target: String, headers: String = "") -> [UInt8] {
        Array("GET \(target) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\(headers)\r\n".utf8)
    }

    mutating func next() -> Request {
        let kind = Int(random.next() % 14)
        switch kind {
        case 0:
            let target = "/x" + junk(Int(random.next() % 40) + 1)
            return Request(label: "junk path \(target)", bytes: request(target))
        case 1:
            let target = pick(["/editions/", "/editions/sample/", "/editions/sample/maps/", "/editions/sample/tiles/5/"]) + pick(["..", "%2e%2e", "%2E%2E%2F", "..%2f..%2f", "....//", "%252e%252e", ".%00."]) + pick(["/etc/passwd", "%2fetc%2fpasswd", "/../../../../etc/shadow", "/tiles.json.svg"])
            return Request(label: "traversal \(target)", bytes: request(target))
        case 2:
            let target = "/editions/\(junk(Int(random.next() % 20) + 1))z/tiles.json"
            return Request(label: "unknown edition \(target)", bytes: request(target))
        case 3:
            let target = "/editions/sample/maps/\(junk(Int(random.next() % 20) + 1))q.svg"
            return Request(label: "unknown spec \(target)", bytes: request(target))
        case 4:
            let z = pick(["23", "99", "-1", "a", "1e1", "999999999999", "%35"])
            let target = "/editions/sample/tiles/\(z)/\(random.next() % 100)/\(random.next() % 100).json"
            return Request(label: "bad zoom \(target)", bytes: request(target))
        case 5:
            let z = Int(random.next() % 3) + 4
            let target = "/editions/sample/tiles/\(z)/\((1 << z) + Int(random.next() % 1000))/\(random.next() % UInt64(1 << z)).json"
            return Request(label: "column out of range \(target)", bytes: request(target))
        case 6:
            let target = "/api/locate?lon=\(badNumber())&lat=35"
            return Request(label: "locate \(target)", bytes: request(target))
        case 7:
            let target = "/api/locate?lon=139.7&lat=\(pick(["91", "-90.5", "1000", "35&lat=36", "35&junk=1"]))"
            return Request(label: "locate \(target)", bytes: request(target))
        case 8:
            let target = "/api/near?lon=139.7&lat=35.6&km=\(pick(["0", "-3", "3001", "1e9", badNumber()]))"
            return Request(label: "near \(target)", bytes: request(target))
        case 9:
            let target = "/api/gaps?bureau=\(junk(Int(random.next() % 12) + 1))q" + pick(["", "&level=nation", "&km=-1", "&summary=yes"])
            return Request(label: "gaps \(target)", bytes: request(target))
        case 10:
            let target = pick(["/api/stats?level=prefecture&metric=count", "/api/near?lon=139.7&lat=35.6&km=1", "/api/locate?lon=139.7&lat=35.6"])
                + "&\(pick(["x", "callback", "edition%00", "LON", "lat%20"]))=\(junk(4))"
            return Request(label: "unknown parameter \(target)", bytes: request(target))
        case 11:
            let target = pick(["/editions/review/tiles.json", "/editions/review/tiles/5/28/12.json", "/api/stats?level=nation&metric=count&edition=review"])
            let header = pick(["", "Authorization: Bearer wrong-token-\(random.next() % 1000)\r\n", "Authorization: Basic dGVzdDp0ZXN0\r\n", "Authorization: Bearer\r\n"])
            return Request(label: "draft \(target) \(header)", bytes: request(target, headers: header))
        case 12:
            let lines = ["GARBAGE\r\n\r\n", "GET\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "\u{1}\u{2}\u{3} / HTTP/1.1\r\n\r\n", "GET /\u{7f}x HTTP/1.1\r\nHost: a\r\n\r\n",
                         "GET / HTTP/1.1\r\nHost a\r\n\r\n", "GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n"]
            let line = pick(lines)
            return Request(label: "not HTTP \(line.debugDescription)", bytes: Array(line.utf8))
        default:
            let target = "/api/\(pick(["near", "stats", "gaps", "locate"]))?\(pick(["", "=", "&&&", "%", "a=%E0%A4%A", "lon=%C0%AF"]))"
            return Request(label: "broken query \(target)", bytes: request(target))
        }
    }
}
