/// How wide text shows in a cell, in Excel's column-width unit (about one digit): one for
/// most characters, two for the wide (full-width) characters of CJK scripts.
enum DisplayWidth {
    /// The width of `text`'s longest line, counted up to `limit`.
    static func of(_ text: String, limit: Int) -> Int {
        var widest = 0
        var width = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                widest = max(widest, width)
                width = 0
                continue
            }
            width += isWide(scalar) ? 2 : 1
            if width >= limit { return limit }
        }
        return max(widest, width)
    }

    /// East Asian wide and full-width characters (Unicode's W and F classes, roughly): Hangul
    /// Jamo, the CJK blocks from U+2E80 to U+A4CF, Hangul syllables, CJK compatibility
    /// ideographs and forms, full-width forms (not the half-width katakana U+FF61–FF9F), and the
    /// supplementary ideographic planes.
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }
}
