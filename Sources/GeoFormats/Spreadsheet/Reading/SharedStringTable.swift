/// Reading `xl/sharedStrings.xml`: the texts that cells of type `s` point at by index.
enum SharedStringTable {
    /// The strings in order. A string's text is the text of its `<t>` elements (the plain text,
    /// or the runs of rich text, joined); phonetic runs (`<rPh>`, the furigana of Japanese
    /// workbooks) are left out; `_xHHHH_` escapes are decoded.
    /// - Throws: `XLSXError` for malformed XML.
    static func parse(_ bytes: [UInt8], part: String, file: String) throws -> [String] {
        try XMLPart.scan(bytes, file: file, part: part) { scanner in
            var strings: [String] = []
            var current = ""
            var inText = false
            var phoneticDepth = 0
            while true {
                switch try scanner.next() {
                case .endOfDocument:
                    return strings
                case .startElement:
                    if scanner.nameIs("t") {
                        inText = phoneticDepth == 0
                    } else if scanner.nameIs("rPh") {
                        phoneticDepth += 1
                    } else if scanner.nameIs("si") {
                        current = ""
                    } else if scanner.nameIs("sst"), let count = scanner.attribute("uniqueCount").flatMap({ scanner.integer($0.value) }) {
                        // Bounded: a string takes at least `<si><t/></si>`.
                        strings.reserveCapacity(min(count, bytes.count / 12))
                    }
                case .endElement:
                    if scanner.nameIs("t") {
                        inText = false
                    } else if scanner.nameIs("rPh") {
                        phoneticDepth -= 1
                    } else if scanner.nameIs("si") {
                        strings.append(EscapedCharacters.decoded(current))
                    }
                case .text where inText:
                    current += try scanner.textString()
                case .text:
                    continue
                }
            }
        }
    }
}
