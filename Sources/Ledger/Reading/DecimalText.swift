/// A decimal number as a Japanese spreadsheet writes it, parsed without going through `Double`
/// so amounts scale exactly (1.25 億 is 125,000,000 yen, not 124,999,999.99…).
///
/// Accepted (on `ledgerNormalized` text, so full-width digits are already ASCII): digits with
/// optional thousands separators in groups of three (1,234,567), an optional fraction (12.5), and
/// a leading sign: + or -, −, and the accounting minus signs ▲ and △. "1,5" and "12." are not numbers.
struct DecimalText: Sendable, Equatable {
    var isNegative: Bool
    /// The integer digits without separators; may be empty when there is a fraction (".5").
    var integerDigits: String
    /// The fraction digits, empty when there is none.
    var fractionDigits: String

    static let minusSigns: Set<Character> = ["-", "−", "▲", "△"]

    init?(_ text: Substring) {
        var rest = text
        isNegative = false
        if let first = rest.first, Self.minusSigns.contains(first) || first == "+" {
            isNegative = first != "+"
            rest = rest.dropFirst()
        }
        // Byte by byte: every accepted character is ASCII, and a Character walk over a million
        // rows' amounts and coordinates cost more than the rest of their validation.
        var integer: [UInt8] = [], fraction: [UInt8] = []
        var inFraction = false
        var groups = 1, groupLength = 0, firstGroupLength = 0
        for byte in rest.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inFraction { fraction.append(byte) } else { integer.append(byte); groupLength += 1 }
            case UInt8(ascii: ",") where !inFraction:
                // Thousands separators: a first group of 1–3 digits, then groups of exactly 3.
                if groups == 1 { firstGroupLength = groupLength } else if groupLength != 3 { return nil }
                groups += 1
                groupLength = 0
            case UInt8(ascii: ".") where !inFraction:
                inFraction = true
            default:
                return nil
            }
        }
        if groups > 1 {
            guard (1...3).contains(firstGroupLength), groupLength == 3 else { return nil }
        }
        if inFraction && fraction.isEmpty { return nil }
        integerDigits = String(decoding: integer, as: UTF8.self)
        fractionDigits = String(decoding: fraction, as: UTF8.self)
        guard !integerDigits.isEmpty || !fractionDigits.isEmpty else { return nil }
    }

    /// True when the fraction is absent or all zeros.
    var isWhole: Bool { fractionDigits.allSatisfy { $0 == "0" } }

    /// The magnitude times 10^`exponent`, rounded half up to an integer; nil on overflow.
    func magnitude(scaledBy exponent: Int) -> Int64? {
        let fraction = Array(fractionDigits.utf8)
        var digits = Array(integerDigits.utf8)
        for position in 0..<exponent {
            digits.append(position < fraction.count ? fraction[position] : UInt8(ascii: "0"))
        }
        var value: Int64 = 0
        for digit in digits {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !overflow1 && !overflow2 else { return nil }
            value = sum
        }
        if exponent < fraction.count, fraction[exponent] >= UInt8(ascii: "5") {
            let (rounded, overflow) = value.addingReportingOverflow(1)
            guard !overflow else { return nil }
            value = rounded
        }
        return value
    }

    /// The value as a `Double` (for coordinates).
    var doubleValue: Double {
        let magnitude = Double("\(integerDigits.isEmpty ? "0" : integerDigits).\(fractionDigits.isEmpty ? "0" : fractionDigits)") ?? .nan
        return isNegative ? -magnitude : magnitude
    }

}
