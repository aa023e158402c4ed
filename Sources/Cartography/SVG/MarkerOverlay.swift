import GeoCore

/// The input's marker layers placed in the map's frames: a point in the frame that draws its
/// place, inside that frame's extent; an area (its outline) when it lies wholly inside its
/// frame's extent. What lies outside (a site across the sea from the block) is left out and
/// counted, so the legend's counts are the markers drawn. Placed before the layout (the legend
/// must be measured first), drawn after it.
struct MarkerOverlay {
    struct Placed {
        var marker: MapMarker
        var frame: Int
    }

    struct Layer {
        var layer: MapMarkerLayer
        var placed: [Placed]
        var omitted: Int
    }

    var layers: [Layer] = []

    /// Stroke width of an area's outline and the sizes of the point styles (px).
    static let outlineWidth = 1.6
    static let dotRadius = 2.2
    static let diamondHalfDiagonal = 5.5

    /// `bounds` are the frames' lon/lat extents (the units drawn in each).
    init(_ input: MapInput, assigner: FrameAssigner, bounds: [BoundingBox]) {
        for layer in input.markers {
            var placed: [Placed] = []
            var omitted = 0
            for marker in layer.markers {
                guard let box = Self.box(of: marker.geometry),
                      let frame = assigner.frame(prefectureCode: marker.prefectureCode, bureauID: nil,
                                                 at: Coordinate(x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2)),
                      bounds[frame].contains(Coordinate(x: box.minX, y: box.minY)),
                      bounds[frame].contains(Coordinate(x: box.maxX, y: box.maxY)) else {
                    omitted += 1
                    continue
                }
                placed.append(Placed(marker: marker, frame: frame))
            }
            layers.append(Layer(layer: layer, placed: placed, omitted: omitted))
        }
    }

    var isEmpty: Bool { layers.isEmpty }

    /// The legend rows: one per layer, its label with the number drawn, its point style (an
    /// outline when it drew only areas).
    var legendRows: [LegendBlock.SymbolCategory] {
        layers.map { entry in
            let onlyAreas = !entry.placed.isEmpty && entry.placed.allSatisfy { TileSiteLayer.point(of: $0.marker.geometry) == nil }
            let shape: LegendBlock.SymbolShape = onlyAreas ? .outline : entry.layer.pointStyle == .dot ? .dot : .diamond
            return LegendBlock.SymbolCategory(id: entry.layer.id, label: "\(entry.layer.label)（\(entry.placed.count)件）",
                                              color: entry.layer.color, count: entry.placed.count, shape: shape)
        }
    }

    /// Markers left out because they lie outside the map.
    var omitted: Int { layers.reduce(0) { $0 + $1.omitted } }

    /// One group per layer (`id` the layer's): areas first, then points, each in input order.
    func elements(frames: [MapFrame]) -> [SVGElement] {
        func n(_ value: Double) -> String { SVGNumber.text(value) }
        return layers.map { entry in
            let layer = entry.layer
            var group = SVGElement("g", [("id", "markers-\(layer.id)"), ("class", "markers"), ("data-count", String(entry.placed.count))])
            let areas = entry.placed.filter { TileSiteLayer.point(of: $0.marker.geometry) == nil }
            let points = entry.placed.filter { TileSiteLayer.point(of: $0.marker.geometry) != nil }
            for item in areas {
                // Projected and snapped as the units are, so the outline meets their borders.
                let projection = frames[item.frame].projection
                let snapped = Self.polygons(of: item.marker.geometry).compactMap { polygon in
                    let rings = polygon.rings.map { LinearRing($0.coordinates.map(projection.project)) }
                    return MapRenderer.snap(MapRenderer.Piece(frame: item.frame, polygon: Polygon(exterior: rings[0], holes: Array(rings.dropFirst()))),
                                            frames: frames)
                }
                guard !snapped.isEmpty else { continue }
                group.append(SVGElement("path", [("data-id", item.marker.id), ("data-name", item.marker.name), ("fill", layer.color),
                                                 ("fill-opacity", "0.15"), ("stroke", layer.color), ("stroke-width", n(Self.outlineWidth)),
                                                 ("stroke-linejoin", "round"), ("d", MapRenderer.pathData(snapped))]))
            }
            for item in points {
                let p = frames[item.frame].page(TileSiteLayer.point(of: item.marker.geometry)!)
                let centre = PixelPoint(page: p.x, p.y)
                let x = Double(centre.x) / PixelPoint.unitsPerPixel, y = Double(centre.y) / PixelPoint.unitsPerPixel
                switch layer.pointStyle {
                case .dot:
                    group.append(SVGElement("circle", [("data-id", item.marker.id), ("data-name", item.marker.name), ("cx", n(x)), ("cy", n(y)),
                                                       ("r", n(Self.dotRadius)), ("fill", layer.color), ("stroke", "#ffffff"),
                                                       ("stroke-width", "0.5")]))
                case .diamond:
                    group.append(SVGElement("path", [("data-id", item.marker.id), ("data-name", item.marker.name),
                                                     ("d", Self.diamondPath(x: x, y: y)),
                                                     ("fill", layer.color), ("stroke", "#222222"), ("stroke-width", "0.8"),
                                                     ("stroke-linejoin", "round")]))
                }
            }
            return group
        }
    }

    /// A diamond centred at (`x`, `y`), as path data.
    static func diamondPath(x: Double, y: Double) -> String {
        let h = diamondHalfDiagonal
        func n(_ value: Double) -> String { SVGNumber.text(value) }
        return "M\(n(x)) \(n(y - h))l\(n(h)) \(n(h))l\(n(-h)) \(n(h))l\(n(-h)) \(n(-h))z"
    }

    static func polygons(of geometry: Geometry) -> [Polygon] {
        switch geometry {
        case .polygon(let polygon): [polygon]
        case .multiPolygon(let list): list
        default: []
        }
    }

    /// The lon/lat box of a drawable marker; nil for a geometry that is not drawn.
    static func box(of geometry: Geometry) -> BoundingBox? {
        if let c = TileSiteLayer.point(of: geometry) { return BoundingBox(minX: c.x, minY: c.y, maxX: c.x, maxY: c.y) }
        var box = BoundingBox.empty
        for polygon in polygons(of: geometry) { for c in polygon.exterior.coordinates { box.extend(c) } }
        return box.isEmpty ? nil : box
    }
}
