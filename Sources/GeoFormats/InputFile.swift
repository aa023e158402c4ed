#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Opening input files with POSIX calls (the scanner reads with `read(2)`), turning failures into
/// `FormatError`s that name the file.
enum InputFile {
    /// Opens `url` for reading; the caller owns the descriptor.
    static func open(_ url: URL, file: String) throws -> (descriptor: Int32, size: Int) {
        let descriptor = url.withUnsafeFileSystemRepresentation { path -> Int32 in
            guard let path else { return -1 }
            return Glibc.open(path, O_RDONLY | O_CLOEXEC)
        }
        guard descriptor >= 0 else {
            throw FormatError(file: file, reason: "cannot open the file: \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw FormatError(file: file, reason: "cannot read the file: \(reason)")
        }
        guard status.st_mode & S_IFMT != S_IFDIR else {
            close(descriptor)
            throw FormatError(file: file, reason: "cannot read the file: it is a folder")
        }
        return (descriptor, Int(status.st_size))
    }

    /// True when the file starts like a zip archive: a local file header (`PK\3\4`) or the
    /// end-of-central-directory record of an empty archive (`PK\5\6`).
    static func startsWithZipSignature(_ url: URL, file: String) throws -> Bool {
        let (descriptor, _) = try open(url, file: file)
        defer { close(descriptor) }
        var magic = [UInt8](repeating: 0, count: 4)
        let count = magic.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 4) }
        guard count == 4, magic[0] == 0x50, magic[1] == 0x4B else { return false }
        return (magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6)
    }
}
