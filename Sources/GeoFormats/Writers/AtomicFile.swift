#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The project's one way of writing an output file so that readers see either the old file or the
/// complete new one: the content goes to a hidden temporary file in the same folder (so the rename
/// stays on one file system), is flushed to disk, and is renamed over the destination only when
/// complete. On any error the temporary file is removed and the destination is left as it was.
/// Every writer (exports, maps, rejects files, synthetic ledgers, converted PNG/PDF) goes through
/// here. The temporary name carries the writer's process id, so a later run can tell a killed
/// run's leftover from a live one's (`Leftovers`).
public enum AtomicFile {
    /// Writes the file at `url` with what `body` sends to the output; returns the number of bytes.
    ///
    /// - Throws: `ExportError` naming the path when the destination is a folder, when the temporary
    ///   file cannot be created (missing folder, no permission), written, synced or renamed; what
    ///   `body` throws, after the temporary file was removed: an `ExportError` as it is, any other
    ///   error as an `ExportError` naming the path and the system's reason (Foundation's file
    ///   errors otherwise print as a dump of their user info).
    @discardableResult
    public static func write(to url: URL, _ body: (BufferedFileOutput) throws -> Void) throws -> Int {
        let pending = try prepare(url, body)
        try pending.commit()
        return pending.bytes
    }

    /// Writes `bytes` as the file at `url`.
    /// - Throws: `ExportError` as `write(to:_:)`.
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        try write(to: url) { out in try bytes.withUnsafeBufferPointer { try out.bytes($0) } }
    }

    /// Fails unless `url` could be written: its folder exists and is writable, and it is not a
    /// folder. For a check before any work (and before any other output is written).
    /// - Throws: `ExportError` naming the path and the reason.
    public static func checkTarget(_ url: URL) throws {
        var status = stat()
        if stat(url.path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR {
            throw ExportError(path: url.path, reason: "cannot write the file: it is a folder")
        }
        let folder = url.deletingLastPathComponent().path
        guard stat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw ExportError(path: url.path, reason: "cannot write the file: folder \(folder) does not exist")
        }
        guard access(folder, W_OK) == 0 else {
            throw ExportError(path: url.path, reason: "cannot write the file: folder \(folder) is not writable (\(String(cString: strerror(errno))))")
        }
    }

    /// A file written aside, complete and flushed to disk, not yet in place: `commit()` puts it
    /// there, `discard()` removes it. For outputs that must be ready before a store commits.
    public struct Pending: Sendable {
        public let target: URL
        public let temporary: URL
        /// Bytes written.
        public let bytes: Int

        /// Moves the file into place (over any previous one).
        /// - Throws: `ExportError` when the rename fails (the temporary file is then removed).
        public func commit() throws {
            guard rename(temporary.path, target.path) == 0 else {
                let reason = String(cString: strerror(errno))
                discard()
                throw ExportError(path: target.path, reason: "cannot move the finished file into place: \(reason)")
            }
        }

        public func discard() {
            unlink(temporary.path)
        }
    }

    /// Writes the file aside (see `Pending`); a stale temporary file of the same target that a
    /// killed run left is removed first.
    /// - Throws: `ExportError` as `write(to:_:)`.
    public static func prepare(_ url: URL, _ body: (BufferedFileOutput) throws -> Void) throws -> Pending {
        var written = 0
        let temporary = try aside(url) { temporary in
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else {
                throw ExportError(path: url.path, reason: "cannot create a file in \(url.deletingLastPathComponent().path): \(String(cString: strerror(errno)))")
            }
            var isOpen = true
            defer { if isOpen { close(descriptor) } }
            let output = BufferedFileOutput(descriptor: descriptor, path: url.path)
            try body(output)
            try output.flush()
            // The data must be on disk before the rename makes it the file; otherwise a crash could
            // leave an empty file under the final name.
            guard fsync(descriptor) == 0 else { throw systemError(url.path, "cannot flush the file to disk") }
            isOpen = false
            guard close(descriptor) == 0 else { throw systemError(url.path, "cannot close the file") }
            written = output.bytesWritten
        }
        return Pending(target: url, temporary: temporary, bytes: written)
    }

    /// Lets `produce` make the file at a temporary path beside `url` (for example another program
    /// writing it), then renames it over `url`; removes the temporary file if anything fails.
    /// - Throws: `ExportError` for a destination that is a folder or a failed rename; what
    ///   `produce` throws, as `write(to:_:)` says.
    public static func replace(_ url: URL, produce: (_ temporaryPath: String) throws -> Void) throws {
        let temporary = try aside(url, produce)
        try Pending(target: url, temporary: temporary, bytes: 0).commit()
    }

    /// `produce` makes the file at a fresh temporary path beside `url`, which is returned; on
    /// any error it is removed.
    private static func aside(_ url: URL, _ produce: (_ temporaryPath: String) throws -> Void) throws -> URL {
        var status = stat()
        if stat(url.path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR {
            throw ExportError(path: url.path, reason: "cannot write the file: it is a folder")
        }
        let folder = url.deletingLastPathComponent()
        let prefix = Leftovers.prefix(for: url.lastPathComponent)
        Leftovers.removeStale(prefix: prefix, in: folder)
        let temporary = folder.appendingPathComponent(Leftovers.name(prefix: prefix))
        do {
            try produce(temporary.path)
        } catch {
            unlink(temporary.path)
            if error is ExportError { throw error }
            throw ExportError(path: url.path, reason: "cannot write the file: \(reason(error))")
        }
        return temporary
    }

    /// The operating system's reason behind a Foundation file error ("No space left on device"):
    /// Foundation's errors print as a dump of their domain and user info.
    public static func reason(_ error: any Error) -> String {
        if let error = error as? ExportError { return error.reason }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        switch CocoaError.Code(rawValue: nsError.code) {
        case .fileWriteOutOfSpace: return String(cString: strerror(ENOSPC))
        case .fileWriteNoPermission: return String(cString: strerror(EACCES))
        case .fileWriteVolumeReadOnly: return String(cString: strerror(EROFS))
        default: return "\(error)"
        }
    }

    private static func systemError(_ path: String, _ action: String) -> ExportError {
        ExportError(path: path, reason: "\(action): \(String(cString: strerror(errno)))")
    }
}

/// Temporary outputs (`.NAME.partial-PID-UUID`) that runs killed before they could remove them
/// left behind. A run removes those of its own target whose process is gone; a live run's are
/// left alone.
public enum Leftovers {
    public static func prefix(for name: String) -> String { ".\(name).partial-" }

    public static func name(prefix: String) -> String { "\(prefix)\(getpid())-\(UUID().uuidString)" }

    /// Removes every `prefix…` entry of `folder` (file or folder) whose process id names no
    /// running process.
    public static func removeStale(prefix: String, in folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0.isNumber }), pid > 0 else { continue }
            // kill with signal 0 only asks whether the process exists.
            if kill(pid, 0) == 0 || errno != ESRCH { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }
}
