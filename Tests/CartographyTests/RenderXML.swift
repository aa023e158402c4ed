import Foundation
import TestSupport
import XCTest

/// Rendered SVG as elements (`XMLElements`) and the geometry read back from them.
enum RenderXML {
    typealias Element = XMLElements.Element

    static func elements(_ svg: [UInt8]) throws -> [Element] {
        try XMLElements.parse(Data(svg), name: "SVG")
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
