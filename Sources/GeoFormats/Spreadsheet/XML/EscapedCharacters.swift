/// OOXML's escapes for characters in strings: `_xHHHH_` stands for the UTF-16 code unit HHHH
/// (Excel writes a carriage return in a cell as `_x000D_`), and `_x005F_` for a `_` that would
/// otherwise start such an escape.
enum EscapedCharacters {
    /// `text` with its escapes replaced by the characters they stand for.
    static func decoded(_ text: String) -> String {
        guard mayHoldEscape(text) else { return text }
        let units = Array(text.utf16)
        var result: [UInt16] = []
        result.reserveCapacity(units.count)
        var index = 0
        while index < units.count {
            if let unit = escapedUnit(units, at: index) {
                result.append(unit)
                index += 7
            } else {
                result.append(units[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF16.self)
    }

    /// `text` with each `_` that starts something looking like an escape written as `_x005F_`,
    /// so that a reader gets `text` back.
    static func protected(_ text: String) -> String {
        guard mayHoldEscape(text) else { return text }
        let units = Array(text.utf16)
        var result: [UInt16] = []
        result.reserveCapacity(units.count + 7)
        for index in units.indices {
            if escapedUnit(units, at: index) != nil {
                result.append(contentsOf: "_x005F".utf16)
            }
            result.append(units[index])
        }
        return String(decoding: result, as: UTF16.self)
    }

    /// True when `text` has `_x` somewhere (checked on the bytes: `String.contains` goes through
    /// Foundation on Linux and was a tenth of the time spent reading shared strings).
    private static func mayHoldEscape(_ text: String) -> Bool {
        var afterUnderscore = false
        for byte in text.utf8 {
            if afterUnderscore && byte == UInt8(ascii: "x") { return true }
            afterUnderscore = byte == UInt8(ascii: "_")
        }
        return false
    }

    /// The code unit of the escape `_xHHHH_` at `index`, or nil.
    private static func escapedUnit(_ units: [UInt16], at index: Int) -> UInt16? {
        guard index + 6 < units.count, units[index] == 0x5F, units[index + 1] == 0x78, units[index + 6] == 0x5F else { return nil }
        var value: UInt16 = 0
        for offset in 2...5 {
            let unit = units[index + offset]
            guard unit < 0x80, let digit = ASCII.digitValue(UInt8(unit), radix: 16) else { return nil }
            value = value << 4 | UInt16(digit)
        }
        return value
    }
}
