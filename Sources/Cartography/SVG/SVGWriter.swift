/// Serialises an `SVGElement` tree as an XML document (UTF-8): the one place where text is
/// escaped. Elements with element children put each child on its own line; elements holding
/// only text stay on one line. Characters XML 1.0 does not allow (C0 controls other than tab,
/// newline and carriage return) become spaces, so any name from the data gives valid XML.
public enum SVGWriter {
    /// The whole document: XML declaration, the tree, a final newline.
    public static func document(_ root: SVGElement) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        out.append(contentsOf: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)
        write(root, into: &out)
        out.append(0x0A)
        return out
    }

    static func write(_ element: SVGElement, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "<"))
        out.append(contentsOf: element.name.utf8)
        for attribute in element.attributes {
            out.append(0x20)
            out.append(contentsOf: attribute.name.utf8)
            out.append(contentsOf: "=\"".utf8)
            escape(attribute.value, into: &out, quotes: true)
            out.append(UInt8(ascii: "\""))
        }
        if element.children.isEmpty {
            out.append(contentsOf: "/>".utf8)
            return
        }
        out.append(UInt8(ascii: ">"))
        let hasElements = element.children.contains { if case .element = $0 { true } else { false } }
        for child in element.children {
            switch child {
            case .element(let inner):
                if hasElements { out.append(0x0A) }
                write(inner, into: &out)
            case .text(let text):
                escape(text, into: &out, quotes: false)
            }
        }
        if hasElements { out.append(0x0A) }
        out.append(contentsOf: "</".utf8)
        out.append(contentsOf: element.name.utf8)
        out.append(UInt8(ascii: ">"))
    }

    /// Appends `text` with &, <, > (and " in attributes) escaped.
    static func escape(_ text: String, into out: inout [UInt8], quotes: Bool) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\"") where quotes: out.append(contentsOf: "&quot;".utf8)
            case 0x09, 0x0A, 0x0D: out.append(quotes ? 0x20 : byte)
            case 0..<0x20: out.append(0x20)
            default: out.append(byte)
            }
        }
    }
}
