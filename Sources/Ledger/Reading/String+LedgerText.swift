import Foundation

extension StringProtocol {
    /// The text without surrounding white space (the full-width space U+3000 included), otherwise
    /// as written: for free text such as names, where ① or ～ must survive.
    var ledgerTrimmed: String {
        if let plain = asciiWithoutSurroundingSpace { return plain }
        // Most Japanese cells have nothing to trim: only their ends are looked at. Unicode's
        // White_Space holds every character of `.whitespacesAndNewlines` (the Z categories, tab,
        // U+000A–U+000D, U+0085), so text whose ends are not White_Space trims to itself.
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return "" }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return String(self) }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The text itself when it is printable ASCII with no space at either end — what nearly every
    /// cell of a machine-written ledger is — for which trimming and NFKC change nothing. Skipping
    /// Foundation for those cells made reading a million rows several times faster.
    private var asciiWithoutSurroundingSpace: String? {
        var count = 0, first: UInt8 = 0, last: UInt8 = 0
        for byte in utf8 {
            guard byte >= 0x20 && byte < 0x7F else { return nil }
            if count == 0 { first = byte }
            last = byte
            count += 1
        }
        if count == 0 { return "" }
        return first == 0x20 || last == 0x20 ? nil : String(self)
    }

    /// The text in NFKC (full-width digits, letters and punctuation become their ASCII forms,
    /// half-width katakana become full-width) and trimmed: for values that are parsed.
    var ledgerNormalized: String {
        if let plain = asciiWithoutSurroundingSpace { return plain }
        return String(self).precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `ledgerNormalized`, lowercased, with spaces and hyphens as underscores: the form in which
    /// header names and vocabulary words are compared ("Amount JPY" → "amount_jpy").
    var ledgerKey: String {
        if let plain = asciiWithoutSurroundingSpace {
            // Byte for byte: lowercase, space and hyphen to underscore (no Foundation per cell).
            return String(decoding: plain.utf8.map { byte -> UInt8 in
                switch byte {
                case 0x41...0x5A: byte + 0x20
                case 0x20, 0x2D: 0x5F
                default: byte
                }
            }, as: UTF8.self)
        }
        var key = ledgerNormalized.lowercased()
        key = key.replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        return key
    }

    /// `ledgerNormalized` without spaces, the form numbers and dates are parsed in ("1 250" → "1250").
    var ledgerCompact: String {
        let text = ledgerNormalized
        return text.utf8.contains(0x20) ? text.filter { $0 != " " } : text
    }

    /// True for a cell that only says "no value": empty, or a lone dash as Japanese spreadsheets
    /// write for 該当なし (-, －, ―, —, –, ‐, ー, −).
    var isLedgerBlank: Bool {
        let text = ledgerNormalized
        // Every dash is one character of at most three bytes.
        return text.isEmpty || (text.utf8.count <= 3 && ["-", "―", "—", "–", "‐", "ー", "−"].contains(text))
    }
}

extension String {
    /// The text as a message may quote it: whole when short, else its first 200 characters
    /// followed by "…" and the full length, so that a huge cell never floods a terminal or log.
    var ledgerQuotable: String {
        let limit = 200
        let scalars = unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex), end < scalars.endIndex else {
            return self
        }
        return String(scalars[..<end]) + "…(\(scalars.count) characters)"
    }
}
