import Foundation
import GeoCore
import GeoFormats
import Reference

/// Makes the web map's tile pyramid of one edition: for every zoom and every Web Mercator tile
/// holding data, a JSON tile with one layer — "prefectures" below
/// `TilePyramidOptions.municipalitiesFromZoom`, "municipalities" (the N03 units) from it on —
/// whose features carry the unit's code, name, metric value, class key and fill from the same
/// classification as the SVG maps (`MapClasses`), and its geometry from the gap-free
/// simplified scale that fits the zoom, clipped to the tile plus a buffer
/// (`TileGeometryEncoder`). Also the TileJSON 3.0.0 document and the MBTiles metadata.
///
/// Tile format (UTF-8 JSON, keys sorted, no whitespace):
/// `{"layers":{"municipalities":{"extent":4096,"features":[{"geometry":{"coordinates":[…],"type":"MultiPolygon"},"properties":{"class":"c3","code":"13101","fill":"#fc8d59","name":"千代田区","value":12},"type":"Feature"}]}}}`;
/// coordinates are integer tile units, x right and y down from the tile's top-left corner,
/// 0 … extent inside the tile and up to `buffer` beyond it; rings closed; exterior rings
/// clockwise on screen (positive shoelace area with y down), holes counter-clockwise. Features
/// are in code order; tiles without any feature are not made.
public struct TilePyramidBuilder: Sendable {
    /// Where the units, statistics, projects and sites come from (the map-data layer reads them
    /// from the store).
    public let source: any TileDataSource
    public let options: TilePyramidOptions

    /// The tile scales `investmap simplify` builds, by the zoom they fit.
    public static let tileScales = Array(4...10)

    public init(source: any TileDataSource, options: TilePyramidOptions) {
        self.source = source
        self.options = options
    }

    /// One layer's units at one scale with their properties.
    struct LayerUnit {
        var code: String
        var properties: [String: JSONValue]
        var propertiesJSON: [UInt8]
        var polygons: [Polygon]

        init(code: String, properties: JSONValue, polygons: [Polygon]) {
            self.code = code
            if case .object(let members) = properties { self.properties = members } else { self.properties = [:] }
            self.propertiesJSON = properties.bytes
            self.polygons = polygons
        }
    }

    /// One layer's classes: per code the properties, and the legend.
    struct LayerClasses {
        var name: String
        var properties: [String: JSONValue]
        var legend: JSONValue
        var legendText: String
        var warnings: [String]
    }

    /// The simplified scale zoom `z` draws: the coarsest built tile scale zN with N ≥ z, else
    /// the finest one built.
    public static func scale(forZoom z: Int, built: [String]) -> String? {
        let zooms = tileScales.filter { built.contains("z\($0)") }
        guard let chosen = zooms.first(where: { $0 >= z }) ?? zooms.last else { return nil }
        return "z\(chosen)"
    }

    /// One finished tile: its layers and their JSON (what the pyramid's file holds).
    public struct BuiltTile: Sendable {
        public var id: TileID
        public var layers: [TileLayer]
        public var json: [UInt8]
    }

    /// Builds the pyramid of the source's edition, handing every tile to `write` in zoom, column,
    /// row order.
    /// - Throws: `TilePyramidError` for a bad zoom range or a store without tile scales; the
    ///   source's errors as they are; whatever `write` throws.
    public func build(write: (BuiltTile) throws -> Void) throws -> TilePyramidReport {
        let run = try PyramidRun(self)
        var bounds = BoundingBox.empty
        var zoomReports: [TilePyramidReport.Zoom] = []
        for z in run.zooms {
            let zoom = try run.zoom(z)
            for unit in zoom.units { for polygon in unit.polygons { for c in polygon.exterior.coordinates { bounds.extend(c) } } }
            var zoomBytes = 0
            for tile in zoom.tiles {
                let built = try run.draw(tile, of: zoom)
                zoomBytes += built.json.count
                try write(built)
            }
            zoomReports.append(.init(zoom: z, layer: zoom.layer, scale: zoom.scale, tiles: zoom.tiles.count, bytes: zoomBytes))
        }
        let document = tileJSON(zooms: run.zooms, bounds: bounds, classes: run.classes,
                                hasProjects: run.projects != nil, hasSites: !run.sites.isEmpty)
        return TilePyramidReport(tileJSON: document.bytes, zooms: zoomReports, oversized: run.oversized, coarsened: run.coarsened,
                                 clustered: run.clustered,
                                 warnings: run.classes.keys.sorted().flatMap { name in run.classes[name]!.warnings.map { "\(name): \($0)" } },
                                 mbtilesMetadata: mbtilesMetadata(document))
    }

    /// The TileJSON document `build` ends with, without making the tiles (what a server that
    /// makes tiles on demand answers for `tiles.json`): the same classes, layers and bounds.
    public func tileJSON() throws -> [UInt8] {
        let (_, zooms, scales, classesByLayer) = try prepare()
        var bounds = BoundingBox.empty
        var seen = Set<String>()
        for z in zooms where seen.insert("\(layerLevel(z))@\(scales[z]!)").inserted {
            for unit in try source.units(layerLevel(z), scale: scales[z]!) {
                for polygon in unit.polygons { for c in polygon.exterior.coordinates { bounds.extend(c) } }
            }
        }
        let hasProjects = try !source.projects().isEmpty
        let hasSites = try !siteLayer().isEmpty
        return tileJSON(zooms: zooms, bounds: bounds, classes: classesByLayer, hasProjects: hasProjects, hasSites: hasSites).bytes
    }

    /// What every build starts from: the built scales, the zooms with their scales and each
    /// layer's classes.
    func prepare() throws -> (built: [String], zooms: [Int], scales: [Int: String], classes: [String: LayerClasses]) {
        guard TileID.zoomRange.contains(options.minZoom), TileID.zoomRange.contains(options.maxZoom), options.minZoom <= options.maxZoom else {
            throw TilePyramidError.badZoomRange(minZoom: options.minZoom, maxZoom: options.maxZoom)
        }
        let built = try source.builtScales()
        let zooms = Array(options.minZoom...options.maxZoom)
        var scales: [Int: String] = [:]
        for z in zooms {
            guard let scale = Self.scale(forZoom: z, built: built) else { throw TilePyramidError.noTileScale(store: source.storeName, built: built) }
            scales[z] = scale
        }
        var classesByLayer: [String: LayerClasses] = [:]
        for level in Set(zooms.map(layerLevel)).sorted(by: { $0.rawValue < $1.rawValue }) {
            classesByLayer[Self.layerName(level)] = try classes(level)
        }
        return (built, zooms, scales, classesByLayer)
    }

    /// The TileJSON document of a pyramid over `zooms` with these bounds and layers.
    private func tileJSON(zooms: [Int], bounds: BoundingBox, classes: [String: LayerClasses],
                          hasProjects: Bool, hasSites: Bool) -> JSONValue {
        var layers: [(String, [Int])] = classes.keys.sorted().map { name in
            (name, zooms.filter { Self.layerName(layerLevel($0)) == name })
        }
        if hasProjects { layers.append((Self.projectsLayer, zooms)) }
        if hasSites { layers.append((Self.sitesLayer, zooms)) }
        return tileJSON(edition: source.edition.name, note: source.edition.note, bounds: bounds, layers: layers, classes: classes)
    }

    /// The point layer of the projects (the source leaves withdrawn ones out, as the statistics
    /// do); nil when the edition has none.
    func projectLayer() throws -> TilePointLayer? {
        let rows = try source.projects()
        guard !rows.isEmpty else { return nil }
        let points = rows.map { project in
            let amount = project.totalInvestmentJPY
            func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
            let properties: [String: JSONValue] = [
                "kind": .string("project"), "id": .string(project.id), "name": .string(project.name), "plan": text(project.plan),
                "field": text(project.field), "status": .string(project.status ?? ""),
                "support_jpy": .numeric(project.supportJPY), "total_investment_jpy": .numeric(amount), "code": text(project.wardCode),
                "company": text(project.company), "company_size": text(project.companySize), "programme": text(project.programme),
                "category": text(project.category), "location_precision": .string(project.precision),
                "wage_commitment_pct": .numeric(project.wageCommitmentPct),
            ]
            return TilePointLayer.Point(world: WebMercator.world(project.location), properties: properties,
                                        propertiesJSON: JSONValue.object(properties).bytes, totalInvestmentJPY: amount)
        }
        return TilePointLayer(name: Self.projectsLayer, points: points, extent: options.extent, clusterCell: options.clusterCell,
                              pointsFromZoom: options.projectPointsFromZoom)
    }

    /// The cluster sites (the source leaves withdrawn ones out): points one by one at every zoom,
    /// polygons clipped like the units.
    func siteLayer() throws -> TileSiteLayer {
        TileSiteLayer(sites: try source.sites(), extent: options.extent)
    }

    /// Unit features from encoded parts.
    static func features(_ parts: [(unit: Int, polygons: [[[[Int]]]])], of units: [LayerUnit]) -> [TileFeature] {
        parts.map { part in
            let unit = units[part.unit]
            return TileFeature(geometry: .multiPolygon(part.polygons), properties: unit.properties, propertiesJSON: unit.propertiesJSON)
        }
    }

    /// The layer names of the point layers.
    public static let projectsLayer = "projects"
    public static let sitesLayer = "sites"

    /// The features of every tile of zoom `z` that `units` reach (or of the one tile `only`),
    /// each tile's features in unit order: (unit index, MultiPolygon coordinates).
    static func encode(_ units: [LayerUnit], zoom z: Int, only: TileID?,
                       encoder: TileGeometryEncoder) -> [TileID: [(unit: Int, polygons: [[[[Int]]]])]] {
        var tiles: [TileID: [(unit: Int, polygons: [[[[Int]]]])]] = [:]
        for (index, unit) in units.enumerated() {
            for polygon in unit.polygons {
                let projected = encoder.project(polygon, zoom: z)
                guard let range = encoder.tiles(touching: projected.bounds, zoom: z) else { continue }
                for x in range.columns {
                    if let only, only.x != x { continue }
                    for y in range.rows {
                        if let only, only.y != y { continue }
                        let tile = TileID(z: z, x: x, y: y)
                        let parts = encoder.encode(projected, in: tile)
                        guard !parts.isEmpty else { continue }
                        if tiles[tile]?.last?.unit == index {
                            tiles[tile]![tiles[tile]!.count - 1].polygons += parts
                        } else {
                            tiles[tile, default: []].append((index, parts))
                        }
                    }
                }
            }
        }
        return tiles
    }

    /// The map level of zoom `z`'s layer.
    func layerLevel(_ z: Int) -> MapLevel { z >= options.municipalitiesFromZoom ? .municipality : .prefecture }

    /// "municipalities" or "prefectures".
    public static func layerName(_ level: MapLevel) -> String {
        switch level {
        case .municipality: "municipalities"
        case .city: "cities"
        case .prefecture: "prefectures"
        case .bureau: "bureaus"
        }
    }

    /// A feature's properties.
    static func properties(code: String, name: String, value: Double?, key: String, fill: String) -> JSONValue {
        .object(["code": .string(code), "name": .string(name), "value": .numeric(value), "class": .string(key), "fill": .string(fill)])
    }

    /// The statistics of `level` for the edition, classified as the options say.
    func classes(_ level: MapLevel) throws -> LayerClasses {
        let rows = try source.statistics(level, metric: options.metric)
        let values = rows.map(\.value)
        let largest = values.compactMap { $0 }.filter(\.isFinite).map(abs).max() ?? 0
        let presentation = MetricPresentation.of(options.metric, largest: largest)
        let classes = try MapClasses.make(values: values, options: options.classification, palette: options.palette, presentation: presentation)
        var properties: [String: JSONValue] = [:]
        for (index, row) in rows.enumerated() {
            properties[row.code] = Self.properties(code: row.code, name: row.name, value: row.value, key: classes.keys[index], fill: classes.fills[index])
        }
        let entries: [JSONValue] = classes.legend.map { entry in
            var object: [String: JSONValue] = ["class": .string(entry.key), "color": .string(entry.color),
                                                   "label": .string(entry.label), "count": .integer(entry.count)]
            if entry.key.hasPrefix("c"), let index = Int(entry.key.dropFirst()), classes.classification.breaks.indices.contains(index) {
                object["upper"] = .numeric(classes.classification.breaks[index])
            }
            return .object(object)
        }
        let legend: JSONValue = .object([
            "metric": .string(options.metric.rawValue), "heading": .string(presentation.heading),
            "method": .string(options.classification.method.name), "palette": .string(options.palette),
            "breaks": .array(classes.classification.breaks.map { .numeric($0) }), "classes": .array(entries),
        ])
        let text = "\(presentation.heading): " + classes.legend.map { "\($0.color) \($0.label)" }.joined(separator: "; ")
        return LayerClasses(name: Self.layerName(level), properties: properties, legend: legend, legendText: text, warnings: classes.warnings)
    }

    /// A number rounded to 6 decimals (bounds, centre).
    static func rounded6(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }

    /// The TileJSON 3.0.0 document.
    func tileJSON(edition: String, note: String?, bounds: BoundingBox, layers: [(String, [Int])],
                  classes: [String: LayerClasses]) -> JSONValue {
        let west = Self.rounded6(bounds.minX), south = Self.rounded6(bounds.minY)
        let east = Self.rounded6(bounds.maxX), north = Self.rounded6(bounds.maxY)
        let unitFields: JSONValue = .object([
            "code": .string("String: unit code (5-digit municipality code, 2-digit prefecture code)"),
            "name": .string("String: unit name"),
            "value": .string("Number: \(options.metric.rawValue) of the edition, null when it cannot be computed"),
            "class": .string("String: class key of the legend (c0 …, zero, nodata)"),
            "fill": .string("String: fill colour #rrggbb of the class"),
        ])
        let projectFields: JSONValue = .object([
            "kind": .string("String: \"cluster\" below zoom \(options.projectPointsFromZoom), \"project\" from it on"),
            "count": .string("Number: projects in the cluster (clusters)"),
            "amount_jpy": .string("Number: investment in yen, summed for a cluster; null when not given"),
            "id": .string("String: project id (projects)"), "name": .string("String: project name (projects)"),
            "plan": .string("String: plan type A, B, C (projects)"), "field": .string("String: strategic field id, or null (projects)"),
            "status": .string("String: planned, under_construction or operating (projects)"),
            "code": .string("String: N03 unit code the project lies in, or null (projects)"),
        ])
        let siteFields: JSONValue = .object([
            "kind": .string("String: \"site\""), "id": .string("String: site id"), "name": .string("String: site name"),
            "plan": .string("String: plan type"), "fields": .string("String: strategic field ids separated by ';'"),
            "status": .string("String: planned, under_construction or operating"),
        ])
        let vectorLayers: [JSONValue] = layers.map { name, zooms in
            let (fields, about): (JSONValue, String) = switch name {
            case "municipalities": (unitFields, "N03 units: municipalities, Tokyo's special wards and designated-city wards")
            case Self.projectsLayer: (projectFields, "investment projects (withdrawn ones left out): clusters of a \(options.clusterCell)-unit grid below zoom \(options.projectPointsFromZoom), points from it on")
            case Self.sitesLayer: (siteFields, "industrial-cluster sites (withdrawn ones left out): points, or areas clipped like the units")
            default: (unitFields, name)
            }
            return .object(["id": .string(name), "fields": fields, "minzoom": .integer(zooms.min()!), "maxzoom": .integer(zooms.max()!),
                            "description": .string(about)])
        }
        let description = """
            国内投資マップ tiles, edition \(edition)\(note.map { " (\($0))" } ?? ""), metric \(options.metric.rawValue). \
            JSON tiles {"layers":{LAYER:{"extent":\(options.extent),"features":[GeoJSON Feature with a MultiPolygon or Point geometry]}}}: \
            coordinates are integer tile units, x right and y down from the tile's top-left corner, 0 to \(options.extent) inside \
            the tile and up to \(options.buffer) beyond each edge (polygons clipped to the buffered tile; a polygon is in a tile when \
            it covers some of the tile itself); rings are closed; exterior rings are clockwise on screen (positive shoelace area \
            with y down, as in the Mapbox Vector Tile spec) and holes counter-clockwise. Layer "prefectures" below zoom \
            \(options.municipalitiesFromZoom), "municipalities" from it on; "projects" and "sites" are points in the one tile \
            that holds them.
            """
        var legends: [String: JSONValue] = [:]
        for (name, _) in layers { legends[name] = classes[name]?.legend }
        return .object([
            "tilejson": .string("3.0.0"),
            "name": .string("investmap \(edition) \(options.metric.rawValue)"),
            "description": .string(description),
            "version": .string(Self.semanticVersion(edition: edition)),
            "investmap_edition": .string(edition),
            "scheme": .string("xyz"),
            "format": .string("json"),
            "tiles": .array([.string((options.baseURL ?? "") + "{z}/{x}/{y}.json")]),
            "minzoom": .integer(options.minZoom),
            "maxzoom": .integer(options.maxZoom),
            "bounds": .array([.numeric(west), .numeric(south), .numeric(east), .numeric(north)]),
            "center": .array([.numeric(Self.rounded6((west + east) / 2)), .numeric(Self.rounded6((south + north) / 2)), .integer(options.minZoom)]),
            "vector_layers": .array(vectorLayers),
            "attribution": .string(DataCredits.all(fill: source.edition.boundaryFill).joined(separator: " / ")),
            "legend": .string(layers.compactMap { name, _ in classes[name].map { "\(name) — \($0.legendText)" } }.joined(separator: "\n")),
            "investmap_legend": .object(legends),
        ])
    }

    /// TileJSON's `version` must be a semver.org version: "1.0.0+EDITION", the edition as build
    /// metadata (characters other than letters, digits and '-' written as '-'); the exact name
    /// is in `investmap_edition`.
    public static func semanticVersion(edition: String) -> String {
        let metadata = String(edition.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "-" })
        return "1.0.0+\(metadata)"
    }

    /// The MBTiles metadata rows of a TileJSON document.
    func mbtilesMetadata(_ document: JSONValue) -> [String: String] {
        guard case .object(let members) = document else { return [:] }
        func text(_ key: String) -> String {
            switch members[key] {
            case .string(let value)?: return value
            case .array(let values)?: return values.map { $0.text }.joined(separator: ",")
            case let value?: return value.text
            case nil: return ""
            }
        }
        var jsonMembers: [String: JSONValue] = ["vector_layers": members["vector_layers"] ?? .array([])]
        jsonMembers["investmap_legend"] = members["investmap_legend"]
        return [
            "name": text("name"), "format": "application/json", "minzoom": text("minzoom"), "maxzoom": text("maxzoom"),
            "bounds": text("bounds"), "center": text("center"), "attribution": text("attribution"), "version": text("version"),
            "description": text("description"), "type": "overlay", "scheme": "tms",
            "json": JSONValue.object(jsonMembers).text,
        ]
    }
}
