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
        let integerPart: Substring
        if let dot = rest.firstIndex(of: ".") {
            integerPart = rest[..<dot]
            let fraction = rest[rest.index(after: dot)...]
            guard !fraction.isEmpty, fraction.allSatisfy(Self.isDigit) else { return nil }
            fractionDigits = String(fraction)
        } else {
            integerPart = rest
            fractionDigits = ""
        }
        let groups = integerPart.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ $0.allSatisfy(Self.isDigit) }) else { return nil }
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        integerDigits = groups.joined()
        guard !integerDigits.isEmpty || !fractionDigits.isEmpty else { return nil }
    }

    /// True when the fraction is absent or all zeros.
    var isWhole: Bool { fractionDigits.allSatisfy { $0 == "0" } }

    /// The magnitude times 10^`exponent`, rounded half up to an integer; nil on overflow.
    func magnitude(scaledBy exponent: Int) -> Int64? {
        let fraction = Array(fractionDigits)
        var digits = integerDigits
        for position in 0..<exponent {
            digits.append(position < fraction.count ? fraction[position] : "0")
        }
        guard var value = digits.isEmpty ? 0 : Int64(digits) else { return nil }
        if exponent < fraction.count, fraction[exponent] >= "5" {
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

    private static func isDigit(_ character: Character) -> Bool {
        ("0"..."9").contains(character)
    }
}
