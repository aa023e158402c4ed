/// Writing text into XML: markup characters escaped, and the characters XML 1.0 cannot hold
/// (control characters other than tab, line feed and carriage return; U+FFFE, U+FFFF)
/// dropped. A carriage return is written as `&#13;`, which a parser keeps, where a raw one would
/// be turned into a line feed.
enum XMLEscaping {
    /// Appends `text` as element content (`&`, `<`, `>` escaped).
    static func appendText(_ text: String, to output: inout [UInt8]) {
        append(text, quotes: false, to: &output)
    }

    /// Appends `text` as an attribute value in double quotes (`"` escaped too; tab and line feed
    /// as references, since a parser turns raw ones into spaces).
    static func appendAttribute(_ text: String, to output: inout [UInt8]) {
        append(text, quotes: true, to: &output)
    }

    /// `text` as element content.
    static func text(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendText(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text` as an attribute value.
    static func attribute(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendAttribute(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func append(_ text: String, quotes: Bool, to output: inout [UInt8]) {
        let utf8 = text.utf8
        // Most text needs nothing: copy it as it is.
        if !utf8.contains(where: { $0 < 0x20 || $0 == ASCII.ampersand || $0 == ASCII.lessThan || $0 == ASCII.greaterThan || $0 == ASCII.quote || $0 == 0xEF }) {
            output.append(contentsOf: utf8)
            return
        }
        let bytes = Array(utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case ASCII.ampersand: output.append(contentsOf: "&amp;".utf8)
            case ASCII.lessThan: output.append(contentsOf: "&lt;".utf8)
            case ASCII.greaterThan: output.append(contentsOf: "&gt;".utf8)
            case ASCII.quote where quotes: output.append(contentsOf: "&quot;".utf8)
            case ASCII.carriageReturn: output.append(contentsOf: "&#13;".utf8)
            case ASCII.lineFeed where quotes: output.append(contentsOf: "&#10;".utf8)
            case ASCII.tab where quotes: output.append(contentsOf: "&#9;".utf8)
            case ASCII.lineFeed, ASCII.tab: output.append(byte)
            case 0..<0x20: continue
            case 0xEF where index + 1 < bytes.count && bytes[index] == 0xBF && bytes[index + 1] >= 0xBE:
                index += 2 // U+FFFE or U+FFFF (EF BF BE, EF BF BF)
            default: output.append(byte)
            }
        }
    }
}
