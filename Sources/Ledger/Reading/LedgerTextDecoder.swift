#if canImport(Glibc)
import GeoFormats
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Reference

/// Turns the bytes of a ledger CSV file into UTF-8, telling the encoding from the content: a
/// byte order mark means UTF-8 with BOM; otherwise text that is valid UTF-8 is UTF-8; anything
/// else is read as CP932 (Shift_JIS as Japanese Windows and Excel write it).
///
/// CP932 is converted by the C library's iconv (glibc ships the CP932 table, with the NEC and
/// IBM extensions ①, 髙 … and the Windows mappings such as 0x8160 → ～ U+FF5E), so there is no
/// hand-written conversion table here. A file that is valid in neither fails as a whole.
enum LedgerTextDecoder {
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The text as UTF-8 without a byte order mark, and the encoding it was in.
    /// - Throws: `DataFileError` naming `source`, the line and the byte offset of the first byte
    ///   that is neither valid UTF-8 (after a BOM) nor valid CP932.
    static func decode(_ bytes: [UInt8], source: String) throws -> (utf8: [UInt8], encoding: LedgerTextEncoding) {
        if bytes.starts(with: byteOrderMark) {
            let body = Array(bytes.dropFirst(byteOrderMark.count))
            if let offset = firstInvalidUTF8Offset(body) {
                let fileOffset = offset + byteOrderMark.count
                throw DataFileError(
                    source: source, line: line(at: fileOffset, in: bytes),
                    reason: "starts with a UTF-8 byte order mark, but byte \(hex(bytes[fileOffset])) at offset \(fileOffset) is not valid UTF-8")
            }
            return (body, .utf8WithBOM)
        }
        if firstInvalidUTF8Offset(bytes) == nil {
            return (bytes, .utf8)
        }
        return (try convertFromCP932(bytes, source: source), .cp932)
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence, nil when all is valid.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// `bytes` converted from CP932 to UTF-8 with iconv.
    private static func convertFromCP932(_ bytes: [UInt8], source: String) throws -> [UInt8] {
        let converter = iconv_open("UTF-8", "CP932")
        guard let converter, Int(bitPattern: converter) != -1 else {  // (iconv_t)-1 on failure
            throw DataFileError(source: source, line: nil, reason: "the text is not UTF-8, and this system's iconv has no CP932 converter to try (\(String(cString: strerror(errno))))")
        }
        defer { iconv_close(converter) }
        var input = bytes
        // One CP932 byte (half-width katakana) becomes at most 3 UTF-8 bytes, two bytes at most 3.
        var output = [UInt8](repeating: 0, count: bytes.count * 3)
        var failure: (offset: Int, code: Int32)?
        var written = 0
        input.withUnsafeMutableBytes { inputBuffer in
            output.withUnsafeMutableBytes { outputBuffer in
                var inputPointer = inputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inputLeft = inputBuffer.count
                var outputPointer = outputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outputLeft = outputBuffer.count
                let result = iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
                if result == -1 {  // (size_t)-1 on failure, errno says why
                    failure = (inputBuffer.count - inputLeft, errno)
                }
                written = outputBuffer.count - outputLeft
            }
        }
        if let failure {
            let line = line(at: failure.offset, in: bytes)
            let reason: String
            switch failure.code {
            case EILSEQ:
                reason = "the text is neither UTF-8 nor CP932 (Shift_JIS): byte \(hex(bytes[failure.offset])) at offset \(failure.offset) is not valid CP932"
            case EINVAL:
                reason = "the text is neither UTF-8 nor CP932 (Shift_JIS): the file ends inside a CP932 character at offset \(failure.offset)"
            default:
                reason = "cannot convert the text from CP932: \(String(cString: strerror(failure.code)))"
            }
            throw DataFileError(source: source, line: line, reason: reason)
        }
        output.removeSubrange(written...)
        return output
    }

    /// The 1-based line of byte `offset`. In both UTF-8 and CP932 the byte 0x0A is always a line
    /// feed (CP932 trail bytes start at 0x40), so counting it in the raw bytes is exact.
    private static func line(at offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    private static func hex(_ byte: UInt8) -> String {
        "0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }
}
