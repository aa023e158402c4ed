import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// XML (rendered SVG) parsed with Foundation's XMLParser into a flat list of elements in
/// document order; a document that does not parse is an error naming the line.
public enum XMLElements {
    public struct Element {
        public var name: String
        public var attributes: [String: String]
        public var text: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            open.append(elements.count)
            elements.append(Element(name: name, attributes: attributes, text: ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = open.last { elements[index].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }
    }

    /// The elements of `data`; `name` says whose they are in an error.
    public static func parse(_ data: Data, name: String) throws -> [Element] {
        let parser = XMLParser(data: data)
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else {
            throw Failure(description: "\(name): not well-formed XML at line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "unknown error")")
        }
        return collector.elements
    }
}
