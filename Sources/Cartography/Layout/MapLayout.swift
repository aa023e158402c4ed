import GeoCore

/// Where everything goes on the page: the header (title, subtitle, edition) on top, the credits
/// at the bottom, the map area between them. The main frame is fitted to the map area (equal
/// scale in x and y, centred); the insets — at the main frame's scale (Ogasawara's tiny islands
/// enlarged up to four times), or smaller when they would take more than about a third of the
/// area —, the legend and the main scale bar are boxes placed by `BoxPlacer` where they hide
/// the least land. When the legend would still cover land, the map is fitted again beside a
/// column (or above a band) that holds the legend.
public struct MapLayout: Sendable {
    /// The page margin (px).
    public static let margin = 20.0
    /// Padding inside an inset box, its caption line and its scale-bar strip.
    public static let insetPadding = 6.0
    public static let insetCaptionHeight = 18.0
    public static let insetScaleBarHeight = 22.0
    public static let insetNoteHeight = 14.0
    /// The main scale bar's box.
    public static let scaleBarSize = (width: 150.0, height: 30.0)

    public var mapArea: PageRect
    /// The main frame first, then the insets in spec order.
    public var frames: [MapFrame]
    public var legend: PageRect
    public var scaleBar: PageRect
    /// Land cells the legend covers (0 when it sits on sea or beside the map).
    public var legendLand: Int

    /// Lays out a `width` × `height` page whose header takes `headerHeight` and footer
    /// `footerHeight`. `frames` come with their projected bounds; `mainPolygons` are the main
    /// frame's polygons (projected) for the land grid; `insetNotes` says which insets
    /// carry a one-line note under their map.
    public static func compute(width: Double, height: Double, headerHeight: Double, footerHeight: Double,
                               frames input: [MapFrame], mainPolygons: [Polygon], insetNotes: [Bool],
                               insetCaptionWidths: [Double], legendSize: (width: Double, height: Double)) -> MapLayout {
        let full = PageRect(x: margin, y: margin + headerHeight, width: width - 2 * margin,
                            height: max(height - 2 * margin - headerHeight - footerHeight, 100))
        let first = attempt(area: full, legendSlot: nil, frames: input, mainPolygons: mainPolygons, insetNotes: insetNotes,
                            insetCaptionWidths: insetCaptionWidths, legendSize: legendSize)
        // More than a sliver of land under the legend: give the legend a column of its own
        // beside the map, or a band below it when it is too wide for a column.
        let legendCells = max(1, first.legendCellArea)
        if Double(first.layout.legendLand) / Double(legendCells) > 0.02 {
            let gap = 12.0
            let area: PageRect, slot: PageRect
            if legendSize.width <= full.width * 0.45 {
                area = PageRect(x: full.x, y: full.y, width: full.width - legendSize.width - gap, height: full.height)
                slot = PageRect(x: area.maxX + gap, y: full.y, width: legendSize.width, height: full.height)
            } else {
                area = PageRect(x: full.x, y: full.y, width: full.width, height: max(full.height - legendSize.height - gap, 50))
                slot = PageRect(x: full.x, y: area.maxY + gap, width: full.width, height: legendSize.height)
            }
            return attempt(area: area, legendSlot: slot, frames: input, mainPolygons: mainPolygons, insetNotes: insetNotes,
                           insetCaptionWidths: insetCaptionWidths, legendSize: legendSize).layout
        }
        return first.layout
    }

    private static func attempt(area: PageRect, legendSlot: PageRect?, frames input: [MapFrame], mainPolygons: [Polygon],
                                insetNotes: [Bool], insetCaptionWidths: [Double],
                                legendSize: (width: Double, height: Double)) -> (layout: MapLayout, legendCellArea: Int) {
        var frames = input
        var main = frames[0]
        main.transform = FrameTransform.fitting(main.projectedBounds, in: area.expanded(by: -4))
        main.box = area
        let scale = main.transform.pixelsPerMetre

        // Land of the main frame, on a grid of 8-px cells.
        var grid = OccupancyGrid(bounds: area, cellSize: 8)
        for polygon in mainPolygons { grid.fill(polygon, transform: main.transform) }
        grid.finish()
        var placer = BoxPlacer(grid: grid)

        for index in frames.indices.dropFirst() {
            var inset = frames[index]
            let bounds = inset.projectedBounds
            let projectedWidth = max(bounds.maxX - bounds.minX, 1), projectedHeight = max(bounds.maxY - bounds.minY, 1)
            let pad = insetPadding
            let note = insetNotes[index - 1] ? insetNoteHeight : 0
            let chrome = insetCaptionHeight + insetScaleBarHeight + note + 2 * pad
            // Okinawa at the main frame's scale (or smaller); the Ogasawara islands, a few
            // kilometres across, enlarged up to four times so that they show.
            let zoom = inset.kind == .inset(.ogasawara) ? 4.0 : 1.0
            let insetScale = min(scale * zoom, area.width * 0.42 / projectedWidth, (area.height * 0.32 - chrome) / projectedHeight)
            let contentWidth = projectedWidth * insetScale, contentHeight = projectedHeight * insetScale
            let boxWidth = max(contentWidth + 2 * pad, insetCaptionWidths[index - 1] + 2 * pad, 110)
            let boxHeight = contentHeight + chrome
            let corner: BoxPlacer.Corner = inset.kind == .inset(.okinawa) ? .topLeft : .bottomRight
            let (box, _) = placer.place(width: boxWidth, height: boxHeight, prefer: corner)
            let content = PageRect(x: box.x + pad, y: box.y + pad + insetCaptionHeight,
                                   width: box.width - 2 * pad, height: contentHeight)
            inset.transform = FrameTransform.centred(bounds, in: content, pixelsPerMetre: insetScale)
            inset.box = box
            inset.scaleBar = ScaleBar.fitting(maximumPixels: min(100, box.width - 2 * pad - 40), pixelsPerKilometre: inset.pixelsPerKilometre)
            frames[index] = inset
        }

        let legend: PageRect
        var legendLand = 0
        if let legendSlot {
            // Bottom right of its slot.
            legend = PageRect(x: legendSlot.maxX - legendSize.width, y: legendSlot.maxY - legendSize.height,
                              width: legendSize.width, height: legendSize.height)
        } else {
            let placed = placer.place(width: legendSize.width, height: legendSize.height, prefer: .bottomRight)
            legend = placed.rect
            legendLand = placed.land
        }
        let scaleBar = placer.place(width: scaleBarSize.width, height: scaleBarSize.height, prefer: .bottomLeft).rect
        main.scaleBar = ScaleBar.fitting(maximumPixels: scaleBarSize.width - 30, pixelsPerKilometre: main.pixelsPerKilometre)
        frames[0] = main
        let cellArea = Int((legendSize.width / grid.cellSize).rounded(.up) * (legendSize.height / grid.cellSize).rounded(.up))
        return (MapLayout(mapArea: area, frames: frames, legend: legend, scaleBar: scaleBar, legendLand: legendLand), cellArea)
    }
}
