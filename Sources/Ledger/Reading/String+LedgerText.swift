import Foundation

extension StringProtocol {
    /// The text without surrounding white space (the full-width space U+3000 included), otherwise
    /// as written: for free text such as names, where ① or ～ must survive.
    var ledgerTrimmed: String {
        trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The text in NFKC (full-width digits, letters and punctuation become their ASCII forms,
    /// half-width katakana become full-width) and trimmed: for values that are parsed.
    var ledgerNormalized: String {
        String(self).precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `ledgerNormalized`, lowercased, with spaces and hyphens as underscores: the form in which
    /// header names and vocabulary words are compared ("Amount JPY" → "amount_jpy").
    var ledgerKey: String {
        var key = ledgerNormalized.lowercased()
        key = key.replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        return key
    }

    /// True for a cell that only says "no value": empty, or a lone dash as Japanese spreadsheets
    /// write for 該当なし (-, －, ―, —, –, ‐, ー, −).
    var isLedgerBlank: Bool {
        let text = ledgerNormalized
        return text.isEmpty || ["-", "―", "—", "–", "‐", "ー", "−"].contains(text)
    }
}
