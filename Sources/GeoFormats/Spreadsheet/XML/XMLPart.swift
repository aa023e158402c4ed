import Foundation

/// Runs an `XMLScanner` over the bytes of one package part and reports malformed XML as an
/// `XLSXError` naming the file, the part and the line.
enum XMLPart {
    /// Scans `bytes` with `body`. A UTF-8 byte order mark is skipped; UTF-16 text (which OOXML
    /// allows, with its byte order mark) is converted to UTF-8 first (`startingAt` counts in
    /// UTF-8 bytes: give it the bytes of `utf8(_:)`).
    ///
    /// - Parameters:
    ///   - startingAt: where to begin (for the tail of a sheet); end tags of elements opened
    ///     before it are then accepted.
    /// - Throws: `XLSXError` for malformed XML; what `body` throws, unchanged.
    static func scan<Result>(_ bytes: [UInt8], file: String, part: String, startingAt start: Int? = nil,
                             _ body: (inout XMLScanner) throws -> Result) throws -> Result {
        try utf8(bytes).withUnsafeBufferPointer { buffer in
            let hasByteOrderMark = buffer.starts(with: [0xEF, 0xBB, 0xBF])
            var scanner = XMLScanner(bytes: buffer, position: start ?? (hasByteOrderMark ? 3 : 0),
                                     acceptsUnopenedEndTags: start != nil)
            do {
                return try body(&scanner)
            } catch let malformed as MalformedXML {
                let (line, byte) = scanner.location(of: malformed.offset)
                throw XLSXError(file: file, part: part, line: line,
                                reason: "malformed XML at byte \(byte) of the line: \(malformed.reason)")
            }
        }
    }

    /// The part as UTF-8: `bytes` as they are, unless they start with a UTF-16 byte order mark.
    static func utf8(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 2 else { return bytes }
        let isLittleEndian: Bool
        switch (bytes[0], bytes[1]) {
        case (0xFF, 0xFE): isLittleEndian = true
        case (0xFE, 0xFF): isLittleEndian = false
        default: return bytes
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let (low, high) = isLittleEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            units.append(UInt16(high) << 8 | UInt16(low))
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}
