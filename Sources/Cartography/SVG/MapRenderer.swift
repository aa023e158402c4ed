import Foundation
import GeoCore

/// Renders a map spec's data as an SVG document: one `<path>` per unit (id and `data-code`,
/// `data-name`, `data-value`, `data-class`), filled by class and without stroke; the borders
/// drawn once from the coverage's shared arcs (municipal lines thin, prefecture lines thicker,
/// the coast apart); project symbols; marker layers; insets, legend, scale bars, labels, title,
/// edition and credits. A map without a metric may colour its units by category
/// (`MapInput.unitCategories`, e.g. a gap map). Coordinates are page pixels rounded to 0.1 px;
/// nothing depends on the clock or on hash order, so the same spec and data give the same bytes.
public struct MapRenderer: Sendable {
    /// The CJK-capable font stack every text uses.
    public static let fontFamily = "'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', sans-serif"
    /// Fill of units on a map without a metric, and of 所属未定地.
    static let baseFill = "#e4e4e4"
    static let unassignedFill = "#d9d9d9"

    /// A polygon of a unit as drawn: its frame and its projected coordinates (metres).
    struct Piece {
        var frame: Int
        var polygon: Polygon
    }

    public init() {}

    /// Renders `input` as `spec` says, in named steps: classify the values, frame the polygons
    /// (main map and insets), project them, lay out the page, draw the document.
    /// - Throws: `MapSpecError` naming the spec file when its data cannot be drawn (no unit to
    ///   draw, values that cannot be classified, an unknown palette).
    public func render(_ spec: MapSpec, input: MapInput) throws -> RenderedMap {
        guard !input.units.isEmpty else {
            throw MapSpecError(source: spec.source, key: "level", reason: "no \(spec.level.rawValue) units to draw in extent \(spec.extent)")
        }
        let styling = try classify(spec, input: input)
        var framing = try frame(spec, input: input)
        let projected = project(&framing)
        let page = layOut(spec, input: input, styling: styling, framing: framing, projected: projected)
        return draw(spec, input: input, styling: styling, framing: framing, page: page)
    }

    /// How the units are coloured: classes of the metric, or categories on a map without one.
    struct Styling {
        var classes: MapClasses?
        var presentation: MetricPresentation?
        var unitCategories: MapUnitCategories?
        var categoryOfUnit: [Int]?
        var categoryLegend: [LegendEntry]
        var warnings: [String]
    }

    /// The polygons of each frame (main map, insets) and the frames' projections.
    struct Framing {
        var insets: [MapInset]
        var assigner: FrameAssigner
        var split: (units: [[(frame: Int, polygon: Polygon)]], unassigned: [[(frame: Int, polygon: Polygon)]])
        /// Polygons left out per frame (南鳥島 and 沖ノ鳥島 beyond the Ogasawara inset).
        var omitted: [Int]
        var markers: MarkerOverlay
        var frames: [MapFrame]
    }

    /// Every polygon projected (metres), per unit and per 所属未定地 area.
    struct Projected {
        var units: [[Piece]]
        var unassigned: [[Piece]]
    }

    /// Where everything goes on the page, and the polygons placed there.
    struct Page {
        var frames: [MapFrame]
        var layout: MapLayout
        var symbols: ProjectSymbolLayer
        var legend: LegendBlock
        var header: (height: Double, element: SVGElement)
        var footer: (height: Double, lines: [String])
        var insetNotes: [Bool]
        var snappedUnits: [[SnappedPolygon]]
        var snappedUnassigned: [[SnappedPolygon]]
        var topologies: [CoverageTopology]
    }

    /// Classes and fills of the metric's values, or the units' categories.
    func classify(_ spec: MapSpec, input: MapInput) throws -> Styling {
        var styling = Styling(categoryLegend: [], warnings: [])
        if let metric = spec.metric {
            let values = input.units.map(\.value)
            let largest = values.compactMap { $0 }.filter(\.isFinite).map(abs).max() ?? 0
            let shown = MetricPresentation.of(metric, largest: largest)
            styling.presentation = shown
            do {
                styling.classes = try MapClasses.make(values: values, options: spec.classification, palette: spec.palette, presentation: shown)
            } catch let error as PaletteError {
                throw MapSpecError(source: spec.source, key: "palette", reason: error.description)
            } catch let error as ClassificationError {
                throw MapSpecError(source: spec.source, key: "classification", reason: error.description)
            }
            styling.warnings += styling.classes!.warnings
        } else if let categories = input.unitCategories {
            // Without a metric, the units may be coloured by category instead.
            styling.unitCategories = categories
            let assignment = categories.assignment(of: input.units)
            styling.categoryOfUnit = assignment
            styling.categoryLegend = categories.legend(assignment)
        }
        return styling
    }

    /// Which frame draws each polygon (an inset with no unit to draw is left out) and each
    /// frame's projection: the national conic for a national map, else one fitted to the frame.
    /// The units decide each frame's extent; a 所属未定地 area outside it (鳥島 and the rocks
    /// south of the Izu islands, on a map of Tokyo) is left out rather than stretch the map.
    func frame(_ spec: MapSpec, input: MapInput) throws -> Framing {
        var insets = spec.insets
        var assigner = FrameAssigner(insets: insets)
        var split = self.split(input, assigner)
        let used = Set(split.units.flatMap { $0.map(\.frame) })
        if insets.indices.contains(where: { !used.contains($0 + 1) }) {
            insets = insets.enumerated().filter { used.contains($0.offset + 1) }.map(\.element)
            assigner = FrameAssigner(insets: insets)
            split = self.split(input, assigner)
        }
        let frameCount = insets.count + 1
        var omitted = [Int](repeating: 0, count: frameCount)
        for (unit, pieces) in zip(input.units, split.units) where pieces.count < unit.polygons.count {
            omitted[assigner.ogasawaraFrame ?? 0] += unit.polygons.count - pieces.count
        }
        var lonLatBounds = [BoundingBox](repeating: .empty, count: frameCount)
        for pieces in split.units {
            for (frame, polygon) in pieces { for c in polygon.exterior.coordinates { lonLatBounds[frame].extend(c) } }
        }
        guard !lonLatBounds[0].isEmpty else {
            throw MapSpecError(source: spec.source, key: "extent", reason: "nothing to draw in the main frame of extent \(spec.extent)")
        }
        split.unassigned = split.unassigned.map { pieces in
            pieces.filter { frame, polygon in
                let bounds = lonLatBounds[frame]
                return polygon.exterior.coordinates.allSatisfy { bounds.contains($0) }
            }
        }
        let frames: [MapFrame] = (0..<frameCount).map { index in
            let box = lonLatBounds[index]
            let projection = index == 0 && spec.extent == .nation ? AlbersEqualAreaConic.japan : AlbersEqualAreaConic.fitted(to: box)
            return MapFrame(kind: index == 0 ? .main : .inset(insets[index - 1]), projection: projection, projectedBounds: .empty,
                            centreLatitude: (box.minY + box.maxY) / 2)
        }
        return Framing(insets: insets, assigner: assigner, split: split, omitted: omitted,
                       markers: MarkerOverlay(input, assigner: assigner, bounds: lonLatBounds), frames: frames)
    }

    /// Every vertex projected once, extending its frame's projected bounds.
    func project(_ framing: inout Framing) -> Projected {
        func project(_ pieces: [(frame: Int, polygon: Polygon)]) -> [Piece] {
            pieces.map { frame, polygon in
                let projection = framing.frames[frame].projection
                let rings = polygon.rings.map { ring in
                    LinearRing(ring.coordinates.map { c in
                        let p = projection.project(c)
                        framing.frames[frame].projectedBounds.extend(p)
                        return p
                    })
                }
                return Piece(frame: frame, polygon: Polygon(exterior: rings[0], holes: Array(rings.dropFirst())))
            }
        }
        let units = framing.split.units.map(project)
        let unassigned = framing.split.unassigned.map(project)
        return Projected(units: units, unassigned: unassigned)
    }

    /// The page's blocks (symbols, legend, header, footer) placed, the frames fitted to the map
    /// area, and every polygon placed on the page and rounded to the output's precision: the
    /// fills, the borders and the labels' areas all come from these points, so they match
    /// exactly, and the topology of each frame is built on them (far fewer than the scale's
    /// vertices: at 0.1 px most of a national map's vertices fall on their neighbours).
    func layOut(_ spec: MapSpec, input: MapInput, styling: Styling, framing: Framing, projected: Projected) -> Page {
        let symbols = projectSymbols(spec, input: input, assigner: framing.assigner)
        let legendBlock = legend(spec, input: input, classes: styling.classes, presentation: styling.presentation, symbols: symbols,
                                 categoryLegend: styling.categoryLegend, markers: framing.markers)
        let header = headerLines(spec, input: input)
        let footer = footerLines(spec, frames: framing.frames, fill: input.edition.boundaryFill)
        let insetNotes = framing.insets.indices.map { framing.omitted[$0 + 1] > 0 }
        let layout = MapLayout.compute(width: Double(spec.width), height: Double(spec.height), headerHeight: header.height,
                                       footerHeight: footer.height, frames: framing.frames,
                                       mainPolygons: (projected.units + projected.unassigned).flatMap { $0.filter { $0.frame == 0 }.map(\.polygon) },
                                       insetNotes: insetNotes, insetCaptionWidths: framing.insets.map { TextMetrics.width($0.caption, fontSize: 12) },
                                       legendSize: legendBlock.isEmpty ? (1, 1) : (legendBlock.width, legendBlock.height))
        let frames = layout.frames
        let snappedUnits = projected.units.map { $0.compactMap { Self.snap($0, frames: frames) } }
        let snappedUnassigned = projected.unassigned.map { $0.compactMap { Self.snap($0, frames: frames) } }
        let faces = snappedUnits + snappedUnassigned
        let topologies: [CoverageTopology] = frames.indices.map { frame in
            CoverageTopology(faces: faces.map { pieces in pieces.filter { $0.frame == frame }.map(\.polygon) })
        }
        return Page(frames: frames, layout: layout, symbols: symbols, legend: legendBlock, header: header, footer: footer,
                    insetNotes: insetNotes, snappedUnits: snappedUnits, snappedUnassigned: snappedUnassigned, topologies: topologies)
    }

    /// The SVG document: background, insets' backgrounds, units, 所属未定地, borders, symbols,
    /// markers, inset frames, scale bar, labels, legend, header and footer.
    func draw(_ spec: MapSpec, input: MapInput, styling: Styling, framing: Framing, page: Page) -> RenderedMap {
        let frames = page.frames
        var root = SVGElement("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("version", "1.1"),
            ("width", String(spec.width)), ("height", String(spec.height)), ("viewBox", "0 0 \(spec.width) \(spec.height)"),
            ("font-family", Self.fontFamily), ("role", "img"), ("aria-labelledby", "map-title map-desc"),
        ])
        root.append(SVGElement("title", [("id", "map-title")], text: spec.title))
        root.append(SVGElement("desc", [("id", "map-desc")],
                               text: description(spec, input: input, classes: styling.classes, presentation: styling.presentation,
                                                 insets: framing.insets, categoryLegend: styling.categoryLegend)))
        root.append(SVGElement("rect", [("width", String(spec.width)), ("height", String(spec.height)), ("fill", "#ffffff")]))
        if !framing.insets.isEmpty {
            var backgrounds = SVGElement("g", [("id", "inset-backgrounds"), ("fill", "#f7f9fb")])
            for frame in frames.dropFirst() { backgrounds.append(SVGElement("rect", rectAttributes(frame.box))) }
            root.append(backgrounds)
        }
        root.append(unitsElement(input, styling: styling, snapped: page.snappedUnits))
        // 所属未定地 areas (no unit, no value): neutral, so that the coverage shows no holes.
        var unassignedGroup = SVGElement("g", [("id", "unassigned"), ("fill", Self.unassignedFill), ("stroke", "none")])
        for (index, area) in input.unassigned.enumerated() where !page.snappedUnassigned[index].isEmpty {
            unassignedGroup.append(SVGElement("path", [("data-name", area.name), ("d", Self.pathData(page.snappedUnassigned[index]))]))
        }
        if !unassignedGroup.children.isEmpty { root.append(unassignedGroup) }
        root.append(borders(spec, input: input, topologies: page.topologies))
        if let symbolGroup = page.symbols.element(frames: frames) { root.append(symbolGroup) }
        for markerGroup in framing.markers.elements(frames: frames) { root.append(markerGroup) }

        // Insets' frames, captions and scale bars; the main scale bar.
        for (index, frame) in frames.enumerated().dropFirst() {
            guard case .inset(let inset) = frame.kind else { continue }
            root.append(insetElement(inset, frame: frame, note: page.insetNotes[index - 1] ? "南鳥島・沖ノ鳥島は省略" : nil))
        }
        root.append(scaleBarElement(frames[0].scaleBar, x: page.layout.scaleBar.x + 8, y: page.layout.scaleBar.y + 8, id: "scale-bar"))

        // Labels, legend, header, footer.
        var placedLabels = 0
        var droppedLabels: [String] = []
        if spec.prefectureLabels {
            let obstacles = frames.dropFirst().map(\.box) + (page.legend.isEmpty ? [] : [page.layout.legend]) + [page.layout.scaleBar]
            let result = labels(spec, input: input, faces: page.snappedUnits + page.snappedUnassigned, bounds: page.layout.mapArea, obstacles: obstacles)
            placedLabels = result.placed
            droppedLabels = result.dropped
            root.append(result.element)
        }
        if !page.legend.isEmpty { root.append(page.legend.element(x: page.layout.legend.x, y: page.layout.legend.y)) }
        root.append(page.header.element)
        root.append(footerElement(page.footer.lines, width: Double(spec.width), height: Double(spec.height)))

        return RenderedMap(svg: SVGWriter.document(root), unitCount: input.units.count, legend: styling.classes?.legend ?? styling.categoryLegend,
                           projectsDrawn: page.symbols.drawn.count, labelsPlaced: placedLabels, labelsDropped: droppedLabels,
                           warnings: styling.warnings)
    }

    /// Units: one path each, filled by class (or category), no stroke.
    func unitsElement(_ input: MapInput, styling: Styling, snapped: [[SnappedPolygon]]) -> SVGElement {
        var unitGroup = SVGElement("g", [("id", "units"), ("stroke", "none")])
        for (index, unit) in input.units.enumerated() {
            let category = styling.categoryOfUnit.map { styling.unitCategories!.categories[$0[index]] }
            unitGroup.append(SVGElement("path", [
                ("id", "unit-\(unit.code)"), ("data-code", unit.code), ("data-name", unit.name),
                ("data-value", unit.value.map(Self.valueText) ?? ""), ("data-class", styling.classes?.keys[index] ?? category?.key ?? "base"),
                ("fill", styling.classes?.fills[index] ?? category?.color ?? Self.baseFill), ("d", Self.pathData(snapped[index])),
            ]))
        }
        return unitGroup
    }

    /// Each unit's and 所属未定地 area's polygons with the frame that draws them (left-out ones
    /// dropped).
    func split(_ input: MapInput, _ assigner: FrameAssigner) -> (units: [[(frame: Int, polygon: Polygon)]],
                                                                  unassigned: [[(frame: Int, polygon: Polygon)]]) {
        func pieces(_ unit: MapUnit) -> [(frame: Int, polygon: Polygon)] {
            unit.polygons.compactMap { polygon in
                assigner.frame(of: polygon, prefectureCode: unit.prefectureCode, bureauID: unit.bureauID).map { ($0, polygon) }
            }
        }
        return (input.units.map(pieces), input.unassigned.map(pieces))
    }

    /// A projected polygon placed on the page by its frame and rounded to tenths of a pixel,
    /// repeated points dropped; nil when its exterior rounds to fewer than three points (an
    /// island far below a pixel). Holes that collapse are dropped.
    static func snap(_ piece: Piece, frames: [MapFrame]) -> SnappedPolygon? {
        let transform = frames[piece.frame].transform
        func ring(_ coordinates: [Coordinate]) -> [PixelPoint]? {
            var points: [PixelPoint] = []
            points.reserveCapacity(coordinates.count)
            for c in coordinates {
                let p = transform.page(c)
                let point = PixelPoint(page: p.x, p.y)
                if point != points.last { points.append(point) }
            }
            if points.count > 1 && points.first == points.last { points.removeLast() }
            return points.count >= 3 ? points : nil
        }
        guard let exterior = ring(piece.polygon.exterior.coordinates) else { return nil }
        return SnappedPolygon(frame: piece.frame, rings: [exterior] + piece.polygon.holes.compactMap { ring($0.coordinates) })
    }

    /// The path data of a unit's snapped polygons.
    static func pathData(_ polygons: [SnappedPolygon]) -> String {
        var path = SVGPathData()
        for polygon in polygons {
            for ring in polygon.rings { path.appendRing(ring) }
        }
        return path.text
    }

    func rectAttributes(_ rect: PageRect) -> [(name: String, value: String)] {
        [("x", SVGNumber.text(rect.x)), ("y", SVGNumber.text(rect.y)), ("width", SVGNumber.text(rect.width)),
         ("height", SVGNumber.text(rect.height))]
    }

    /// A value as `data-value` holds it: whole numbers without decimals, others with up to 6
    /// significant digits (as `investmap stats` prints them).
    static func valueText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }
}
