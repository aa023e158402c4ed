import Foundation

/// The legend box: the classes (swatch, range, count of units) under the metric's heading,
/// and/or the project symbols (reference circles for amounts, one colour per category). Measured
/// first (`width`, `height`) so the layout can place it, then drawn at the chosen place.
public struct LegendBlock: Sendable {
    /// A reference circle: an amount and its radius.
    public struct SymbolSize: Sendable, Equatable {
        public var label: String
        public var radius: Double
    }

    /// How a symbol row's swatch is drawn: a proportional symbol's circle, a marker layer's
    /// dot or diamond, or an area's outline.
    public enum SymbolShape: Sendable, Equatable {
        case circle, dot, diamond, outline
    }

    /// A category of the symbols with the number of projects (or markers) drawn in it.
    public struct SymbolCategory: Sendable, Equatable {
        public var id: String
        public var label: String
        public var color: String
        public var count: Int
        public var shape: SymbolShape = .circle
    }

    public var heading: String?
    public var subheading: String?
    public var entries: [LegendEntry]
    public var showCounts: Bool
    public var symbolHeading: String?
    public var symbolSizes: [SymbolSize]
    public var symbolCategories: [SymbolCategory]
    public var symbolNote: String?

    static let padding = 10.0
    static let headingSize = 13.0
    static let textSize = 11.0
    static let smallSize = 10.0
    static let rowHeight = 17.0
    static let swatch = (width: 20.0, height: 12.0)

    public init(heading: String?, subheading: String?, entries: [LegendEntry], showCounts: Bool, symbolHeading: String? = nil,
                symbolSizes: [SymbolSize] = [], symbolCategories: [SymbolCategory] = [], symbolNote: String? = nil) {
        self.heading = heading
        self.subheading = subheading
        self.entries = entries
        self.showCounts = showCounts
        self.symbolHeading = symbolHeading
        self.symbolSizes = symbolSizes
        self.symbolCategories = symbolCategories
        self.symbolNote = symbolNote
    }

    /// Whether there is nothing to show (a map without a metric and without symbols).
    public var isEmpty: Bool { heading == nil && entries.isEmpty && symbolHeading == nil }

    private var countWidth: Double {
        guard showCounts else { return 0 }
        let widest = entries.map { TextMetrics.width("(\(JapaneseNumberText.text(Double($0.count), decimals: 0)))", fontSize: Self.textSize) }.max() ?? 0
        return widest + 10
    }

    private var labelWidth: Double {
        entries.map { TextMetrics.width($0.label, fontSize: Self.textSize) }.max() ?? 0
    }

    private var symbolRowWidth: Double {
        let circles = symbolSizes.reduce(0) { $0 + 2 * $1.radius + 8 }
        let labels = symbolSizes.reduce(0) { $0 + max(0, TextMetrics.width($1.label, fontSize: Self.smallSize) - 2 * $1.radius - 8) }
        return circles + labels
    }

    private var symbolsHeight: Double {
        guard symbolHeading != nil else { return 0 }
        let largest = symbolSizes.map(\.radius).max() ?? 0
        return 8 + Self.rowHeight + (symbolSizes.isEmpty ? 0 : 2 * largest + 16) + Double(symbolCategories.count) * Self.rowHeight
            + (symbolNote == nil ? 0 : Self.rowHeight)
    }

    public var width: Double {
        var widest = Self.swatch.width + 8 + labelWidth + countWidth
        if entries.isEmpty { widest = 0 }
        if let heading { widest = max(widest, TextMetrics.width(heading, fontSize: Self.headingSize)) }
        if let subheading { widest = max(widest, TextMetrics.width(subheading, fontSize: Self.smallSize)) }
        if let symbolHeading {
            widest = max(widest, TextMetrics.width(symbolHeading, fontSize: Self.textSize), symbolRowWidth)
            for category in symbolCategories {
                widest = max(widest, Self.swatch.width + 8 + TextMetrics.width(category.label, fontSize: Self.textSize))
            }
            if let symbolNote { widest = max(widest, TextMetrics.width(symbolNote, fontSize: Self.smallSize)) }
        }
        return (widest + 2 * Self.padding).rounded(.up)
    }

    public var height: Double {
        var total = 2 * Self.padding
        if heading != nil { total += Self.rowHeight + 2 }
        if subheading != nil { total += Self.rowHeight - 2 }
        total += Double(entries.count) * Self.rowHeight
        total += symbolsHeight
        return total.rounded(.up)
    }

    /// The legend drawn with its top-left corner at (`x`, `y`).
    public func element(x: Double, y: Double) -> SVGElement {
        func n(_ value: Double) -> String { SVGNumber.text(value) }
        var group = SVGElement("g", [("id", "legend")])
        group.append(SVGElement("rect", [("x", n(x)), ("y", n(y)), ("width", n(width)), ("height", n(height)),
                                         ("fill", "#ffffff"), ("fill-opacity", "0.92"), ("stroke", "#bbbbbb"), ("stroke-width", "0.8")]))
        let left = x + Self.padding
        var cursor = y + Self.padding
        if let heading {
            group.append(SVGElement("text", [("x", n(left)), ("y", n(cursor + Self.headingSize)), ("font-size", n(Self.headingSize)),
                                             ("font-weight", "bold"), ("fill", "#222222")], text: heading))
            cursor += Self.rowHeight + 2
        }
        if let subheading {
            group.append(SVGElement("text", [("x", n(left)), ("y", n(cursor + Self.smallSize)), ("font-size", n(Self.smallSize)),
                                             ("fill", "#555555")], text: subheading))
            cursor += Self.rowHeight - 2
        }
        let right = x + width - Self.padding
        for entry in entries {
            var row = SVGElement("g", [("class", "legend-entry"), ("data-class", entry.key), ("data-count", String(entry.count))])
            row.append(SVGElement("rect", [("x", n(left)), ("y", n(cursor + 2)), ("width", n(Self.swatch.width)),
                                           ("height", n(Self.swatch.height)), ("fill", entry.color), ("stroke", "#888888"),
                                           ("stroke-width", "0.5")]))
            row.append(SVGElement("text", [("x", n(left + Self.swatch.width + 8)), ("y", n(cursor + 12)),
                                           ("font-size", n(Self.textSize)), ("fill", "#222222")], text: entry.label))
            if showCounts {
                row.append(SVGElement("text", [("x", n(right)), ("y", n(cursor + 12)), ("font-size", n(Self.textSize)),
                                               ("text-anchor", "end"), ("fill", "#555555")],
                                      text: "(\(JapaneseNumberText.text(Double(entry.count), decimals: 0)))"))
            }
            group.append(row)
            cursor += Self.rowHeight
        }
        guard let symbolHeading else { return group }
        cursor += 8
        group.append(SVGElement("text", [("x", n(left)), ("y", n(cursor + Self.textSize)), ("font-size", n(Self.textSize)),
                                         ("font-weight", "bold"), ("fill", "#222222")], text: symbolHeading))
        cursor += Self.rowHeight
        if let largest = symbolSizes.map(\.radius).max() {
            let baseline = cursor + 2 * largest
            var circleX = left
            for size in symbolSizes {
                let labelWidth = TextMetrics.width(size.label, fontSize: Self.smallSize)
                let slot = max(2 * size.radius, labelWidth)
                let cx = circleX + slot / 2
                group.append(SVGElement("circle", [("cx", n(cx)), ("cy", n(baseline - size.radius)), ("r", n(size.radius)),
                                                   ("fill", "none"), ("stroke", "#555555"), ("stroke-width", "0.8")]))
                group.append(SVGElement("text", [("x", n(cx)), ("y", n(baseline + 12)), ("font-size", n(Self.smallSize)),
                                                 ("text-anchor", "middle"), ("fill", "#333333")], text: size.label))
                circleX += slot + 8
            }
            cursor = baseline + 16
        }
        for category in symbolCategories {
            var row = SVGElement("g", [("class", "legend-symbol"), ("data-category", category.id), ("data-count", String(category.count))])
            row.append(Self.swatch(category, x: left + 6, y: cursor + 8))
            row.append(SVGElement("text", [("x", n(left + Self.swatch.width + 8)), ("y", n(cursor + 12)),
                                           ("font-size", n(Self.textSize)), ("fill", "#222222")], text: category.label))
            group.append(row)
            cursor += Self.rowHeight
        }
        if let symbolNote {
            group.append(SVGElement("text", [("x", n(left)), ("y", n(cursor + 11)), ("font-size", n(Self.smallSize)),
                                             ("fill", "#555555")], text: symbolNote))
        }
        return group
    }

    /// A symbol row's swatch centred at (`x`, `y`).
    static func swatch(_ category: SymbolCategory, x: Double, y: Double) -> SVGElement {
        func n(_ value: Double) -> String { SVGNumber.text(value) }
        switch category.shape {
        case .circle:
            return SVGElement("circle", [("cx", n(x)), ("cy", n(y)), ("r", "6"), ("fill", category.color),
                                         ("fill-opacity", "0.8"), ("stroke", "#ffffff"), ("stroke-width", "0.5")])
        case .dot:
            return SVGElement("circle", [("cx", n(x)), ("cy", n(y)), ("r", n(MarkerOverlay.dotRadius + 0.8)), ("fill", category.color),
                                         ("stroke", "#ffffff"), ("stroke-width", "0.5")])
        case .diamond:
            return SVGElement("path", [("d", MarkerOverlay.diamondPath(x: x, y: y)), ("fill", category.color),
                                       ("stroke", "#222222"), ("stroke-width", "0.8"), ("stroke-linejoin", "round")])
        case .outline:
            return SVGElement("rect", [("x", n(x - 6)), ("y", n(y - 5)), ("width", "12"), ("height", "10"), ("fill", category.color),
                                       ("fill-opacity", "0.15"), ("stroke", category.color), ("stroke-width", n(MarkerOverlay.outlineWidth))])
        }
    }
}
