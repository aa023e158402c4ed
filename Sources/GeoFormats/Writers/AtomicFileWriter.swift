#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a file so that readers see either the old file or the complete new one: the content goes
/// to a temporary file in the same folder (so the rename stays on one file system), is flushed to
/// disk, and is renamed over the destination only when complete. On any error the temporary file is
/// removed and the destination is left as it was.
enum AtomicFileWriter {
    /// Writes the file at `url` with what `body` sends to the output; returns the number of bytes.
    ///
    /// - Throws: `ExportError` naming the path when the destination is a folder, when the temporary
    ///   file cannot be created (missing folder, no permission), written, synced or renamed;
    ///   whatever `body` throws, unchanged, after the temporary file was removed.
    static func write(to url: URL, _ body: (JSONOutput) throws -> Void) throws -> Int {
        let path = url.path
        let folder = url.deletingLastPathComponent()
        var status = stat()
        if stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR {
            throw ExportError(path: path, reason: "cannot write the file: it is a folder")
        }
        // Hidden, unique, and recognisable if a crash leaves it behind.
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial").path

        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw ExportError(path: path, reason: "cannot create a file in \(folder.path): \(String(cString: strerror(errno)))")
        }
        var isOpen = true
        do {
            let output = JSONOutput(descriptor: descriptor, path: path)
            try body(output)
            try output.flush()
            // The data must be on disk before the rename makes it the file; otherwise a crash could
            // leave an empty file under the final name.
            guard fsync(descriptor) == 0 else { throw systemError(path, "cannot flush the file to disk") }
            isOpen = false
            guard close(descriptor) == 0 else { throw systemError(path, "cannot close the file") }
            guard rename(temporary, path) == 0 else { throw systemError(path, "cannot move the finished file into place") }
            return output.bytesWritten
        } catch {
            if isOpen { close(descriptor) }
            unlink(temporary)
            throw error
        }
    }

    private static func systemError(_ path: String, _ action: String) -> ExportError {
        ExportError(path: path, reason: "\(action): \(String(cString: strerror(errno)))")
    }
}
