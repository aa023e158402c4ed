import Foundation
import TestSupport
import XCTest

/// A small tmpfs mounted for one test: a disk that fills up (ENOSPC at `size`), or, remounted
/// read-only, a folder nobody (not even root) can write. Mounting needs root; where that is not
/// possible the test is skipped on a developer machine and fails under CI (`$CI` set), so that
/// CI never passes without having run it.
final class ScratchMount {
    let url: URL

    init(_ test: XCTestCase, size: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("investmap-mount-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let mounted = try Program.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", url.path])
        guard mounted.status == 0 else {
            try? FileManager.default.removeItem(at: url)
            let reason = "cannot mount a \(size) tmpfs (needs root): \(mounted.errors.trimmingCharacters(in: .whitespacesAndNewlines))"
            if ProcessInfo.processInfo.environment["CI"] != nil { throw Failure(description: reason) }
            throw XCTSkip(reason + " — skipped outside CI only")
        }
        let url = self.url
        test.addTeardownBlock {
            _ = try? Program.run("/bin/umount", ["-l", url.path])
            try? FileManager.default.removeItem(at: url)
        }
    }

    /// Makes the mount read-only: writes fail with EROFS, for root too.
    func remountReadOnly() throws {
        let result = try Program.run("/bin/mount", ["-o", "remount,ro", url.path])
        guard result.status == 0 else { throw Failure(description: "remount read-only: \(result.errors)") }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }
}
