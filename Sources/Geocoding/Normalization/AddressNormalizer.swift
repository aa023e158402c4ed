import Foundation

/// Normalises Japanese addresses and place names the way users write them, into comparison keys:
/// two spellings of the same place give the same key. Applied alike to the town points' names
/// and to the addresses looked up:
///
/// - NFKC: full-width digits, letters and dashes become half-width (３ → 3, －→ -), half-width
///   katakana full-width (ｹ → ケ);
/// - white space and the commas 、 , are removed;
/// - kanji numerals become Arabic ones (三丁目 → 3丁目, 二十三 → 23, 北一条 → 北1条; see
///   `KanjiNumeral`);
/// - 丁目 (or 丁, as 堺市 writes it: 奥本町一丁) after a number becomes "-", so 3丁目, ３丁目,
///   三丁目 and the 3- of "旭ケ丘3-5-2" all read "3-";
/// - dashes (‐ ― − ─ …, and ー after a digit) become "-", several in a row one;
/// - variant characters are folded (ヶ/ケ/ヵ/が, ノ/の/之, 齋/斎, 邊/辺 …; see `CharacterVariants`).
///
/// What follows the town (番地, 号, building names) is not removed here: the geocoder stops
/// reading where the town name ends.
public enum AddressNormalizer {
    /// The comparison key of `text` (an address, or a prefecture, municipality, town or 小字 name).
    public static func normalize(_ text: String) -> String {
        String(String.UnicodeScalarView(normalizedText(text).scalars))
    }

    /// The key of `text` with the origin of each of its scalars.
    static func normalizedText(_ text: String) -> NormalizedText {
        let written = needsCompatibilityMapping(text)
            ? Array(text.precomposedStringWithCompatibilityMapping.unicodeScalars)
            : Array(text.unicodeScalars)
        var key = NormalizedText(scalars: [], origins: [], written: written)
        key.scalars.reserveCapacity(written.count)
        key.origins.reserveCapacity(written.count)
        var offset = 0
        while offset < written.count {
            let scalar = written[offset]
            if CharacterVariants.isSeparator(scalar) {
                offset += 1
            } else if let run = KanjiNumeral.run(in: written, at: offset) {
                if let digits = run.digits {
                    for digit in digits.unicodeScalars { key.append(digit, from: offset) }
                } else {
                    for index in offset..<offset + run.length { key.append(written[index], from: index) }
                }
                offset += run.length
            } else if scalar == chō, key.endsWithDigit {
                key.appendDash(from: offset)
                offset += offset + 1 < written.count && written[offset + 1] == me ? 2 : 1
            } else if CharacterVariants.isDash(scalar) || (scalar == CharacterVariants.longVowelMark && key.endsWithDigit) {
                key.appendDash(from: offset)
                offset += 1
            } else {
                key.append(CharacterVariants.folded(scalar), from: offset)
                offset += 1
            }
        }
        return key
    }

    private static let chō: Unicode.Scalar = "丁"
    private static let me: Unicode.Scalar = "目"

    /// False when every scalar of `text` is one that NFKC leaves unchanged (ASCII, kana, the
    /// common kanji), which is true of nearly all the town points' names: NFKC is the costly step.
    private static func needsCompatibilityMapping(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x20...0x7E, 0x3005...0x3007, 0x3041...0x3096, 0x309D...0x309E, 0x30A1...0x30FC, 0x4E00...0x9FFF:
                return false
            default:
                return true
            }
        }
    }
}

private extension NormalizedText {
    var endsWithDigit: Bool { scalars.last?.isASCIIDigit ?? false }

    mutating func append(_ scalar: Unicode.Scalar, from origin: Int) {
        scalars.append(scalar)
        origins.append(origin)
    }

    /// A "-", unless the key already ends with one.
    mutating func appendDash(from origin: Int) {
        if scalars.last != "-" { append("-", from: origin) }
    }
}
