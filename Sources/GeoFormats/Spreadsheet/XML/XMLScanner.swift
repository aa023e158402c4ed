import Foundation

/// What `XMLScanner.next()` found.
enum XMLToken {
    case startElement
    case endElement
    case text
    case endOfDocument
}

/// One attribute of the current start tag, as byte ranges into the document.
struct XMLAttribute {
    /// The name without its namespace prefix (`id` for `r:id`).
    var localName: Range<Int>
    var value: Range<Int>
    /// True when the value holds an entity or character reference.
    var needsDecoding: Bool
}

/// Malformed XML at a byte offset of the document; `XMLPart.scan` reports it with the line.
struct MalformedXML: Error {
    var offset: Int
    var reason: String
}

/// A pull tokenizer over the UTF-8 bytes of one package part, for the XML that spreadsheet
/// writers produce: elements, attributes, text, entity and character references, CDATA,
/// comments and processing instructions. A DOCTYPE is refused (OOXML forbids it), so no entity
/// is ever defined or expanded. Names are compared without their namespace prefix, so `x:row`
/// is a `row`.
///
/// Hand-written because the sheet XML is the hot path: Foundation's `XMLParser` took 7.3 s
/// (release build) just to walk the 155 MB sheet of a 340,000-row × 12-column workbook with an
/// empty delegate, creating a String and a Dictionary per element; this scanner reads ranges of
/// the bytes and makes Strings only for the values asked for.
///
/// Nothing is copied: ranges index `bytes`, which must outlive the scanner (`XMLPart.scan`).
/// The end tag of a self-closing element is reported as its own `.endElement`.
struct XMLScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    private var position: Int
    /// The local name of the element just started or ended.
    private(set) var localName: Range<Int> = 0..<0
    /// The attributes of the element just started: the first `attributeCount` (the array is
    /// reused from tag to tag).
    private var attributes: [XMLAttribute] = []
    private var attributeCount = 0
    /// The text just found (CDATA content as it is).
    private(set) var text: Range<Int> = 0..<0
    /// True when `text` holds an entity or character reference or a carriage return.
    private(set) var textNeedsDecoding = false
    /// The qualified names of the open elements, innermost last.
    private var openElements: [Range<Int>] = []
    private var endsSelfClosingElement = false
    /// For scanning the tail of a document from its middle: end tags of elements opened before
    /// `position` are accepted.
    private let acceptsUnopenedEndTags: Bool

    init(bytes: UnsafeBufferPointer<UInt8>, position: Int, acceptsUnopenedEndTags: Bool = false) {
        self.bytes = bytes
        self.position = position
        self.acceptsUnopenedEndTags = acceptsUnopenedEndTags
        attributes.reserveCapacity(16)
        openElements.reserveCapacity(16)
    }

    /// Reads on to the next start tag, end tag or text, or the end of the document.
    mutating func next() throws(MalformedXML) -> XMLToken {
        if endsSelfClosingElement {
            endsSelfClosingElement = false
            openElements.removeLast()
            return .endElement
        }
        let count = bytes.count
        while position < count {
            guard bytes[position] == ASCII.lessThan else { return scanText() }
            guard position + 1 < count else { throw MalformedXML(offset: position, reason: "the document ends inside a tag") }
            switch bytes[position + 1] {
            case ASCII.slash:
                return try scanEndTag()
            case ASCII.question:
                position = try index(after: "?>", from: position + 2, what: "a processing instruction")
            case ASCII.exclamation:
                if hasPrefix("<!--", at: position) {
                    position = try index(after: "-->", from: position + 4, what: "a comment")
                } else if hasPrefix("<![CDATA[", at: position) {
                    let start = position + 9
                    let end = try index(after: "]]>", from: start, what: "a CDATA section")
                    text = start..<(end - 3)
                    textNeedsDecoding = false
                    position = end
                    return .text
                } else {
                    throw MalformedXML(offset: position, reason: "a DOCTYPE or other declaration, which OOXML parts may not hold")
                }
            default:
                return try scanStartTag()
            }
        }
        if let open = openElements.last {
            throw MalformedXML(offset: count, reason: "the document ends before </\(string(open))>")
        }
        return .endOfDocument
    }

    /// True when the current element's local name is `name`.
    @inline(__always)
    func nameIs(_ name: StaticString) -> Bool {
        equals(localName, name)
    }

    /// The attribute of the current start tag whose local name is `name`.
    func attribute(_ name: StaticString) -> XMLAttribute? {
        for index in 0..<attributeCount where equals(attributes[index].localName, name) {
            return attributes[index]
        }
        return nil
    }

    /// The decoded value of the attribute `name`, or nil.
    func attributeString(_ name: StaticString) throws(MalformedXML) -> String? {
        guard let attribute = attribute(name) else { return nil }
        return try string(attribute.value, decoding: attribute.needsDecoding)
    }

    /// The decoded text just found.
    func textString() throws(MalformedXML) -> String {
        try string(text, decoding: textNeedsDecoding)
    }

    /// The bytes of `range` as a String, with entity and character references replaced and line
    /// ends normalised (CR LF and CR become LF) when `decoding`. Invalid UTF-8 becomes U+FFFD.
    func string(_ range: Range<Int>, decoding: Bool) throws(MalformedXML) -> String {
        guard decoding else { return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        return String(decoding: try decoded(range), as: UTF8.self)
    }

    /// The unsigned decimal integer spelled by `range` (digits only), or nil.
    func integer(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var value = 0
        for index in range {
            let digit = bytes[index] &- ASCII.zero
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// The 1-based line of `offset` and its 1-based byte in that line.
    func location(of offset: Int) -> (line: Int, byte: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == ASCII.lineFeed {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }

    // MARK: - Tokens

    private mutating func scanText() -> XMLToken {
        let start = position
        var index = start
        var needsDecoding = false
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == ASCII.lessThan { break }
            if byte == ASCII.ampersand || byte == ASCII.carriageReturn { needsDecoding = true }
            index += 1
        }
        text = start..<index
        textNeedsDecoding = needsDecoding
        position = index
        return .text
    }

    private mutating func scanStartTag() throws(MalformedXML) -> XMLToken {
        var index = position + 1
        let qualifiedName = scanName(from: &index)
        guard !qualifiedName.isEmpty else { throw MalformedXML(offset: position, reason: "'<' not followed by an element name") }
        localName = localPart(of: qualifiedName)
        attributeCount = 0
        let count = bytes.count
        while true {
            let hadSpace = skipSpace(from: &index)
            guard index < count else { throw MalformedXML(offset: position, reason: "the document ends inside <\(string(qualifiedName))>") }
            switch bytes[index] {
            case ASCII.greaterThan:
                openElements.append(qualifiedName)
                position = index + 1
                return .startElement
            case ASCII.slash:
                guard index + 1 < count, bytes[index + 1] == ASCII.greaterThan else {
                    throw MalformedXML(offset: index, reason: "'/' not followed by '>' in <\(string(qualifiedName))>")
                }
                openElements.append(qualifiedName)
                endsSelfClosingElement = true
                position = index + 2
                return .startElement
            default:
                guard hadSpace else { throw MalformedXML(offset: index, reason: "no space before an attribute of <\(string(qualifiedName))>") }
                let attribute = try scanAttribute(from: &index, element: qualifiedName)
                if attributeCount < attributes.count {
                    attributes[attributeCount] = attribute
                } else {
                    attributes.append(attribute)
                }
                attributeCount += 1
            }
        }
    }

    private mutating func scanAttribute(from index: inout Int, element: Range<Int>) throws(MalformedXML) -> XMLAttribute {
        let start = index
        let name = scanName(from: &index)
        guard !name.isEmpty else { throw MalformedXML(offset: start, reason: "an attribute without a name in <\(string(element))>") }
        skipSpace(from: &index)
        guard index < bytes.count, bytes[index] == ASCII.equals else {
            throw MalformedXML(offset: index, reason: "attribute \(string(name)) of <\(string(element))> has no '='")
        }
        index += 1
        skipSpace(from: &index)
        guard index < bytes.count, bytes[index] == ASCII.quote || bytes[index] == ASCII.apostrophe else {
            throw MalformedXML(offset: index, reason: "attribute \(string(name)) of <\(string(element))> has no quoted value")
        }
        let quote = bytes[index]
        let valueStart = index + 1
        var end = valueStart
        var needsDecoding = false
        while end < bytes.count, bytes[end] != quote {
            if bytes[end] == ASCII.ampersand { needsDecoding = true }
            if bytes[end] == ASCII.lessThan { throw MalformedXML(offset: end, reason: "'<' in the value of attribute \(string(name))") }
            end += 1
        }
        guard end < bytes.count else { throw MalformedXML(offset: start, reason: "the value of attribute \(string(name)) is not closed") }
        index = end + 1
        return XMLAttribute(localName: localPart(of: name), value: valueStart..<end, needsDecoding: needsDecoding)
    }

    private mutating func scanEndTag() throws(MalformedXML) -> XMLToken {
        var index = position + 2
        let qualifiedName = scanName(from: &index)
        skipSpace(from: &index)
        guard !qualifiedName.isEmpty, index < bytes.count, bytes[index] == ASCII.greaterThan else {
            throw MalformedXML(offset: position, reason: "a malformed end tag")
        }
        if let open = openElements.last {
            guard open.count == qualifiedName.count,
                  memcmp(bytes.baseAddress! + open.lowerBound, bytes.baseAddress! + qualifiedName.lowerBound, open.count) == 0 else {
                throw MalformedXML(offset: position, reason: "</\(string(qualifiedName))> where </\(string(open))> was expected")
            }
            openElements.removeLast()
        } else if !acceptsUnopenedEndTags {
            throw MalformedXML(offset: position, reason: "</\(string(qualifiedName))> closes no element")
        }
        localName = localPart(of: qualifiedName)
        position = index + 1
        return .endElement
    }

    // MARK: - Pieces

    /// Reads a name (anything up to a space, '/', '>' or '=') and returns its range.
    private func scanName(from index: inout Int) -> Range<Int> {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte <= ASCII.space || byte == ASCII.slash || byte == ASCII.greaterThan || byte == ASCII.equals { break }
            index += 1
        }
        return start..<index
    }

    /// Skips spaces, tabs and line ends; true when there was any.
    @discardableResult
    private func skipSpace(from index: inout Int) -> Bool {
        let start = index
        while index < bytes.count, ASCII.isSpace(bytes[index]) { index += 1 }
        return index > start
    }

    private func localPart(of name: Range<Int>) -> Range<Int> {
        var start = name.lowerBound
        for index in name where bytes[index] == ASCII.colon { start = index + 1 }
        return start..<name.upperBound
    }

    private func hasPrefix(_ prefix: StaticString, at index: Int) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard index + length <= bytes.count else { return false }
        return memcmp(bytes.baseAddress! + index, prefix.utf8Start, length) == 0
    }

    /// The index just after the first `terminator` at or after `start`.
    private func index(after terminator: StaticString, from start: Int, what: String) throws(MalformedXML) -> Int {
        var index = start
        while index < bytes.count {
            if hasPrefix(terminator, at: index) { return index + terminator.utf8CodeUnitCount }
            index += 1
        }
        throw MalformedXML(offset: start, reason: "\(what) is not closed")
    }

    @inline(__always)
    private func equals(_ range: Range<Int>, _ name: StaticString) -> Bool {
        let length = name.utf8CodeUnitCount
        guard range.count == length else { return false }
        let pointer = name.utf8Start
        for offset in 0..<length where bytes[range.lowerBound + offset] != pointer[offset] {
            return false
        }
        return true
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    // MARK: - References

    /// The bytes of `range` with references replaced and line ends normalised.
    private func decoded(_ range: Range<Int>) throws(MalformedXML) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == ASCII.carriageReturn {
                result.append(ASCII.lineFeed)
                index += 1
                if index < range.upperBound, bytes[index] == ASCII.lineFeed { index += 1 }
            } else if byte == ASCII.ampersand {
                var end = index + 1
                while end < range.upperBound, end - index <= 12, bytes[end] != ASCII.semicolon { end += 1 }
                guard end < range.upperBound, bytes[end] == ASCII.semicolon else {
                    throw MalformedXML(offset: index, reason: "'&' that starts no entity or character reference")
                }
                guard let scalar = referencedScalar(index + 1..<end) else {
                    throw MalformedXML(offset: index, reason: "unknown reference &\(string(index + 1..<end));")
                }
                result.append(contentsOf: String(Character(scalar)).utf8)
                index = end + 1
            } else {
                result.append(byte)
                index += 1
            }
        }
        return result
    }

    /// The character `name` (between '&' and ';') stands for: one of the five predefined
    /// entities or a decimal or hexadecimal character reference.
    private func referencedScalar(_ name: Range<Int>) -> Unicode.Scalar? {
        if equals(name, "lt") { return "<" }
        if equals(name, "gt") { return ">" }
        if equals(name, "amp") { return "&" }
        if equals(name, "quot") { return "\"" }
        if equals(name, "apos") { return "'" }
        guard name.count >= 2, bytes[name.lowerBound] == ASCII.hash else { return nil }
        var digits = name.lowerBound + 1..<name.upperBound
        var radix: UInt32 = 10
        if bytes[digits.lowerBound] == UInt8(ascii: "x") {
            radix = 16
            digits = digits.lowerBound + 1..<digits.upperBound
        }
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value: UInt32 = 0
        for index in digits {
            guard let digit = ASCII.digitValue(bytes[index], radix: radix) else { return nil }
            value = value * radix + digit
        }
        guard value != 0 else { return nil }
        return Unicode.Scalar(value)
    }
}
