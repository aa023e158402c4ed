import Foundation

/// Estimated text extents for layout without a font file: the map is laid out before any
/// renderer picks a font from the CJK stack, so widths are estimated from the characters —
/// full-width (CJK, kana, full-width forms) 1 em, ASCII letters and digits about 0.6 em,
/// narrow punctuation and spaces 0.3 em. Generous on purpose: labels and legends get a little
/// more room than they need rather than overlapping.
public enum TextMetrics {
    /// The estimated advance width (px) of `text` at `fontSize` px.
    public static func width(_ text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars {
            ems += emWidth(scalar)
        }
        return ems * fontSize
    }

    /// `text` broken into lines no wider than `width` (estimated): after a space or Japanese
    /// punctuation when one is on the line, else between any two characters (Japanese text
    /// breaks anywhere; a Latin word longer than a line is cut).
    public static func wrap(_ text: String, fontSize: Double, width: Double) -> [String] {
        var lines: [String] = []
        var line: [Character] = []
        var lineWidth = 0.0
        var lastBreak: Int?
        for character in text {
            let advance = character.unicodeScalars.reduce(0) { $0 + emWidth($1) } * fontSize
            if lineWidth + advance > width && !line.isEmpty {
                let cut = lastBreak ?? line.count
                lines.append(String(line[..<cut]).trimmingCharacters(in: .whitespaces))
                line = Array(line[cut...])
                lineWidth = line.reduce(0) { $0 + $1.unicodeScalars.reduce(0) { $0 + emWidth($1) } * fontSize }
                lastBreak = nil
            }
            line.append(character)
            lineWidth += advance
            if " 、。，）)".contains(character) { lastBreak = line.count }
        }
        if !line.isEmpty { lines.append(String(line).trimmingCharacters(in: .whitespaces)) }
        return lines
    }

    static func emWidth(_ scalar: Unicode.Scalar) -> Double {
        let v = scalar.value
        switch v {
        case 0x20, 0x2C, 0x2E, 0x3A, 0x3B, 0x21, 0x27, 0x7C, 0x28, 0x29, 0x5B, 0x5D, 0x69, 0x6C, 0x49, 0x6A, 0x74, 0x66:
            return 0.32
        case 0x21..<0x7F:
            return 0.62
        case 0x2013, 0x2014, 0x2264, 0x2265, 0xB2:
            return 0.62
        case 0xFF61...0xFF9F:  // half-width katakana
            return 0.55
        case 0x1100...:
            return 1.0
        default:
            return 0.62
        }
    }
}
