#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams text to a file descriptor through a fixed buffer, so that an export of millions of
/// positions never holds the document in memory (or, made with `init(collecting:)`, collects it in
/// memory for a short answer). Numbers are formatted here, in one place, so every writer spells
/// them the same way.
///
/// Not thread safe: one output belongs to one write call.
public final class BufferedFileOutput {
    /// Bytes kept before a `write(2)`.
    public static let defaultCapacity = 1 << 20
    /// Room past `capacity` for one number, so that numbers are formatted without bounds checks.
    private static let slack = 64

    /// -1: the bytes are collected in `collected` instead of written.
    private let descriptor: Int32
    private let path: String
    private var collected: [UInt8] = []
    private let capacity: Int
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    /// Bytes handed to the kernel so far.
    private(set) var bytesFlushed = 0

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// 10^0 … 10^18: the powers of ten that fit in a `UInt64`.
    static let powersOfTen: [UInt64] = (0...18).map { (0..<$0).reduce(UInt64(1)) { product, _ in product * 10 } }

    /// An output to an open file descriptor; `path` names it in errors.
    public init(descriptor: Int32, path: String, capacity: Int = defaultCapacity) {
        self.descriptor = descriptor
        self.path = path
        self.capacity = max(capacity, 16)
        buffer = .allocate(capacity: self.capacity + Self.slack)
    }

    /// An output that keeps what is written in memory (`collectedBytes()`).
    public convenience init(collecting name: String) {
        self.init(descriptor: -1, path: name, capacity: 64 << 10)
    }

    deinit {
        buffer.deallocate()
    }

    /// Everything written so far, for an output made with `init(collecting:)`.
    public func collectedBytes() -> [UInt8] {
        collected + UnsafeBufferPointer(start: buffer, count: count)
    }

    /// All bytes written so far, flushed or not.
    public var bytesWritten: Int { bytesFlushed + count }

    /// Hands the buffered bytes to the kernel.
    /// - Throws: `ExportError` naming the path when `write(2)` fails (a full disk, an I/O error).
    public func flush() throws {
        if descriptor < 0 {
            collected += UnsafeBufferPointer(start: buffer, count: count)
            bytesFlushed += count
            count = 0
            return
        }
        var offset = 0
        while offset < count {
            let written = Glibc.write(descriptor, buffer + offset, count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw ExportError(path: path, reason: "cannot write the file: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        bytesFlushed += count
        count = 0
    }

    @inline(__always)
    private func reserve(_ needed: Int) throws {
        if count + needed > capacity + Self.slack { try flush() }
    }

    /// Flushes when the buffer is full; after it, `slack` bytes (one number, one escaped character) can be stored unchecked.
    @inline(__always)
    private func makeRoom() throws {
        if count >= capacity { try flush() }
    }

    @inline(__always)
    public func byte(_ byte: UInt8) throws {
        try makeRoom()
        buffer[count] = byte
        count += 1
    }

    /// Text written as it is (member names and punctuation known to need no escaping).
    public func raw(_ text: StaticString) throws {
        try bytes(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    public func bytes(_ data: UnsafeBufferPointer<UInt8>) throws {
        guard let base = data.baseAddress, !data.isEmpty else { return }
        var offset = 0
        // Longer than the buffer: pass it on in pieces the size of the buffer.
        while data.count - offset > capacity {
            try flush()
            buffer.update(from: base + offset, count: capacity)
            count = capacity
            offset += capacity
        }
        try reserve(data.count - offset)
        (buffer + count).update(from: base + offset, count: data.count - offset)
        count += data.count - offset
    }

    /// `text` as it is, UTF-8.
    public func text(_ text: String) throws {
        var text = text
        try text.withUTF8 { try bytes($0) }
    }

    /// `text` as a JSON string in double quotes: UTF-8 as it is, `"` `\` and control characters
    /// escaped (`\n`, `\t`, … or `\u00XX`), so that the output is valid JSON on one line.
    public func string(_ text: String) throws {
        try byte(UInt8(ascii: "\""))
        for unit in text.utf8 {
            try makeRoom()
            switch unit {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                store(UInt8(ascii: "\\"), unit)
            case 0x0A: store(UInt8(ascii: "\\"), UInt8(ascii: "n"))
            case 0x0D: store(UInt8(ascii: "\\"), UInt8(ascii: "r"))
            case 0x09: store(UInt8(ascii: "\\"), UInt8(ascii: "t"))
            case 0x08: store(UInt8(ascii: "\\"), UInt8(ascii: "b"))
            case 0x0C: store(UInt8(ascii: "\\"), UInt8(ascii: "f"))
            case 0..<0x20:
                store(UInt8(ascii: "\\"), UInt8(ascii: "u"))
                store(UInt8(ascii: "0"), UInt8(ascii: "0"))
                store(Self.hexDigits[Int(unit >> 4)], Self.hexDigits[Int(unit & 15)])
            default:
                buffer[count] = unit
                count += 1
            }
        }
        try byte(UInt8(ascii: "\""))
    }

    @inline(__always)
    private func store(_ first: UInt8, _ second: UInt8) {
        buffer[count] = first
        buffer[count + 1] = second
        count += 2
    }

    /// An integer in decimal (`-12`).
    @inline(__always)
    func integer(_ value: Int) throws {
        try makeRoom()
        if value < 0 { store(UInt8(ascii: "-")) }
        storeDigits(UInt64(value.magnitude), minimumDigits: 1)
    }

    /// `scaled / 10^decimals` in plain decimal with trailing zeros left out: `fixed(139_700_000,
    /// decimals: 6)` is `139.7`, `fixed(-500_000, decimals: 6)` is `-0.5`, `fixed(12_000_000,
    /// decimals: 6)` is `12`, and zero is `0`, never `-0`. `decimals` is 0…18.
    @inline(__always)
    func fixed(_ scaled: Int64, decimals: Int) throws {
        try makeRoom()
        let magnitude = scaled.magnitude
        if scaled < 0 { store(UInt8(ascii: "-")) }
        let unit = Self.powersOfTen[decimals]
        storeDigits(magnitude / unit, minimumDigits: 1)
        var fraction = magnitude % unit
        guard fraction != 0 else { return }
        var digits = decimals
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        store(UInt8(ascii: "."))
        storeDigits(fraction, minimumDigits: digits)
    }

    /// A finite `Double` in the shortest decimal that reads back as the same value, written
    /// without exponent and without trailing zeros (`139.7`, `-0.5`, `12`, `0.0000001`); `-0` is `0`.
    func number(_ value: Double) throws {
        precondition(value.isFinite, "JSON has no spelling for \(value)")
        if value == value.rounded(.towardZero) && value.magnitude < 1e18 {
            try integerValued(value)
            return
        }
        try Array(Self.plainDecimal(value).utf8).withUnsafeBufferPointer { try bytes($0) }
    }

    private func integerValued(_ value: Double) throws {
        try makeRoom()
        if value < 0 { store(UInt8(ascii: "-")) }
        storeDigits(UInt64(value.magnitude), minimumDigits: 1)
    }

    /// The shortest round-trip digits of `value` (Swift's `description`, which may use an
    /// exponent) rewritten in plain decimal notation.
    static func plainDecimal(_ value: Double) -> String {
        let text = value.description
        var isNegative = false
        var digits: [UInt8] = []
        var pointPosition: Int?
        var exponent = 0
        var utf8 = text.utf8[...]
        if utf8.first == UInt8(ascii: "-") {
            isNegative = true
            utf8 = utf8.dropFirst()
        }
        while let unit = utf8.first {
            utf8 = utf8.dropFirst()
            if unit == UInt8(ascii: ".") {
                pointPosition = digits.count
            } else if unit == UInt8(ascii: "e") || unit == UInt8(ascii: "E") {
                exponent = Int(String(decoding: utf8, as: UTF8.self)) ?? 0
                break
            } else {
                digits.append(unit)
            }
        }
        // The decimal point sits after `point` digits: positive, zero or negative.
        var point = (pointPosition ?? digits.count) + exponent
        while digits.count > 1, digits.first == UInt8(ascii: "0") {
            digits.removeFirst()
            point -= 1
        }
        while digits.count > 1, digits.last == UInt8(ascii: "0"), digits.count > point {
            digits.removeLast()
        }
        if digits == [UInt8(ascii: "0")] { return "0" }
        var result = isNegative ? "-" : ""
        if point <= 0 {
            result += "0." + String(repeating: "0", count: -point) + String(decoding: digits, as: UTF8.self)
        } else if point >= digits.count {
            result += String(decoding: digits, as: UTF8.self) + String(repeating: "0", count: point - digits.count)
        } else {
            result += String(decoding: digits[..<point], as: UTF8.self) + "." + String(decoding: digits[point...], as: UTF8.self)
        }
        return result
    }

    @inline(__always)
    private func store(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
    }

    /// Decimal digits of `value`, left-padded with zeros to `minimumDigits` (at most 20 bytes;
    /// the caller made room).
    @inline(__always)
    private func storeDigits(_ value: UInt64, minimumDigits: Int) {
        var length = 1
        var rest = value / 10
        while rest != 0 {
            length += 1
            rest /= 10
        }
        length = max(length, minimumDigits)
        var remaining = value
        var position = count + length - 1
        while position >= count {
            buffer[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
            remaining /= 10
            position -= 1
        }
        count += length
    }
}
