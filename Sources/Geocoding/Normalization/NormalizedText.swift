/// An address or a name reduced to its comparison key by `AddressNormalizer`, remembering where
/// each scalar of the key came from, so that a note can quote the rest of an address as it was
/// written.
struct NormalizedText: Sendable {
    /// The comparison key, one scalar at a time.
    var scalars: [Unicode.Scalar]
    /// For each scalar of `scalars`, the offset in `written` of the scalar it came from.
    var origins: [Int]
    /// The text as written, after NFKC (full-width digits and letters made half-width).
    let written: [Unicode.Scalar]

    var count: Int { scalars.count }

    /// The written text from the key's offset `keyOffset` on, at most `limit` characters (then
    /// "…"), for notes; empty when `keyOffset` is at the end.
    func writtenText(from keyOffset: Int, limit: Int = 40) -> String {
        let text = writtenText(from: keyOffset, to: count)
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }

    /// Whether the key has `prefix` at `offset`.
    func hasPrefix(_ prefix: [Unicode.Scalar], at offset: Int) -> Bool {
        guard offset + prefix.count <= scalars.count else { return false }
        for (index, scalar) in prefix.enumerated() where scalars[offset + index] != scalar { return false }
        return true
    }

    /// Whether the digits at `offset - 1` and `offset` belong to one number: both digits, and
    /// written alike (both Arabic, or both from one kanji numeral). A name ending in a kanji
    /// numeral is thus not continued by the house number after it (上三分一６－１３).
    func continuesNumber(at offset: Int) -> Bool {
        guard isDigit(at: offset - 1), isDigit(at: offset) else { return false }
        return written[origins[offset - 1]].isASCIIDigit == written[origins[offset]].isASCIIDigit
    }

    /// Whether the key has a decimal digit at `offset`.
    func isDigit(at offset: Int) -> Bool {
        offset >= 0 && offset < scalars.count && scalars[offset].isASCIIDigit
    }

    /// The written text of the key's offsets `start ..< end`, without the separators that
    /// followed it.
    func writtenText(from start: Int, to end: Int) -> String {
        guard start < end, start < origins.count else { return "" }
        var writtenEnd = end < origins.count ? origins[end] : written.count
        while writtenEnd > origins[start], CharacterVariants.isSeparator(written[writtenEnd - 1]) { writtenEnd -= 1 }
        return String(String.UnicodeScalarView(written[origins[start]..<writtenEnd]))
    }

    /// Adds a "-" after a final digit, so that a number ending the address reads as a 丁目
    /// ("旭ケ丘3" → 3丁目) like one followed by a dash.
    mutating func closeFinalNumber() {
        guard let last = scalars.last, last.isASCIIDigit, let origin = origins.last else { return }
        scalars.append("-")
        origins.append(origin)
    }
}

extension Unicode.Scalar {
    /// 0–9 (the only digits left after normalisation).
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
