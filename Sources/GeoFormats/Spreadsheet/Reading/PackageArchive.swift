import Foundation
import ZIPFoundation

/// The zip container of an .xlsx file, opened under the reader's limits: parts (zip members) are
/// looked up by name, ignoring ASCII case as OPC part names do, and inflated into memory after
/// their sizes have been checked.
struct PackageArchive {
    /// The first bytes of an OLE compound file: how Excel saves a password-protected workbook
    /// (the encrypted zip inside a compound file), and how the old .xls format starts.
    static let compoundFileSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    let file: String
    let limits: XLSXLimits
    private let archive: Archive
    private let entries: [String: Entry]
    /// The members' names, in archive order.
    let memberNames: [String]

    /// Opens `url` after checking its size and its first bytes.
    /// - Throws: `XLSXError` when the file cannot be read, is over `limits.maxFileBytes`, or is
    ///   not a zip archive (saying when it is an encrypted workbook or an old .xls file).
    init(url: URL, file: String, limits: XLSXLimits) throws {
        self.file = file
        self.limits = limits
        let head = try Self.checkedHead(of: url, file: file, limits: limits)
        guard head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) else {
            throw XLSXError(file: file, reason: Self.notZipReason(head))
        }
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw XLSXError(file: file, reason: "not a readable zip archive (\(error)): the file may be damaged or cut short")
        }
        var entries: [String: Entry] = [:]
        var names: [String] = []
        for entry in archive where entry.type == .file {
            names.append(entry.path)
            entries[Self.key(entry.path)] = entries[Self.key(entry.path)] ?? entry
        }
        self.entries = entries
        memberNames = names
    }

    /// True when the archive has the part `name`.
    func contains(_ name: String) -> Bool {
        entries[Self.key(name)] != nil
    }

    /// The inflated bytes of the part `name`, or nil when there is no such part.
    /// - Throws: `XLSXError` when the part is over `limits.maxPartBytes`, compresses more than
    ///   `limits.maxCompressionRatio` (as the central directory says, or as it turns out while
    ///   inflating), or cannot be inflated.
    func read(_ name: String) throws -> [UInt8]? {
        guard let entry = entries[Self.key(name)] else { return nil }
        let declared = Int(clamping: entry.uncompressedSize)
        let compressed = max(1, Int(clamping: entry.compressedSize))
        try checkSize(declared, compressed: compressed, part: entry.path)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(declared)
        var checksum = ZipChecksum()
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 18, skipCRC32: true) { chunk in
                guard bytes.count + chunk.count <= declared else {
                    throw XLSXError(file: file, part: entry.path,
                                    reason: "the part inflates to more than the \(declared) bytes the zip directory gives (a damaged file or a zip bomb)")
                }
                chunk.withUnsafeBytes { checksum.update($0) }
                bytes.append(contentsOf: chunk)
            }
        } catch let error as XLSXError {
            throw error
        } catch {
            throw XLSXError(file: file, part: entry.path, reason: "cannot inflate the part (\(error)): the file may be damaged")
        }
        guard checksum.value == entry.checksum else {
            throw XLSXError(file: file, part: entry.path, reason: "the part's checksum does not match: the file is damaged")
        }
        return bytes
    }

    private func checkSize(_ size: Int, compressed: Int, part: String) throws {
        if size > limits.maxPartBytes {
            throw XLSXError(file: file, part: part,
                            reason: "the part is \(Self.sizeText(size)) once inflated, over the limit of \(Self.sizeText(limits.maxPartBytes))")
        }
        if size > limits.compressionRatioFloorBytes, size / compressed > limits.maxCompressionRatio {
            throw XLSXError(file: file, part: part,
                            reason: "the part inflates \(size / compressed) times (\(compressed) to \(size) bytes), over the limit of \(limits.maxCompressionRatio) times (a zip bomb?)")
        }
    }

    /// Up to 512 first bytes of the file, after checking that it can be read and its size.
    private static func checkedHead(of url: URL, file: String, limits: XLSXLimits) throws -> [UInt8] {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw XLSXError(file: file, reason: exists ? "cannot read the file (\(error.localizedDescription))" : "no such file")
        }
        defer { try? handle.close() }
        do {
            let size = Int(try handle.seekToEnd())
            guard size <= limits.maxFileBytes else {
                throw XLSXError(file: file, reason: "the file is \(sizeText(size)), over the limit of \(sizeText(limits.maxFileBytes))")
            }
            try handle.seek(toOffset: 0)
            return Array(try handle.read(upToCount: 512) ?? Data())
        } catch let error as XLSXError {
            throw error
        } catch {
            throw XLSXError(file: file, reason: "cannot read the file (it may be a folder): \(error.localizedDescription)")
        }
    }

    /// Why a file that does not start like a zip archive is not a workbook.
    private static func notZipReason(_ head: [UInt8]) -> String {
        if head.isEmpty { return "the file is empty, not an .xlsx workbook" }
        if head.starts(with: compoundFileSignature) {
            return "not a zip archive but an OLE compound file: a password-protected or encrypted workbook, or an old .xls file (save it as .xlsx, without a password)"
        }
        // Binary formats have control bytes early on; text has none but tabs and line ends.
        if !head.contains(where: { $0 < 0x20 && $0 != ASCII.tab && $0 != ASCII.lineFeed && $0 != ASCII.carriageReturn }) {
            return "not a zip archive but text (a CSV or HTML file named .xlsx?): an .xlsx workbook is a zip file"
        }
        return "not a zip archive: an .xlsx workbook is a zip file"
    }

    private static func key(_ name: String) -> String {
        String(name.drop { $0 == "/" }).lowercased()
    }

    /// `1234 bytes`, `3.5 MiB`, `256 MiB`.
    static func sizeText(_ bytes: Int) -> String {
        guard bytes >= 1 << 20 else { return "\(bytes) bytes" }
        let mebibytes = Double(bytes) / 1_048_576
        return mebibytes >= 10 ? "\(Int(mebibytes.rounded())) MiB" : "\(NumberText.plain((mebibytes * 10).rounded() / 10)) MiB"
    }
}
