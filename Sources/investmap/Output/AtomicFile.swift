import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes an output file so that a failed run leaves any previous file intact: into a hidden
/// temporary file in the same folder, flushed to disk, then renamed over the target; on any error
/// the temporary file is removed and the target is untouched.
enum AtomicFile {
    /// `body` writes the file's content through the handle.
    static func write(to url: URL, _ body: (FileHandle) throws -> Void) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CLIError("\(url.path): cannot write the file: it is a folder")
        }
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
        guard manager.createFile(atPath: temporary.path, contents: nil) else {
            throw CLIError("\(url.path): cannot create a file in \(folder.path) (missing folder or no permission)")
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
            guard rename(temporary.path, url.path) == 0 else {
                throw CLIError("\(url.path): cannot move the finished file into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? manager.removeItem(at: temporary)
            throw error
        }
    }

    static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { try $0.write(contentsOf: data) }
    }
}
