import Foundation
import GeoFormats
import Reference

/// Reads a ledger file's bytes, turning I/O failures into `DataFileError`s that name the file.
/// Ledger files are small (thousands of rows), so a CSV is read whole: its encoding is decided
/// over the whole text before any record is parsed.
enum LedgerFileBytes {
    /// The first `limit` bytes of `url` (all of them when `limit` is nil).
    /// - Throws: `DataFileError` when the file cannot be opened or read.
    static func read(_ url: URL, displayName: String, limit: Int? = nil) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DataFileError(source: displayName, line: nil, reason: "cannot read the file: it does not exist")
        }
        guard !isDirectory.boolValue else {
            throw DataFileError(source: displayName, line: nil, reason: "cannot read the file: it is a folder")
        }
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            let data = try limit.map { try handle.read(upToCount: $0) } ?? handle.readToEnd()
            return data.map { Array($0) } ?? []
        } catch {
            throw DataFileError(source: displayName, line: nil, reason: "cannot read the file: \(error.localizedDescription)")
        }
    }
}
