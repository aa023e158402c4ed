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
        if let (bigEndian, bomLength) = utf16Layout(bytes) {
            return (try convertFromUTF16(bytes, bigEndian: bigEndian, skipping: bomLength, source: source),
                    bigEndian ? .utf16BE : .utf16LE)
        }
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

    /// UTF-16 by its byte order mark (FF FE little-endian, FE FF big-endian), or without one by
    /// its zero bytes: text whose characters are mostly below U+0100 (the header, digits,
    /// commas) has a zero in every other byte, which neither UTF-8 nor CP932 text ever has.
    /// Excel's "Unicode text" is UTF-16; read as UTF-8 it would come out as missing columns
    /// full of NULs.
    static func utf16Layout(_ bytes: [UInt8]) -> (bigEndian: Bool, bomLength: Int)? {
        if bytes.starts(with: [0xFF, 0xFE]) { return (false, 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (true, 2) }
        let sample = bytes.prefix(4096)
        guard sample.count >= 4 else { return nil }
        var evenZeros = 0, oddZeros = 0
        for (offset, byte) in sample.enumerated() where byte == 0 {
            if offset % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let pairs = sample.count / 2
        if oddZeros * 2 >= pairs && evenZeros * 10 < oddZeros { return (false, 0) }
        if evenZeros * 2 >= pairs && oddZeros * 10 < evenZeros { return (true, 0) }
        return nil
    }

    /// UTF-16 text as UTF-8.
    private static func convertFromUTF16(_ bytes: [UInt8], bigEndian: Bool, skipping: Int, source: String) throws -> [UInt8] {
        let body = bytes.dropFirst(skipping)
        guard body.count % 2 == 0 else {
            throw DataFileError(source: source, line: nil, reason: "the text looks like UTF-16 but has an odd number of bytes (\(bytes.count))")
        }
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var index = body.startIndex
        while index < body.endIndex {
            let first = UInt16(body[index]), second = UInt16(body[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        var output: [UInt8] = []
        output.reserveCapacity(units.count)
        var line = 1, position = 0
        while position < units.count {
            let unit = units[position]
            var value = UInt32(unit)
            var width = 1
            if UTF16.isLeadSurrogate(unit), position + 1 < units.count, UTF16.isTrailSurrogate(units[position + 1]) {
                value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(units[position + 1]) - 0xDC00)
                width = 2
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw DataFileError(source: source, line: line,
                                    reason: "the text looks like UTF-16 but has an unpaired surrogate at offset \(skipping + position * 2)")
            }
            if scalar == "\n" { line += 1 }
            output.append(contentsOf: String(scalar).utf8)
            position += width
        }
        return output
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
