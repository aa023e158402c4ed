import Foundation
import ZIPFoundation

/// Writes a zip archive whose bytes depend on its members only: members in the order given,
/// deflated, each dated 1980-01-01 00:00 (the earliest date a zip entry holds; ZIPFoundation
/// converts dates in UTC, so the time zone does not matter) with permissions 0644.
enum DeterministicZip {
    /// A member: its path and its bytes, in pieces that are written one after the other.
    struct Member {
        var path: String
        var pieces: [[UInt8]]
    }

    static let modificationDate = Date(timeIntervalSince1970: 315_532_800)

    /// The archive of `members`.
    /// - Throws: ZIPFoundation's errors.
    static func archive(_ members: [Member]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for member in members {
            let size = member.pieces.reduce(0) { $0 + $1.count }
            var reader = PieceReader(pieces: member.pieces)
            try archive.addEntry(with: member.path, type: .file, uncompressedSize: Int64(size), modificationDate: modificationDate,
                                 permissions: 0o644, compressionMethod: .deflate, bufferSize: 1 << 18) { _, length in
                reader.next(length)
            }
        }
        guard let data = archive.data else { throw Archive.ArchiveError.unwritableArchive }
        return data
    }

    /// Hands out the bytes of a member's pieces in order, in chunks of the length asked for.
    private struct PieceReader {
        let pieces: [[UInt8]]
        var piece = 0
        var offset = 0

        mutating func next(_ length: Int) -> Data {
            var chunk = Data(capacity: length)
            while chunk.count < length, piece < pieces.count {
                let current = pieces[piece]
                let take = min(length - chunk.count, current.count - offset)
                chunk.append(contentsOf: current[offset..<(offset + take)])
                offset += take
                if offset == current.count {
                    piece += 1
                    offset = 0
                }
            }
            return chunk
        }
    }
}
