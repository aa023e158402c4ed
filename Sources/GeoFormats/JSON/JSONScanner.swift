#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte-level pull tokenizer over one JSON document, read from a file descriptor in fixed-size
/// chunks.
///
/// Why by hand: Foundation's `JSONSerialization` and `JSONDecoder` need the whole document in
/// memory, build a tree of boxed values (`NSNumber`, `NSDictionary`) before the caller sees any of
/// it, and cannot pause between features. The full-resolution N03 file is 340 MB; this scanner
/// holds one chunk (plus the token that straddles its end), and the readers pull exactly the
/// values they need: coordinates go straight into `[Coordinate]`, unknown members are skipped
/// without being built.
///
/// Buffer discipline: `buffer[end]` is always 0. That sentinel stops every scanning loop without
/// a bounds check; a loop that stops on it *at* `end` (rather than on a real NUL byte) calls
/// `refill()`, which keeps the bytes from `position` (the start of the current token) or from an
/// active capture, and the token is scanned again. Token methods therefore move `position` only
/// once their token is complete, and indices into the buffer are not kept across a refill.
struct JSONScanner: ~Copyable {
    /// Default chunk size for streaming.
    static let defaultChunkSize = 1 << 20
    /// A single token (string, number) or captured value longer than this is refused rather than
    /// growing the buffer without bound.
    static let maximumTokenSize = 1 << 30
    /// Containers nested deeper than this are refused (guards the recursive skipper's stack).
    static let maximumDepth = 512

    private let fileDescriptor: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    /// Bytes the buffer can hold, not counting the sentinel.
    private var capacity: Int
    private(set) var position = 0
    private var end = 0
    private(set) var reachedEndOfFile = false
    /// 1-based line of `position`; newlines only occur in whitespace in valid JSON, so the
    /// whitespace skipper counts them.
    private(set) var line = 1
    /// Start of a value whose raw text is being captured, or -1.
    private var captureStart = -1

    /// Takes ownership of `fileDescriptor` (closed when the scanner goes away).
    init(fileDescriptor: Int32, chunkSize: Int = JSONScanner.defaultChunkSize) {
        self.fileDescriptor = fileDescriptor
        capacity = max(chunkSize, 64)
        // Sentinel byte plus a little slack.
        buffer = .allocate(capacity: capacity + 8)
        buffer.initialize(repeating: 0, count: capacity + 8)
    }

    deinit {
        buffer.deallocate()
        close(fileDescriptor)
    }

    // MARK: - Buffer

    /// Reads more input after the bytes still needed (from `position`, or from the capture start).
    /// Moves those bytes to the front of the buffer first, growing it only when a single token
    /// fills it. Sets `reachedEndOfFile` when the file has no more bytes.
    @inline(never)
    mutating func refill() throws(ParseFailure) {
        guard !reachedEndOfFile else { return }
        let keep = captureStart >= 0 ? min(captureStart, position) : position
        if keep > 0 {
            let kept = end - keep
            if kept > 0 { memmove(buffer, buffer + keep, kept) }
            position -= keep
            if captureStart >= 0 { captureStart -= keep }
            end = kept
        }
        if end == capacity { try grow() }
        while true {
            let count = read(fileDescriptor, buffer + end, capacity - end)
            if count > 0 {
                end += count
                break
            }
            if count == 0 {
                reachedEndOfFile = true
                break
            }
            if errno == EINTR { continue }
            throw ParseFailure("read error: \(String(cString: strerror(errno)))", line: line)
        }
        buffer[end] = 0
    }

    private mutating func grow() throws(ParseFailure) {
        guard capacity < JSONScanner.maximumTokenSize else {
            throw ParseFailure("a single JSON value is longer than \(JSONScanner.maximumTokenSize >> 20) MiB", line: line)
        }
        let newCapacity = min(capacity * 2, JSONScanner.maximumTokenSize)
        let newBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity + 8)
        newBuffer.initialize(repeating: 0, count: newCapacity + 8)
        newBuffer.update(from: buffer, count: end)
        buffer.deallocate()
        buffer = newBuffer
        capacity = newCapacity
    }

    /// True when every byte of the file has been consumed.
    var isAtEndOfFile: Bool { position == end && reachedEndOfFile }

    /// Consumes the byte at `position` (one the caller has just peeked).
    @inline(__always)
    mutating func advance() {
        position += 1
    }

    // MARK: - Document start

    /// Checks the first bytes: accepts and skips a UTF-8 byte order mark, refuses UTF-16/UTF-32
    /// (with or without a BOM), compressed files and empty files.
    mutating func startDocument() throws(ParseFailure) {
        while end - position < 6 && !reachedEndOfFile { try refill() }
        let available = end - position
        let b = buffer + position
        func has(_ bytes: [UInt8]) -> Bool {
            available >= bytes.count && bytes.indices.allSatisfy { b[$0] == bytes[$0] }
        }
        if has([0xEF, 0xBB, 0xBF]) {
            position += 3
        } else if has([0x00, 0x00, 0xFE, 0xFF]) || has([0xFF, 0xFE, 0x00, 0x00]) {
            throw ParseFailure("unsupported text encoding: UTF-32 (expected UTF-8)", line: 1)
        } else if has([0xFE, 0xFF]) || has([0xFF, 0xFE]) {
            throw ParseFailure("unsupported text encoding: UTF-16 (expected UTF-8)", line: 1)
        } else if available >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0
                    || available >= 4 && b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0 {
            throw ParseFailure("unsupported text encoding: UTF-32 (expected UTF-8)", line: 1)
        } else if available >= 2 && (b[0] == 0) != (b[1] == 0) {
            throw ParseFailure("unsupported text encoding: UTF-16 (expected UTF-8)", line: 1)
        } else if has([0x1F, 0x8B]) {
            throw ParseFailure("not JSON: the file is gzip-compressed (decompress it first)", line: 1)
        } else if has([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) {
            throw ParseFailure("not JSON: the file is xz-compressed (decompress it first)", line: 1)
        }
        if try peek() == 0 && isAtEndOfFile {
            throw ParseFailure("not JSON: the file is empty", line: line)
        }
    }

    /// After the top-level value: only whitespace may follow.
    mutating func finishDocument() throws(ParseFailure) {
        _ = try peek()
        guard isAtEndOfFile else {
            throw ParseFailure("invalid JSON: unexpected \(describeByte(buffer[position])) after the end of the document", line: line)
        }
    }

    // MARK: - Structure

    /// The next byte that is not whitespace, without consuming it; 0 at the end of the file (or
    /// for a NUL byte in the data, which every caller rejects).
    @inline(__always)
    mutating func peek() throws(ParseFailure) -> UInt8 {
        let byte = buffer[position]
        if byte > 0x20 { return byte }
        return try skipWhitespace()
    }

    private mutating func skipWhitespace() throws(ParseFailure) -> UInt8 {
        var p = position
        while true {
            let byte = buffer[p]
            switch byte {
            case 0x20, 0x09, 0x0D:
                p += 1
            case 0x0A:
                line += 1
                p += 1
            case 0:
                position = p
                guard p == end && !reachedEndOfFile else { return 0 }
                try refill()
                p = position
            default:
                position = p
                return byte
            }
        }
    }

    /// Consumes `byte` if it is next (after whitespace).
    @inline(__always)
    mutating func consume(_ byte: UInt8) throws(ParseFailure) -> Bool {
        guard try peek() == byte else { return false }
        position += 1
        return true
    }

    /// Consumes `byte` or fails saying what was expected.
    @inline(__always)
    mutating func expect(_ byte: UInt8, _ expectation: String) throws(ParseFailure) {
        guard try peek() == byte else { throw unexpected(expecting: expectation) }
        position += 1
    }

    /// After a member or element: consumes a comma (true: another follows) or the closing
    /// bracket (false: the container ended).
    @inline(__always)
    mutating func commaOrEnd(_ closing: UInt8) throws(ParseFailure) -> Bool {
        let byte = try peek()
        if byte == UInt8(ascii: ",") {
            position += 1
            return true
        }
        if byte == closing {
            position += 1
            return false
        }
        throw unexpected(expecting: closing == UInt8(ascii: "]") ? "',' or ']'" : "',' or '}'")
    }

    /// Reads a member name and the colon after it, handing the name's UTF-8 bytes to `classify`
    /// (without making a `String` unless the name has escapes).
    @inline(__always)
    mutating func readKey<Result>(_ classify: (UnsafeRawBufferPointer) -> Result) throws(ParseFailure) -> Result {
        guard try peek() == UInt8(ascii: "\"") else { throw unexpected(expecting: "a member name in double quotes") }
        let raw = try scanString()
        let result: Result
        if raw.hasEscapes {
            var name = try unescape(raw)
            result = name.withUTF8 { classify(UnsafeRawBufferPointer($0)) }
        } else {
            result = classify(UnsafeRawBufferPointer(start: buffer + raw.start, count: raw.count))
        }
        try expect(UInt8(ascii: ":"), "':' after the member name")
        return result
    }

    // MARK: - Numbers

    @inline(__always)
    static func isNumberStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte &- UInt8(ascii: "0") < 10
    }

    /// Reads a number at `position` (the caller has peeked a number start).
    @inline(__always)
    mutating func readNumber() throws(ParseFailure) -> Double {
        let scan = try scanNumberInPlace()
        position += scan.length
        return scan.value
    }

    /// Reads a number and returns its value and its text as written.
    mutating func readNumberKeepingText() throws(ParseFailure) -> (value: Double, text: String) {
        let scan = try scanNumberInPlace()
        let text = text(from: position, count: scan.length)
        position += scan.length
        return (scan.value, text)
    }

    /// Scans the number at `position` once its whole text is in the buffer; `position` does not move.
    @inline(__always)
    private mutating func scanNumberInPlace() throws(ParseFailure) -> DecimalNumber.Scan {
        // Keep a margin so that ordinary numbers never run into the end of the buffer.
        if end - position < 64 && !reachedEndOfFile { try refill() }
        while true {
            guard JSONScanner.isNumberStart(buffer[position]) else { throw unexpected(expecting: "a number") }
            let scan = DecimalNumber.scan(buffer + position)
            if position + scan.length >= end && !reachedEndOfFile {
                try refill()
                continue
            }
            guard scan.isValid else {
                throw ParseFailure("invalid JSON: malformed number '\(text(from: position, count: max(scan.length, 1)))'", line: line)
            }
            return scan
        }
    }

    // MARK: - Strings

    /// The raw bytes between a string's quotes; valid until the next refill.
    struct RawString {
        var start: Int
        var count: Int
        var hasEscapes: Bool
    }

    private enum StringScan {
        case closed(at: Int, hasEscapes: Bool)
        case needsMoreInput
        case invalid(String)
    }

    /// Reads a string value (the caller has peeked a quote).
    mutating func readString() throws(ParseFailure) -> String {
        guard try peek() == UInt8(ascii: "\"") else { throw unexpected(expecting: "a string") }
        let raw = try scanString()
        if raw.hasEscapes { return try unescape(raw) }
        return String(decoding: UnsafeBufferPointer(start: buffer + raw.start, count: raw.count), as: UTF8.self)
    }

    /// Scans the string at `position` (a quote), validating escapes and UTF-8; on return `position`
    /// is past the closing quote.
    mutating func scanString() throws(ParseFailure) -> RawString {
        while true {
            switch scanStringBody(from: position + 1) {
            case .closed(let closing, let hasEscapes):
                let raw = RawString(start: position + 1, count: closing - position - 1, hasEscapes: hasEscapes)
                position = closing + 1
                return raw
            case .needsMoreInput:
                guard !reachedEndOfFile else {
                    throw ParseFailure("truncated: unexpected end of file inside a string", line: line)
                }
                try refill()
            case .invalid(let reason):
                throw ParseFailure(reason, line: line)
            }
        }
    }

    private func scanStringBody(from start: Int) -> StringScan {
        var p = start
        var hasEscapes = false
        while true {
            let byte = buffer[p]
            if byte == UInt8(ascii: "\"") { return .closed(at: p, hasEscapes: hasEscapes) }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                let escaped = buffer[p + 1]
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    p += 2
                case UInt8(ascii: "u"):
                    for offset in 2..<6 where !JSONScanner.isHexDigit(buffer[p + offset]) {
                        // Hex digits are checked in order, so the sentinel stops this before it
                        // could read past `end`.
                        if p + offset == end { return .needsMoreInput }
                        return .invalid("invalid JSON: malformed \\u escape in a string")
                    }
                    p += 6
                default:
                    if p + 1 == end { return .needsMoreInput }
                    let shown = (0x21...0x7E).contains(escaped) ? "'\\\(Character(Unicode.Scalar(escaped)))'" : "'\\' + \(describeByte(escaped))"
                    return .invalid("invalid JSON: unknown escape \(shown) in a string")
                }
                continue
            }
            if byte < 0x20 {
                if byte == 0 && p == end { return .needsMoreInput }
                return .invalid(byte == 0x0A || byte == 0x0D
                    ? "invalid JSON: line break inside a string (unterminated string?)"
                    : "invalid JSON: unescaped control character \(describeByte(byte)) in a string")
            }
            if byte >= 0x80 {
                switch validateUTF8Sequence(at: p) {
                case .valid(let length):
                    p += length
                case .invalid(let at):
                    if at == end { return .needsMoreInput }
                    return .invalid("unsupported text encoding: invalid UTF-8 byte \(hex(buffer[at])) (expected UTF-8; convert Shift_JIS files first)")
                }
                continue
            }
            p += 1
        }
    }

    private enum UTF8Check {
        case valid(length: Int)
        case invalid(at: Int)
    }

    /// Validates one multi-byte UTF-8 sequence (RFC 3629: no overlongs, no surrogates, at most
    /// U+10FFFF). Bytes are checked in order, so the 0 sentinel ends the check at `end`.
    private func validateUTF8Sequence(at p: Int) -> UTF8Check {
        let lead = buffer[p]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return .invalid(at: p)
        }
        guard secondRange.contains(buffer[p + 1]) else { return .invalid(at: p + 1) }
        for offset in 2..<length where buffer[p + offset] & 0xC0 != 0x80 {
            return .invalid(at: p + offset)
        }
        return .valid(length: length)
    }

    @inline(__always)
    static func isHexDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 6
    }

    private static func hexValue(_ byte: UInt8) -> UInt32 {
        byte &- UInt8(ascii: "0") < 10 ? UInt32(byte &- UInt8(ascii: "0")) : UInt32((byte | 0x20) &- UInt8(ascii: "a") + 10)
    }

    /// Decodes a scanned string with escapes. Escapes were validated by the scan except for
    /// surrogate pairing, checked here.
    private func unescape(_ raw: RawString) throws(ParseFailure) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var p = raw.start
        let stop = raw.start + raw.count
        func unit(at q: Int) -> UInt32 {
            (2..<6).reduce(0) { $0 << 4 | JSONScanner.hexValue(buffer[q + $1]) }
        }
        while p < stop {
            let byte = buffer[p]
            guard byte == UInt8(ascii: "\\") else {
                bytes.append(byte)
                p += 1
                continue
            }
            let escaped = buffer[p + 1]
            switch escaped {
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = unit(at: p)
                p += 6
                if (0xD800...0xDBFF).contains(scalar) {
                    guard p + 6 <= stop, buffer[p] == UInt8(ascii: "\\"), buffer[p + 1] == UInt8(ascii: "u"),
                          case let low = unit(at: p), (0xDC00...0xDFFF).contains(low) else {
                        throw ParseFailure("invalid JSON: unpaired UTF-16 surrogate \\u\(String(scalar, radix: 16, uppercase: true)) in a string", line: line)
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    p += 6
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw ParseFailure("invalid JSON: unpaired UTF-16 surrogate \\u\(String(scalar, radix: 16, uppercase: true)) in a string", line: line)
                }
                bytes.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
                continue
            default: bytes.append(escaped) // \" \\ \/
            }
            p += 2
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Literals and other values

    enum Literal {
        case `true`, `false`, null
    }

    /// Reads `true`, `false` or `null`.
    mutating func readLiteral() throws(ParseFailure) -> Literal {
        while end - position < 5 && !reachedEndOfFile { try refill() }
        let available = end - position
        let p = buffer + position
        func matches(_ word: StaticString) -> Bool {
            available >= word.utf8CodeUnitCount && memcmp(p, word.utf8Start, word.utf8CodeUnitCount) == 0
        }
        if matches("null") {
            position += 4
            return .null
        }
        if matches("true") {
            position += 4
            return .true
        }
        if matches("false") {
            position += 5
            return .false
        }
        throw unexpected(expecting: "a value")
    }

    /// Skips one value of any kind, validating it.
    mutating func skipValue(depth: Int = 0) throws(ParseFailure) {
        guard depth < JSONScanner.maximumDepth else {
            throw ParseFailure("invalid JSON: nested more than \(JSONScanner.maximumDepth) levels deep", line: line)
        }
        switch try peek() {
        case UInt8(ascii: "{"):
            position += 1
            guard try !consume(UInt8(ascii: "}")) else { return }
            repeat {
                guard try peek() == UInt8(ascii: "\"") else { throw unexpected(expecting: "a member name in double quotes") }
                _ = try scanString()
                try expect(UInt8(ascii: ":"), "':' after the member name")
                try skipValue(depth: depth + 1)
            } while try commaOrEnd(UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            position += 1
            guard try !consume(UInt8(ascii: "]")) else { return }
            repeat {
                try skipValue(depth: depth + 1)
            } while try commaOrEnd(UInt8(ascii: "]"))
        case UInt8(ascii: "\""):
            _ = try scanString()
        case let byte where JSONScanner.isNumberStart(byte):
            _ = try readNumber()
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            _ = try readLiteral()
        default:
            throw unexpected(expecting: "a value")
        }
    }

    /// Reads any value and returns its JSON text as written (for nested property values).
    mutating func readRawValue() throws(ParseFailure) -> String {
        _ = try peek()
        captureStart = position
        defer { captureStart = -1 }
        try skipValue()
        return text(from: captureStart, count: position - captureStart)
    }

    /// Reads a property value as text: a string decoded, a number as written, `true`/`false`,
    /// nested objects and arrays as their JSON text; `nil` for `null`.
    mutating func readValueAsText() throws(ParseFailure) -> String? {
        let byte = try peek()
        switch byte {
        case UInt8(ascii: "\""):
            return try readString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return try readRawValue()
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            switch try readLiteral() {
            case .null: return nil
            case .true: return "true"
            case .false: return "false"
            }
        case let byte where JSONScanner.isNumberStart(byte):
            return try readNumberKeepingText().text
        default:
            throw unexpected(expecting: "a value")
        }
    }

    /// Reads a `properties` object into text values (see `readValueAsText`); `null` gives an
    /// empty dictionary. A repeated name keeps its last value.
    mutating func readPropertyObject() throws(ParseFailure) -> [String: String?] {
        var properties: [String: String?] = [:]
        let byte = try peek()
        if byte == UInt8(ascii: "n") {
            guard try readLiteral() == .null else { throw failure("\"properties\" must be an object or null") }
            return properties
        }
        guard byte == UInt8(ascii: "{") else {
            throw failure("\"properties\" must be an object or null, found \(JSONScanner.valueKind(startingWith: byte) ?? describeByte(byte))")
        }
        advance()
        guard try !consume(UInt8(ascii: "}")) else { return properties }
        repeat {
            let name = try readKey { String(decoding: $0, as: UTF8.self) }
            // `properties[name] = nil` would remove the key; a JSON null must stay as a nil value.
            properties.updateValue(try readValueAsText(), forKey: name)
        } while try commaOrEnd(UInt8(ascii: "}"))
        return properties
    }

    // MARK: - Errors

    private func text(from start: Int, count: Int) -> String {
        let clamped = max(0, min(count, end - start))
        return String(decoding: UnsafeBufferPointer(start: buffer + start, count: clamped), as: UTF8.self)
    }

    /// A failure at `position`: "truncated" at the end of the file, otherwise the unexpected byte.
    func unexpected(expecting expectation: String) -> ParseFailure {
        if isAtEndOfFile {
            return ParseFailure("truncated: unexpected end of file (expected \(expectation))", line: line)
        }
        return ParseFailure("invalid JSON: unexpected \(describeByte(buffer[position])) (expected \(expectation))", line: line)
    }

    /// A failure at the current line with the caller's reason.
    func failure(_ reason: String) -> ParseFailure {
        ParseFailure(reason, line: line)
    }

    /// The byte at `position`, or `nil` at the end of the file.
    var currentByte: UInt8? {
        isAtEndOfFile ? nil : buffer[position]
    }

    /// What kind of JSON value starts with `byte` ("a string", "an array", …), for error messages.
    static func valueKind(startingWith byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "\""): "a string"
        case UInt8(ascii: "["): "an array"
        case UInt8(ascii: "{"): "an object"
        case UInt8(ascii: "n"): "null"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
        case let byte where isNumberStart(byte): "a number"
        default: nil
        }
    }

    func describeByte(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "byte '\(Character(Unicode.Scalar(byte)))'" : "byte \(hex(byte))"
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count == 1 ? "0" + digits : digits)
    }
}
