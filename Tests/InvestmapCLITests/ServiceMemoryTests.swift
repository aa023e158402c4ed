import Foundation
import TestSupport
import XCTest

/// Issue 15, defect 3: `--cache-mb` bounds what the server keeps, and a tile the cache lacks
/// costs that one tile's work. Before, `--cache-mb 16` under random tiles took the server from
/// 488 MB to 1,007 MB (more than the default cache), at 56–228 req/s with up to 210 timeouts in
/// 15 s, because every miss rebuilt its whole zoom.
final class ServiceMemoryTests: XCTestCase {
    /// The resident size of a process, in megabytes.
    static func residentMegabytes(_ pid: Int32) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }

    func testASmallCacheHoldsItsBoundUnderRandomTiles() throws {
        let store = try ServiceFixture.store()
        // Zooms 7 and 8 are drawn from the z6 scale: many more tiles than the cache holds.
        let server = try ServerProcess(arguments: ["--db", store.db, "--minzoom", "4", "--maxzoom", "8", "--cache-mb", "16"])
        defer { _ = server.stop() }
        XCTAssertEqual(try RawHTTP.get("/editions/sample/tiles/5/28/12.json", port: server.port).status, 200)
        XCTAssertEqual(try RawHTTP.get("/api/locate?lon=139.69&lat=35.69", port: server.port).status, 200)
        let start = Self.residentMegabytes(server.process.processIdentifier)

        let answers = Collected<(status: Int, ms: Double)>()
        let clients = DispatchGroup()
        let deadline = Date().addingTimeInterval(6)
        for client in 0..<4 {
            clients.enter()
            DispatchQueue.global().async {
                var random = SystemRandomNumberGenerator()
                _ = client
                while Date() < deadline {
                    let z = Int.random(in: 6...8, using: &random), n = Double(1 << z)
                    let lon = Double.random(in: 130...142, using: &random), lat = Double.random(in: 32...40, using: &random)
                    let x = Int((lon + 180) / 360 * n)
                    let r = lat * Double.pi / 180
                    let y = Int((1 - log(tan(r) + 1 / cos(r)) / Double.pi) / 2 * n)
                    let started = Date()
                    let status = (try? RawHTTP.get("/editions/sample/tiles/\(z)/\(x)/\(y).json", port: server.port).status) ?? -1
                    answers.add((status, Date().timeIntervalSince(started) * 1000))
                }
                clients.leave()
            }
        }
        clients.wait()
        let end = Self.residentMegabytes(server.process.processIdentifier)
        let all = answers.all
        XCTAssertGreaterThan(all.count, 50)
        let failed = all.filter { $0.status != 200 && $0.status != 404 }
        XCTAssertEqual(failed.count, 0, "statuses: \(Set(failed.map(\.status)))")
        let latencies = all.map(\.ms).sorted()
        print("random tiles with --cache-mb 16: \(all.count) answers in 6 s, p50 \(String(format: "%.1f", latencies[latencies.count / 2])) ms, "
              + "p99 \(String(format: "%.1f", latencies[latencies.count * 99 / 100])) ms; RSS \(Int(start)) → \(Int(end)) MB")
        // What the cache may hold, and room for the work under way and the allocator's slack.
        XCTAssertLessThanOrEqual(end, start + 16 + 96, "RSS \(Int(start)) → \(Int(end)) MB with --cache-mb 16")
    }
}
