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
/// Every writer (exports, maps, synthetic ledgers, converted PNG/PDF) goes through here.
public enum AtomicFile {
    /// Writes the file at `url` with what `body` sends to the output; returns the number of bytes.
    ///
    /// - Throws: `ExportError` naming the path when the destination is a folder, when the temporary
    ///   file cannot be created (missing folder, no permission), written, synced or renamed;
    ///   whatever `body` throws, unchanged, after the temporary file was removed.
    @discardableResult
    public static func write(to url: URL, _ body: (BufferedFileOutput) throws -> Void) throws -> Int {
        var written = 0
        try replace(url) { temporary in
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
        return written
    }

    /// Writes `bytes` as the file at `url`.
    /// - Throws: `ExportError` as `write(to:_:)`.
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        try write(to: url) { out in try bytes.withUnsafeBufferPointer { try out.bytes($0) } }
    }

    /// Lets `produce` make the file at a temporary path beside `url` (for example another program
    /// writing it), then renames it over `url`; removes the temporary file if anything fails.
    /// - Throws: `ExportError` for a destination that is a folder or a failed rename; whatever
    ///   `produce` throws, unchanged.
    public static func replace(_ url: URL, produce: (_ temporaryPath: String) throws -> Void) throws {
        let path = url.path
        var status = stat()
        if stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR {
            throw ExportError(path: path, reason: "cannot write the file: it is a folder")
        }
        // Hidden, unique, and recognisable if a crash leaves it behind.
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial").path
        do {
            try produce(temporary)
            guard rename(temporary, path) == 0 else { throw systemError(path, "cannot move the finished file into place") }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    private static func systemError(_ path: String, _ action: String) -> ExportError {
        ExportError(path: path, reason: "\(action): \(String(cString: strerror(errno)))")
    }
}
