/// A small SVG element tree: the renderer builds the document as values, and `SVGWriter`
/// serialises (and escapes) it in exactly one place, as mapshaper's SVG export does.
public struct SVGElement: Sendable, Equatable {
    /// A child: an element or character data.
    public enum Node: Sendable, Equatable {
        case element(SVGElement)
        case text(String)
    }

    public var name: String
    /// In the order written (never a dictionary: the output must not depend on hash order).
    public var attributes: [(name: String, value: String)]
    public var children: [Node]

    public init(_ name: String, _ attributes: [(name: String, value: String)] = [], children: [Node] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// An element holding only text, e.g. `<title>…</title>`.
    public init(_ name: String, _ attributes: [(name: String, value: String)] = [], text: String) {
        self.init(name, attributes, children: [.text(text)])
    }

    public mutating func append(_ element: SVGElement) {
        children.append(.element(element))
    }

    public static func == (a: SVGElement, b: SVGElement) -> Bool {
        a.name == b.name && a.children == b.children && a.attributes.count == b.attributes.count
            && zip(a.attributes, b.attributes).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}
