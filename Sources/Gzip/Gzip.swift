import CompressNIO
import NIOCore

/// gzip (RFC 1952) through zlib, by way of compress-nio: tiles and maps are written and served
/// gzip-compressed. zlib's gzip header carries no file name and a zero modification time, so the
/// same bytes always compress to the same output.
public enum Gzip {
    /// `bytes` gzip-compressed at zlib's default level.
    public static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        var input = ByteBuffer(bytes: bytes)
        var output = try input.compress(with: .gzip())
        return output.readBytes(length: output.readableBytes) ?? []
    }

    /// The bytes of a gzip stream.
    /// - Throws: compress-nio's error when `bytes` is not a complete gzip stream.
    public static func decompress(_ bytes: [UInt8]) throws -> [UInt8] {
        var input = ByteBuffer(bytes: bytes)
        var output = try input.decompress(with: .gzip())
        return output.readBytes(length: output.readableBytes) ?? []
    }
}
