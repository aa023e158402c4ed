#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts the text of a JSON number to the nearest `Double`, bit for bit as `strtod` does.
///
/// Fast path (Clinger, 1990): when the decimal significand is at most 2^53 and the decimal exponent
/// is within ±22, both the significand and 10^|exponent| are exact doubles, so one IEEE
/// multiplication or division gives the correctly rounded result. N03 coordinates such as
/// `141.34232694` (11 digits, exponent −8) all take it. Anything else (more than 19 significant
/// digits, large exponents) goes to `strtod` on a NUL-terminated copy.
public enum DecimalNumber {
    /// The outcome of scanning one number. `length` is where the scan stopped, also when the text
    /// is not a valid JSON number, so that the caller can tell a number cut by the end of its buffer.
    struct Scan {
        var value: Double
        var length: Int
        var isValid: Bool
    }

    /// 10^0 … 10^22: the powers of ten that are exact doubles.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    private static let maximumExactSignificand: UInt64 = 1 << 53

    /// Scans a JSON number (`-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`) at `text`.
    ///
    /// The bytes must be terminated by a byte that cannot continue a number (the scanner's 0
    /// sentinel guarantees it), so the loops need no bounds checks, and 8 bytes after any byte up
    /// to that terminator must be readable.
    @inline(__always)
    static func scan(_ text: UnsafePointer<UInt8>) -> Scan {
        var i = 0
        let isNegative = text[0] == UInt8(ascii: "-")
        if isNegative { i = 1 }

        var significand: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var droppedDigits = false

        // Integer part: "0" alone, or a non-zero digit followed by digits.
        let integerStart = i
        if text[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while true {
                let digit = text[i] &- UInt8(ascii: "0")
                if digit >= 10 { break }
                if significantDigits < 19 {
                    significand = significand &* 10 &+ UInt64(digit)
                    significantDigits += 1
                } else {
                    exponent += 1
                    droppedDigits = true
                }
                i += 1
            }
        }
        if i == integerStart { return Scan(value: 0, length: i, isValid: false) }

        if text[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            // Eight digits at a time while they fit in the 19 kept (N03 fractions have 8).
            while significantDigits <= 11, let eight = eightDigits(text + i) {
                let before = significand
                significand = significand &* 100_000_000 &+ eight
                if before != 0 {
                    significantDigits += 8
                } else if significand != 0 {
                    significantDigits = decimalDigitCount(significand)
                }
                exponent -= 8
                i += 8
            }
            while true {
                let digit = text[i] &- UInt8(ascii: "0")
                if digit >= 10 { break }
                if significantDigits < 19 {
                    if significand != 0 || digit != 0 { significantDigits += 1 }
                    significand = significand &* 10 &+ UInt64(digit)
                    exponent -= 1
                } else {
                    droppedDigits = true
                }
                i += 1
            }
            if i == fractionStart { return Scan(value: 0, length: i, isValid: false) }
        }

        if text[i] | 0x20 == UInt8(ascii: "e") {
            guard let written = scanExponent(text, at: &i) else { return Scan(value: 0, length: i, isValid: false) }
            exponent += written
        }

        if !droppedDigits && significand <= maximumExactSignificand && exponent >= -22 && exponent <= 22 {
            var value = Double(significand)
            if exponent < 0 {
                value /= exactPowersOfTen[-exponent]
            } else if exponent > 0 {
                value *= exactPowersOfTen[exponent]
            }
            return Scan(value: isNegative ? -value : value, length: i, isValid: true)
        }
        return Scan(value: convertWithStrtod(text, count: i), length: i, isValid: true)
    }

    /// The exponent after an `e` at `text[i]`, signed (`i` moves past it); nil when no digit follows.
    @inline(__always)
    static func scanExponent(_ text: UnsafePointer<UInt8>, at i: inout Int) -> Int? {
        i += 1
        var exponentIsNegative = false
        if text[i] == UInt8(ascii: "+") {
            i += 1
        } else if text[i] == UInt8(ascii: "-") {
            exponentIsNegative = true
            i += 1
        }
        let exponentStart = i
        var written = 0
        while true {
            let digit = text[i] &- UInt8(ascii: "0")
            if digit >= 10 { break }
            // Saturate: anything this large is out of range either way and goes to strtod.
            if written < 1_000_000 { written = written * 10 + Int(digit) }
            i += 1
        }
        if i == exponentStart { return nil }
        return exponentIsNegative ? -written : written
    }

    /// The value of eight ASCII digits at `text`, or `nil` if any of the eight bytes is not a digit
    /// (SWAR, as in simdjson). Reads 8 bytes: callers leave at least 8 readable bytes after the
    /// number's terminator (the scanner's buffer has that slack).
    @inline(__always)
    private static func eightDigits(_ text: UnsafePointer<UInt8>) -> UInt64? {
        let bytes = UInt64(littleEndian: UnsafeRawPointer(text).loadUnaligned(as: UInt64.self))
        let allDigits = (bytes & 0xF0F0_F0F0_F0F0_F0F0)
            | (((bytes &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4)
        guard allDigits == 0x3333_3333_3333_3333 else { return nil }
        var value = bytes &- 0x3030_3030_3030_3030
        value = value &* 10 &+ (value >> 8)
        let high = (value & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 << 32))
        let low = ((value >> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 << 32))
        return (high &+ low) >> 32
    }

    private static func decimalDigitCount(_ value: UInt64) -> Int {
        var count = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        return count
    }

    /// The slow path: `strtod` needs a NUL-terminated string, so copy the number out first.
    @inline(never)
    static func convertWithStrtod(_ text: UnsafePointer<UInt8>, count: Int) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { copy in
            let base = copy.baseAddress!
            UnsafeMutableRawPointer(base).copyMemory(from: text, byteCount: count)
            base[count] = 0
            return strtod(base, nil)
        }
    }

    /// Parses a whole string as one JSON number (RFC 8259 grammar), giving the same `Double` as
    /// `strtod`; `nil` if the string is not exactly one JSON number. The readers scan numbers in
    /// place instead.
    public static func parse(_ string: String) -> Double? {
        let count = string.utf8.count
        // A terminator plus the 8 readable bytes that `scan` may look at.
        let bytes = Array(string.utf8) + Array(repeating: 0, count: 9)
        return bytes.withUnsafeBufferPointer { buffer in
            guard count > 0 else { return nil }
            let first = buffer[0]
            guard first == UInt8(ascii: "-") || first &- UInt8(ascii: "0") < 10 else { return nil }
            let result = scan(buffer.baseAddress!)
            guard result.isValid, result.length == count else { return nil }
            return result.value
        }
    }
}
