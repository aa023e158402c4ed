import GeoCore
import GeoFormats

/// The "sites" layer of a pyramid: industrial-cluster sites, never clustered (there are few).
/// A site given as a point is a point feature in the tile that holds it; a site given as an
/// area is a MultiPolygon clipped like the units, in every tile it covers. Features in site order.
struct TileSiteLayer: Sendable {
    var sites: [MapSite]
    var extent: Int

    var isEmpty: Bool { sites.isEmpty }

    /// A site's properties.
    static func properties(_ site: MapSite) -> [String: JSONValue] {
        ["kind": .string("site"), "id": .string(site.id), "name": .string(site.name), "plan": .string(site.plan),
         "fields": .string(site.fields.joined(separator: ";")), "status": .string(site.status)]
    }

    /// The features of every tile of zoom `z` that a site reaches.
    func features(zoom z: Int, encoder: TileGeometryEncoder) -> [TileID: [TileFeature]] {
        var parts: [TileID: [(site: Int, feature: TileFeature)]] = [:]
        let pointSites = sites.indices.filter { Self.point(of: sites[$0].geometry) != nil }
        let points = TilePointLayer(
            name: TilePyramidBuilder.sitesLayer,
            points: pointSites.map { index in
                let properties = Self.properties(sites[index])
                return TilePointLayer.Point(world: WebMercator.world(Self.point(of: sites[index].geometry)!), properties: properties,
                                            propertiesJSON: JSONValue.object(properties).bytes, totalInvestmentJPY: nil)
            },
            extent: extent, clusterCell: extent, pointsFromZoom: 0)
        for (tile, members) in points.members(zoom: z) {
            for member in members {
                let point = points.points[member.index]
                parts[tile, default: []].append((pointSites[member.index],
                                                 TileFeature(geometry: .point(x: member.x, y: member.y), properties: point.properties,
                                                             propertiesJSON: point.propertiesJSON)))
            }
        }
        for (index, site) in sites.enumerated() {
            let polygons: [Polygon]
            switch site.geometry {
            case .polygon(let polygon): polygons = [polygon]
            case .multiPolygon(let list): polygons = list
            default: continue
            }
            let properties = Self.properties(site)
            let json = JSONValue.object(properties).bytes
            var byTile: [TileID: [[[[Int]]]]] = [:]
            for polygon in polygons {
                let projected = encoder.project(polygon, zoom: z)
                guard let range = encoder.tiles(touching: projected.bounds, zoom: z) else { continue }
                for x in range.columns {
                    for y in range.rows {
                        let tile = TileID(z: z, x: x, y: y)
                        let encoded = encoder.encode(projected, in: tile)
                        if !encoded.isEmpty { byTile[tile, default: []] += encoded }
                    }
                }
            }
            for (tile, coordinates) in byTile {
                parts[tile, default: []].append((index, TileFeature(geometry: .multiPolygon(coordinates), properties: properties, propertiesJSON: json)))
            }
        }
        return parts.mapValues { $0.sorted { $0.site < $1.site }.map(\.feature) }
    }

    /// The location of a point site (a one-point MultiPoint counts); nil for areas.
    static func point(of geometry: Geometry) -> Coordinate? {
        switch geometry {
        case .point(let c): c
        case .multiPoint(let list) where list.count == 1: list[0]
        default: nil
        }
    }
}
