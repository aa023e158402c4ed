import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// Parses rendered SVG with Foundation's XMLParser (a failure to parse fails the test) into a
/// flat list of elements in document order.
enum RenderXML {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
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

    static func elements(_ svg: [UInt8]) throws -> [Element] {
        let parser = XMLParser(data: Data(svg))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else {
            throw Failure(description: "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "unknown error") at line \(parser.lineNumber)")
        }
        return collector.elements
    }

    /// The first `rect` after `element` (an inset group's outline).
    static func rect(after element: Element, in elements: [Element]) -> CGRect? {
        guard let start = elements.firstIndex(where: { $0.attributes["id"] == element.attributes["id"] }),
              let rect = elements[(start + 1)...].first(where: { $0.name == "rect" }),
              let x = Double(rect.attributes["x"] ?? ""), let y = Double(rect.attributes["y"] ?? ""),
              let width = Double(rect.attributes["width"] ?? ""), let height = Double(rect.attributes["height"] ?? "") else { return nil }
        return CGRect(x: x, y: y, width: width, height: height)
    }

    /// The subpaths of path data as absolute points (M/m, l, z as `SVGPathData` writes them).
    static func subpaths(_ d: String) -> [[CGPoint]] {
        var tokens: [String] = []
        var current = ""
        func flush() { if !current.isEmpty { tokens.append(current); current = "" } }
        for character in d {
            if character.isLetter { flush(); tokens.append(String(character)) }
            else if character == " " { flush() }
            else if character == "-" { flush(); current = "-" }
            else if character == "." && current.contains(".") { flush(); current = "." }
            else { current.append(character) }
        }
        flush()
        var paths: [[CGPoint]] = []
        var command = ""
        var pen = CGPoint.zero
        var numbers: [Double] = []
        for token in tokens {
            if let value = Double(token) {
                numbers.append(value)
                guard numbers.count == 2 else { continue }
                let step = CGPoint(x: numbers[0], y: numbers[1])
                numbers.removeAll()
                switch command {
                case "M": pen = step; paths.append([pen])
                case "m": pen = CGPoint(x: pen.x + step.x, y: pen.y + step.y); paths.append([pen])
                default: pen = CGPoint(x: pen.x + step.x, y: pen.y + step.y); paths[paths.count - 1].append(pen)
                }
                if command == "M" || command == "m" { command = "l" }
            } else if token == "z" {
                pen = paths.last?.first ?? pen
            } else {
                command = token
            }
        }
        return paths
    }

    /// The absolute point a path's data starts at ("M12.3 45.6…").
    static func firstPoint(_ d: String) -> CGPoint? {
        guard d.hasPrefix("M") else { return nil }
        var numbers: [Double] = []
        var current = ""
        for character in d.dropFirst() {
            if character.isNumber || character == "." || (character == "-" && current.isEmpty) {
                current.append(character)
            } else {
                if let value = Double(current) { numbers.append(value) }
                current = character == "-" ? "-" : ""
                if numbers.count == 2 || character.isLetter { break }
            }
        }
        if numbers.count < 2, let value = Double(current) { numbers.append(value) }
        return numbers.count >= 2 ? CGPoint(x: numbers[0], y: numbers[1]) : nil
    }
}
