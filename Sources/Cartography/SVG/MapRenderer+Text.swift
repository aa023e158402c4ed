import Foundation
import GeoCore

extension MapRenderer {
    static let titleSize = 24.0
    static let subtitleSize = 14.0
    static let metaSize = 12.0
    static let noteSize = 13.0
    static let footerSize = 10.0
    static let footerLineHeight = 14.0

    /// The Japanese name of a classification method, for the legend.
    static func methodName(_ method: ClassificationMethod) -> String {
        switch method {
        case .quantiles: "分位数分類"
        case .equalInterval: "等間隔分類"
        case .fisherJenks: "自然分類（Fisher–Jenks）"
        case .headTail: "ヘッド／テール分類"
        case .manual: "任意の区切り"
        }
    }

    static func statusName(_ status: String) -> String {
        switch status {
        case "published": "公表"
        case "draft": "下書き"
        default: status
        }
    }

    /// The legend for the map's classes (or unit categories), project symbols and marker layers.
    func legend(_ spec: MapSpec, input: MapInput, classes: MapClasses?, presentation: MetricPresentation?,
                symbols: ProjectSymbolLayer, categoryLegend: [LegendEntry], markers: MarkerOverlay) -> LegendBlock {
        var heading: String?
        var subheading: String?
        let countNote = "（）内は\(spec.level.japaneseName.replacingOccurrences(of: "（政令市は区）", with: ""))数"
        if let classes, let presentation {
            heading = spec.legendTitle ?? presentation.heading
            var parts = ["\(Self.methodName(classes.classification.method))・\(classes.classification.classCount)階級"]
            if spec.legendCounts { parts.append(countNote) }
            subheading = parts.joined(separator: "　")
        } else if !categoryLegend.isEmpty, let categories = input.unitCategories {
            heading = spec.legendTitle ?? categories.heading
            subheading = spec.legendCounts ? countNote : nil
        } else if let title = spec.legendTitle {
            heading = title
        }
        var block = LegendBlock(heading: heading, subheading: subheading, entries: classes?.legend ?? categoryLegend,
                                showCounts: spec.legendCounts)
        if spec.projectSymbols != nil {
            block.symbolHeading = "事業（円の面積は総投資額に比例）"
            if symbols.largestAmount > 0 {
                let yen = MetricPresentation.of(.totalInvestment, largest: symbols.largestAmount)
                var sizes: [LegendBlock.SymbolSize] = []
                var amounts: [Double] = []
                for fraction in [1.0, 0.25, 0.04] {
                    let amount = Self.roundDown(symbols.largestAmount * fraction)
                    guard amount > 0, !amounts.contains(amount) else { continue }
                    amounts.append(amount)
                    let decimals = JapaneseNumberText.decimals(for: [amount / yen.divisor])
                    sizes.append(.init(label: "\(JapaneseNumberText.text(amount / yen.divisor, decimals: decimals))\(yen.unit)",
                                       radius: symbols.maxRadius * (amount / symbols.largestAmount).squareRoot()))
                }
                block.symbolSizes = sizes
            }
            block.symbolCategories = symbols.categories
            var notes: [String] = []
            if symbols.withoutAmount > 0 { notes.append("金額不明の\(symbols.withoutAmount)件は表示せず") }
            if symbols.omitted > 0 { notes.append("枠外の\(symbols.omitted)件は表示せず") }
            block.symbolNote = notes.isEmpty ? nil : notes.joined(separator: "、")
        }
        if !markers.isEmpty { Self.addMarkerRows(markers, to: &block) }
        return block
    }

    /// The marker layers' rows, after the project symbols' (under a heading of the layers'
    /// names when the map has no symbols), with a note of the markers outside the map.
    static func addMarkerRows(_ markers: MarkerOverlay, to block: inout LegendBlock) {
        if block.symbolHeading == nil { block.symbolHeading = markers.layers.map(\.layer.label).joined(separator: "・") }
        block.symbolCategories += markers.legendRows
        if markers.omitted > 0 {
            block.symbolNote = [block.symbolNote, "地図の範囲外の\(markers.omitted)件は表示せず"].compactMap { $0 }.joined(separator: "、")
        }
    }

    /// The largest 1, 2 or 5 × 10ⁿ not above `value`.
    static func roundDown(_ value: Double) -> Double {
        guard value > 0 else { return 0 }
        let magnitude = pow(10, floor(log10(value)))
        for factor in [5.0, 2.0, 1.0] where factor * magnitude <= value * (1 + 1e-12) { return factor * magnitude }
        return magnitude
    }

    /// The header: title, subtitle, the edition line and the edition's note (prominent, in a
    /// red box: a map of fictional data must say so at first sight).
    func headerLines(_ spec: MapSpec, input: MapInput) -> (height: Double, element: SVGElement) {
        let margin = MapLayout.margin
        var group = SVGElement("g", [("id", "header")])
        var y = margin
        func n(_ value: Double) -> String { SVGNumber.text(value) }
        group.append(SVGElement("text", [("x", n(margin)), ("y", n(y + Self.titleSize)), ("font-size", n(Self.titleSize)),
                                         ("font-weight", "bold"), ("fill", "#111111")], text: spec.title))
        y += Self.titleSize + 10
        if let subtitle = spec.subtitle {
            group.append(SVGElement("text", [("x", n(margin)), ("y", n(y + Self.subtitleSize)), ("font-size", n(Self.subtitleSize)),
                                             ("fill", "#333333")], text: subtitle))
            y += Self.subtitleSize + 8
        }
        let edition = input.edition
        var meta = "版: \(edition.name)（\(Self.statusName(edition.status))・\(edition.date)）"
        if let boundaries = edition.boundaryEdition { meta += "　境界: \(boundaries)（\(input.scale)）" }
        meta += "　範囲: \(input.extentName)"
        group.append(SVGElement("text", [("id", "edition"), ("x", n(margin)), ("y", n(y + Self.metaSize)), ("font-size", n(Self.metaSize)),
                                         ("fill", "#444444")], text: meta))
        y += Self.metaSize + 8
        if let note = edition.note {
            let text = "注意: \(note)"
            let width = TextMetrics.width(text, fontSize: Self.noteSize) + 16
            var box = SVGElement("g", [("id", "edition-note")])
            box.append(SVGElement("rect", [("x", n(margin)), ("y", n(y)), ("width", n(width.rounded(.up))), ("height", n(Self.noteSize + 10)),
                                           ("rx", "3"), ("fill", "#fdecea"), ("stroke", "#c62828"), ("stroke-width", "1")]))
            box.append(SVGElement("text", [("x", n(margin + 8)), ("y", n(y + Self.noteSize + 3)), ("font-size", n(Self.noteSize)),
                                           ("font-weight", "bold"), ("fill", "#b71c1c")], text: text))
            group.append(box)
            y += Self.noteSize + 16
        }
        return (y - margin + 4, group)
    }

    /// The footer: the projection, then every data credit, then the spec's own credits.
    func footerLines(_ spec: MapSpec, frames: [MapFrame], fill: String?) -> (height: Double, lines: [String]) {
        let projection = frames[0].projection
        func degrees(_ value: Double) -> String { SVGNumber.text(value, decimals: 1) }
        var projectionLine = "投影: アルベルス正積円錐図法（GRS80、標準緯線 \(degrees(projection.standardParallel1))°N・\(degrees(projection.standardParallel2))°N、中央経線 \(degrees(projection.centralMeridian))°E）"
        if frames.count > 1 { projectionLine += "。挿入図は各枠に合わせた同図法・縮尺は各枠の縮尺線による" }
        let width = Double(spec.width) - 2 * MapLayout.margin
        let lines = ([projectionLine] + DataCredits.all(fill: fill) + spec.attribution).flatMap {
            TextMetrics.wrap($0, fontSize: Self.footerSize, width: width)
        }
        return (Double(lines.count) * Self.footerLineHeight + 6, lines)
    }

    func footerElement(_ lines: [String], width: Double, height: Double) -> SVGElement {
        var group = SVGElement("g", [("id", "credits"), ("font-size", SVGNumber.text(Self.footerSize)), ("fill", "#555555")])
        var y = height - MapLayout.margin - Double(lines.count - 1) * Self.footerLineHeight
        for line in lines {
            group.append(SVGElement("text", [("x", SVGNumber.text(MapLayout.margin)), ("y", SVGNumber.text(y))], text: line))
            y += Self.footerLineHeight
        }
        return group
    }

    /// The `<desc>`: what the map shows, in one paragraph, for screen readers and catalogues.
    func description(_ spec: MapSpec, input: MapInput, classes: MapClasses?, presentation: MetricPresentation?, insets: [MapInset],
                     categoryLegend: [LegendEntry]) -> String {
        var parts: [String] = []
        if let classes, let presentation {
            parts.append("\(input.extentName)の\(spec.level.japaneseName)別\(presentation.name)（\(presentation.unit)）の階級区分図。"
                         + "\(Self.methodName(classes.classification.method))で\(classes.classification.classCount)階級、\(input.units.count)単位。")
        } else if let categories = input.unitCategories, !categoryLegend.isEmpty {
            parts.append("\(input.extentName)の\(spec.level.japaneseName)別\(categories.heading)の図、\(input.units.count)単位（"
                         + categoryLegend.map { "\($0.label) \($0.count)" }.joined(separator: "、") + "）。")
        } else {
            parts.append("\(input.extentName)の\(spec.level.japaneseName)図、\(input.units.count)単位。")
        }
        if !input.markers.isEmpty { parts.append("記号: \(input.markers.map(\.label).joined(separator: "、"))。") }
        if spec.projectSymbols != nil { parts.append("投資事業を投資額に比例する円で表示。") }
        if !insets.isEmpty { parts.append("挿入図: \(insets.map(\.caption).joined(separator: "、"))。") }
        var edition = "版 \(input.edition.name)（\(Self.statusName(input.edition.status))・\(input.edition.date)）"
        if let note = input.edition.note { edition += "、\(note)" }
        parts.append(edition + "。")
        parts.append("出典: " + DataCredits.all(fill: input.edition.boundaryFill).joined(separator: "／"))
        return parts.joined()
    }

    /// An inset's outline, caption, note and scale bar (its background is drawn under the units).
    func insetElement(_ inset: MapInset, frame: MapFrame, note: String?) -> SVGElement {
        let box = frame.box
        func n(_ value: Double) -> String { SVGNumber.text(value) }
        var group = SVGElement("g", [("id", "inset-\(inset.rawValue)"), ("data-inset", inset.rawValue)])
        group.append(SVGElement("rect", rectAttributes(box) + [("fill", "none"), ("stroke", "#777777"), ("stroke-width", "0.8")]))
        group.append(SVGElement("text", [("x", n(box.x + MapLayout.insetPadding)), ("y", n(box.y + MapLayout.insetPadding + 12)),
                                         ("font-size", "12"), ("font-weight", "bold"), ("fill", "#333333")], text: inset.caption))
        var bottom = box.maxY - MapLayout.insetPadding
        if let note {
            group.append(SVGElement("text", [("x", n(box.x + MapLayout.insetPadding)), ("y", n(bottom - 2)), ("font-size", "9"),
                                             ("fill", "#555555")], text: note))
            bottom -= MapLayout.insetNoteHeight
        }
        group.append(scaleBarElement(frame.scaleBar, x: box.x + MapLayout.insetPadding, y: bottom - 18, id: nil))
        return group
    }

    /// A scale bar: a ticked line with its length written after it.
    func scaleBarElement(_ bar: ScaleBar, x: Double, y: Double, id: String?) -> SVGElement {
        func n(_ value: Double) -> String { SVGNumber.text(value) }
        var attributes: [(name: String, value: String)] = [("class", "scale-bar"), ("data-km", SVGNumber.text(bar.kilometres, decimals: 3))]
        if let id { attributes.insert(("id", id), at: 0) }
        var group = SVGElement("g", attributes)
        let baseline = y + 12
        group.append(SVGElement("path", [("d", "M\(n(x)) \(n(baseline - 5))v5h\(n(bar.pixels))v-5"), ("fill", "none"),
                                         ("stroke", "#333333"), ("stroke-width", "1.2")]))
        group.append(SVGElement("text", [("x", n(x + bar.pixels + 5)), ("y", n(baseline)), ("font-size", "10"), ("fill", "#333333")],
                                text: bar.label))
        return group
    }
}
