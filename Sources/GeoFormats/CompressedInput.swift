import Foundation

/// The bytes of an input file that may be xz-compressed (the shared data's `.xz` files): read as
/// they are, or through `xz -dc` when the name ends in `.xz` — the one place the project runs xz
/// (no xz library is on the machines; the xz-utils package is, see Scripts/lib/common.sh).
public enum CompressedInput {
    /// The file's content, decompressed when it is `.xz`.
    /// - Throws: `DataFileError` naming the file: unreadable, xz missing, or xz failing.
    public static func contents(of url: URL) throws -> Data {
        guard url.pathExtension == "xz" else {
            do { return try Data(contentsOf: url) } catch {
                throw DataFileError(source: url.path, line: nil, reason: "cannot read the file: \(error.localizedDescription)")
            }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xz", "-dc", "--", url.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw DataFileError(source: url.path, line: nil, reason: "cannot run xz to decompress it: \(error.localizedDescription)")
        }
        // xz writes a line or two to stderr at most, far below a pipe's buffer: reading stdout
        // to its end first cannot block it.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0: return data
        case 127: throw DataFileError(source: url.path, line: nil, reason: "xz is not installed (apt-get install xz-utils), or give an uncompressed file")
        default: throw DataFileError(source: url.path, line: nil, reason: "xz -dc failed (exit \(process.terminationStatus))\(message.isEmpty ? "" : ": \(message)")")
        }
    }
}
