/// Greedy label placement with collision boxes: labels are taken in priority order (larger
/// units first); each tries its anchor, then positions shifted above, below, right, left and
/// diagonally from it, then twice as far above and below, and takes the first whose box
/// overlaps no label placed before it and no obstacle (legend, insets, scale bar) and stays in
/// the map area. A label with no free position is dropped.
public struct LabelPlacer {
    /// A label to place.
    public struct Candidate: Sendable {
        public var text: String
        /// Where the label would sit (page pixels): the centre of its text.
        public var anchorX: Double
        public var anchorY: Double
        /// Higher first.
        public var priority: Double
        /// Identifies the labelled unit (ties in priority break on it).
        public var key: String

        public init(text: String, anchorX: Double, anchorY: Double, priority: Double, key: String) {
            self.text = text
            self.anchorX = anchorX
            self.anchorY = anchorY
            self.priority = priority
            self.key = key
        }
    }

    /// A label placed.
    public struct Placed: Sendable, Equatable {
        public var text: String
        public var key: String
        /// Centre of the text, and its collision box.
        public var x: Double
        public var y: Double
        public var box: PageRect
    }

    public let fontSize: Double
    public let bounds: PageRect
    public let obstacles: [PageRect]

    /// Labels of `fontSize` px kept inside `bounds` and off `obstacles`.
    public init(fontSize: Double, bounds: PageRect, obstacles: [PageRect]) {
        self.fontSize = fontSize
        self.bounds = bounds
        self.obstacles = obstacles
    }

    /// The labels placed, in priority order, and the keys of those dropped.
    public func place(_ candidates: [Candidate]) -> (placed: [Placed], dropped: [String]) {
        let ordered = candidates.sorted { ($0.priority, $1.key) > ($1.priority, $0.key) }
        var placed: [Placed] = []
        var dropped: [String] = []
        let height = fontSize * 1.25
        let padding = fontSize * 0.15
        for candidate in ordered {
            let width = TextMetrics.width(candidate.text, fontSize: fontSize)
            let shiftX = width / 2 + fontSize * 0.4, shiftY = height * 0.85
            let offsets: [(Double, Double)] = [(0, 0), (0, -shiftY), (0, shiftY), (shiftX, 0), (-shiftX, 0),
                                               (shiftX, -shiftY), (-shiftX, -shiftY), (shiftX, shiftY), (-shiftX, shiftY),
                                               (0, -2 * shiftY), (0, 2 * shiftY)]
            var done = false
            for (dx, dy) in offsets {
                let x = candidate.anchorX + dx, y = candidate.anchorY + dy
                let box = PageRect(x: x - width / 2 - padding, y: y - height / 2 - padding,
                                   width: width + 2 * padding, height: height + 2 * padding)
                guard bounds.contains(box),
                      !obstacles.contains(where: { $0.intersects(box) }),
                      !placed.contains(where: { $0.box.intersects(box) }) else { continue }
                placed.append(Placed(text: candidate.text, key: candidate.key, x: x, y: y, box: box))
                done = true
                break
            }
            if !done { dropped.append(candidate.key) }
        }
        return (placed, dropped)
    }
}
