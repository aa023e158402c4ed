import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes an output file so that a failed run leaves any previous file intact: into a hidden
/// temporary file in the same folder, flushed to disk, then renamed over the target; on any error
/// the temporary file is removed and the target is untouched. The temporary file's name carries
/// the writer's process id, so a later run can tell a killed run's leftover from a live one's
/// (`Leftovers`).
enum AtomicFile {
    /// `body` writes the file's content through the handle.
    static func write(to url: URL, _ body: (FileHandle) throws -> Void) throws {
        try prepare(url, body).commit()
    }

    static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { try $0.write(contentsOf: data) }
    }

    /// Fails unless `url` could be written: its folder exists and is writable, and it is not a
    /// folder. For a check before any work (and before any other output is written).
    static func checkTarget(_ url: URL) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CLIError("\(url.path): cannot write the file: it is a folder")
        }
        let folder = url.deletingLastPathComponent().path
        guard manager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("\(url.path): cannot write the file: folder \(folder) does not exist")
        }
        guard access(folder, W_OK) == 0 else {
            throw CLIError("\(url.path): cannot write the file: folder \(folder) is not writable (\(String(cString: strerror(errno))))")
        }
    }

    /// Writes the file aside, complete and flushed, without putting it in place: `commit()`
    /// does that, `discard()` removes it. For outputs that must be ready before a store commits.
    static func prepare(_ url: URL, _ body: (FileHandle) throws -> Void) throws -> Pending {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CLIError("\(url.path): cannot write the file: it is a folder")
        }
        let folder = url.deletingLastPathComponent()
        let prefix = Leftovers.prefix(for: url.lastPathComponent)
        Leftovers.removeStale(prefix: prefix, in: folder)
        let temporary = folder.appendingPathComponent(Leftovers.name(prefix: prefix))
        guard manager.createFile(atPath: temporary.path, contents: nil) else {
            throw CLIError("\(url.path): cannot create a file in \(folder.path): \(String(cString: strerror(errno)))")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try body(handle)
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
        } catch {
            try? manager.removeItem(at: temporary)
            throw describe(error, writing: url)
        }
        return Pending(target: url, temporary: temporary)
    }

    /// A file written aside (see `prepare`).
    struct Pending {
        let target: URL
        let temporary: URL

        /// Moves the file into place (over any previous one).
        func commit() throws {
            guard rename(temporary.path, target.path) == 0 else {
                let reason = String(cString: strerror(errno))
                discard()
                throw CLIError("\(target.path): cannot move the finished file into place: \(reason)")
            }
        }

        func discard() {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// A write error as one line naming the file and the reason (Foundation's errors print as
    /// a dump of their domain and user info).
    static func describe(_ error: any Error, writing url: URL) -> any Error {
        if error is CLIError { return error }
        return CLIError("\(url.path): cannot write the file: \(reason(error))")
    }

    /// The operating system's reason behind a Foundation error ("No space left on device").
    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        switch CocoaError.Code(rawValue: nsError.code) {
        case .fileWriteOutOfSpace: return String(cString: strerror(ENOSPC))
        case .fileWriteNoPermission: return String(cString: strerror(EACCES))
        case .fileWriteVolumeReadOnly: return String(cString: strerror(EROFS))
        default: return nsError.localizedDescription
        }
    }
}

/// Temporary outputs (`.NAME.partial-PID-UUID`) that runs killed before they could remove them
/// left behind. A run removes those of its own target whose process is gone; a live run's are
/// left alone.
enum Leftovers {
    static func prefix(for name: String) -> String { ".\(name).partial-" }

    static func name(prefix: String) -> String { "\(prefix)\(getpid())-\(UUID().uuidString)" }

    /// Removes every `prefix…` entry of `folder` (file or folder, with SQLite's `-journal`
    /// beside it) whose process id names no running process.
    static func removeStale(prefix: String, in folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0.isNumber }), pid > 0 else { continue }
            // kill with signal 0 only asks whether the process exists.
            if kill(pid, 0) == 0 || errno != ESRCH { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }
}
