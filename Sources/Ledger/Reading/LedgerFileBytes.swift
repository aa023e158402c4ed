import Foundation
import GeoFormats
import Reference

/// Reads a ledger file's bytes, turning I/O failures into `DataFileError`s that name the file.
/// Ledger files are read whole (a CSV's encoding is decided over the whole text before any
/// record is parsed), within `LedgerLimits`: the size is checked before reading, and a line
/// longer than the line limit stops the reading there, so neither a huge file nor a file
/// without line breaks is ever held in memory.
enum LedgerFileBytes {
    /// Fails unless `url` is a file no larger than `limits.maxFileBytes`.
    /// - Throws: `DataFileError` for a missing file, a folder, or a file over the limit.
    static func checkSize(_ url: URL, displayName: String, limits: LedgerLimits) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DataFileError(source: displayName, line: nil, reason: "cannot read the file: it does not exist")
        }
        guard !isDirectory.boolValue else {
            throw DataFileError(source: displayName, line: nil, reason: "cannot read the file: it is a folder, not a ledger file")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int ?? 0
        if size > limits.maxFileBytes {
            throw DataFileError(
                source: displayName, line: nil,
                reason: "the file is \(size) bytes, over the limit of \(limits.maxFileBytes) bytes for a ledger file (raise it with --max-file-mb)")
        }
    }

    /// The first `limit` bytes of `url` (all of them when `limit` is nil). With `maxLineBytes`,
    /// fails at the first line (bytes between line breaks) longer than that.
    /// - Throws: `DataFileError` when the file cannot be opened or read, or a line is too long.
    static func read(_ url: URL, displayName: String, limit: Int? = nil, maxLineBytes: Int? = nil) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DataFileError(source: displayName, line: nil, reason: "cannot read the file: it does not exist")
        }
        guard !isDirectory.boolValue else {
            throw DataFileError(source: displayName, line: nil, reason: "cannot read the file: it is a folder, not a ledger file")
        }
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw DataFileError(source: displayName, line: nil, reason: "cannot read the file: \(error.localizedDescription)")
        }
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        var line = 1, lineBytes = 0
        while limit.map({ bytes.count < $0 }) ?? true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: min(1 << 20, limit.map { $0 - bytes.count } ?? Int.max))
            } catch {
                throw DataFileError(source: displayName, line: nil, reason: "cannot read the file: \(error.localizedDescription)")
            }
            guard let chunk, !chunk.isEmpty else { break }
            if let maxLineBytes {
                // Over the raw bytes: Data's iterator costs more than the rest of the reading.
                let tooLong = chunk.withUnsafeBytes { raw -> Bool in
                    for byte in raw {
                        if byte == 0x0A || byte == 0x0D {
                            if byte == 0x0A { line += 1 }
                            lineBytes = 0
                        } else {
                            lineBytes += 1
                            if lineBytes > maxLineBytes { return true }
                        }
                    }
                    return false
                }
                if tooLong {
                    throw DataFileError(
                        source: displayName, line: line,
                        reason: "the line is longer than the limit of \(maxLineBytes) bytes (a missing line break?)")
                }
            }
            bytes += chunk
        }
        return bytes
    }
}
