import Foundation

/// A municipality code (全国地方公共団体コード): 2 digits of prefecture + 3 digits, as in N03_007,
/// optionally followed by a check digit (the 6-digit form). With digits a b c d e,
/// r = (6a + 5b + 4c + 3d + 2e) mod 11 and the check digit is (11 − r) mod 10: 13101 → 131016.
///
/// Parsing is structural only: any 5 digits form a code (00000 for the nation and xx000 for a
/// prefecture appear in statistics); whether a code exists is for the tables to say.
public struct MunicipalityCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The 5-digit code, e.g. "13101".
    public let code5: String

    /// Parses "13101" or "131016". Surrounding whitespace is not accepted: callers trim.
    /// - Throws: `MunicipalityCodeError` when the text is not 5 or 6 ASCII digits, or when the
    ///   sixth digit is not the check digit of the first five.
    public init(_ text: some StringProtocol) throws {
        let digits = Array(text.utf8)
        guard digits.count == 5 || digits.count == 6, digits.allSatisfy(Self.isASCIIDigit) else {
            throw MunicipalityCodeError.malformed(String(text))
        }
        let expected = Self.checkDigit(ofDigits: digits[0..<5])
        if digits.count == 6 {
            let given = Int(digits[5] - UInt8(ascii: "0"))
            guard given == expected else {
                throw MunicipalityCodeError.wrongCheckDigit(String(text), given: given, expected: expected)
            }
        }
        code5 = String(decoding: digits[0..<5], as: UTF8.self)
    }

    /// The 6-digit form with its check digit, e.g. "131016".
    public var code6: String { code5 + String(checkDigit) }

    /// The check digit of this code.
    public var checkDigit: Int { Self.checkDigit(ofDigits: Array(code5.utf8)[...]) }

    /// The 2-digit prefecture code, e.g. "13".
    public var prefectureCode: String { String(code5.prefix(2)) }

    /// The code as an integer, e.g. 13101 (handy for ranges such as a designated city's wards).
    public var integerValue: Int { Int(code5)! }

    public var description: String { code5 }

    public static func < (lhs: MunicipalityCode, rhs: MunicipalityCode) -> Bool { lhs.code5 < rhs.code5 }

    /// The check digit of a 5-digit code: `checkDigit(for: "13101")` is 6.
    /// - Throws: `MunicipalityCodeError.malformed` when `code5` is not exactly 5 ASCII digits.
    public static func checkDigit(for code5: some StringProtocol) throws -> Int {
        let digits = Array(code5.utf8)
        guard digits.count == 5, digits.allSatisfy(isASCIIDigit) else {
            throw MunicipalityCodeError.malformed(String(code5))
        }
        return checkDigit(ofDigits: digits[...])
    }

    private static func checkDigit(ofDigits digits: ArraySlice<UInt8>) -> Int {
        var sum = 0
        for (weight, digit) in zip([6, 5, 4, 3, 2], digits) {
            sum += weight * Int(digit - UInt8(ascii: "0"))
        }
        return (11 - sum % 11) % 10
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    // Codable as the plain 5-digit string, accepting either form when decoding.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code5)
    }
}

/// Why a text is not a municipality code.
public enum MunicipalityCodeError: LocalizedError, Equatable, Sendable, CustomStringConvertible {
    /// Not 5 or 6 ASCII digits.
    case malformed(String)
    /// Six digits whose last is not the check digit of the first five.
    case wrongCheckDigit(String, given: Int, expected: Int)

    public var description: String {
        switch self {
        case .malformed(let text):
            return "\"\(text)\": a municipality code is 5 digits, or 6 with the check digit"
        case .wrongCheckDigit(let text, let given, let expected):
            return "\(text): check digit \(given) is wrong (expected \(expected))"
        }
    }

    public var errorDescription: String? { description }
}
