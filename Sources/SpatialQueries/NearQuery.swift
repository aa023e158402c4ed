import BoundaryStore
import Foundation
import GeoCore
import GeoFormats
import Ledger
import Reference

/// "What is within R km of this point": an edition's projects or cluster sites, loaded once and
/// indexed, nearest first by geodesic distance on GRS80 (a site's area counts from its edge, 0
/// inside). One `NearQuery` answers many points (the batch mode and the benchmark's 10,000).
public final class NearQuery: @unchecked Sendable {
    public let kind: NearbyFeature.Kind
    let projects: [ProjectPoint]
    let grid: PointGrid?
    let sites: [(site: ClusterSite, ward: String?, nearest: GeodesicNearest?)]

    /// Bytes held (an estimate for a cache's accounting): the projects with their grid, or the
    /// sites with their areas' distance structures.
    public var heldBytes: Int {
        4096 + projects.count * 320 + sites.reduce(0) { total, site in
            total + 1024 + site.site.geometry.vertexCount * 64
        }
    }

    /// - Parameters:
    ///   - filter: which projects (plan, field, status; withdrawn left out by default); for
    ///     sites, the plan and field (one of the site's fields) and status likewise.
    public init(store: BoundaryStore, edition: Edition, kind: NearbyFeature.Kind, filter: ProjectFilter = ProjectFilter()) throws {
        self.kind = kind
        switch kind {
        case .project:
            projects = try store.projectPoints(edition: edition, filter: filter)
            grid = PointGrid(points: projects.map(\.location))
            sites = []
        case .site:
            projects = []
            grid = nil
            sites = try Self.sites(store: store, edition: edition, filter: filter).map { site, ward in
                let area: GeodesicNearest? = switch site.geometry {
                case .polygon, .multiPolygon: try GeodesicNearest(site.geometry)
                default: nil
                }
                return (site, ward, area)
            }
        }
    }

    /// An edition's sites that pass `filter`, with the ward each joined.
    static func sites(store: BoundaryStore, edition: Edition, filter: ProjectFilter) throws -> [(ClusterSite, String?)] {
        try store.sites(edition: edition).filter { filter.accepts($0.site) }.map { ($0.site, $0.join.wardCode) }
    }

    /// The features within `metres` of `centre`, nearest first (ties by id).
    public func within(_ metres: Double, of centre: Coordinate) throws -> [NearbyFeature] {
        switch kind {
        case .project:
            return grid!.within(metres, of: centre).map { hit in
                let p = projects[hit.index]
                return NearbyFeature(kind: .project, id: p.id, name: p.name, plan: p.plan, fields: p.field ?? "", status: p.status,
                                     supportJPY: p.supportJPY, totalInvestmentJPY: p.totalInvestmentJPY, company: p.company,
                                     programme: p.programme, precision: p.precision,
                                     wardCode: p.wardCode, geometry: .point(p.location), metres: hit.metres)
            }.sorted { ($0.metres, $0.id) < ($1.metres, $1.id) }
        case .site:
            var found: [NearbyFeature] = []
            let probe = BoundingBox(minX: centre.x, minY: centre.y, maxX: centre.x, maxY: centre.y)
            for (site, ward, area) in sites {
                let d: Double
                if let area {
                    guard GeodesicNearest.lowerBoundMetres(area.bounds, probe) <= metres else { continue }
                    d = try area.distance(to: centre)
                } else if case .point(let c) = site.geometry {
                    d = GeodesicDistance.metres(from: centre, to: c)
                } else {
                    continue
                }
                if d <= metres {
                    found.append(NearbyFeature(kind: .site, id: site.id, name: site.name, plan: site.plan, fields: site.fields.joined(separator: ";"),
                                               status: site.status.rawValue, totalInvestmentJPY: nil, wardCode: ward, geometry: site.geometry, metres: d))
                }
            }
            return found.sorted { ($0.metres, $0.id) < ($1.metres, $1.id) }
        }
    }

    /// How many features the query holds.
    public var count: Int { kind == .project ? projects.count : sites.count }

    /// The query points of a CSV file with columns lon, lat (and optionally id; else the row
    /// number), each checked to lie in Japan.
    /// - Throws: `DataFileError` naming the file and line of a bad row, a missing column, or a file without rows.
    public static func queryPoints(file path: String) throws -> [(id: String, location: Coordinate)] {
        guard FileManager.default.fileExists(atPath: path) else { throw DataFileError(source: path, line: nil, reason: "no such file (--queries)") }
        var points: [(id: String, location: Coordinate)] = []
        var columns: CSVColumns?
        var idColumn: Int?
        try CSVReader.forEachRecord(inFile: URL(fileURLWithPath: path)) { line, fields in
            guard let header = columns else {
                columns = try CSVColumns(header: fields, required: ["lon", "lat"], sourceName: path)
                idColumn = fields.firstIndex(of: "id")
                return
            }
            let lonText = try header.value("lon", in: fields, line: line), latText = try header.value("lat", in: fields, line: line)
            guard let x = Double(lonText), let y = Double(latText) else {
                throw DataFileError(source: path, line: line, reason: "lon and lat must be numbers, got '\(lonText)', '\(latText)'")
            }
            do { try QueryError.checkInJapan(lon: x, lat: y) } catch let error as QueryError {
                throw DataFileError(source: path, line: line, reason: error.description)
            }
            let id = idColumn.flatMap { $0 < fields.count ? fields[$0] : nil } ?? String(points.count + 1)
            points.append((id, Coordinate(x: x, y: y)))
        }
        guard !points.isEmpty else { throw DataFileError(source: path, line: nil, reason: "no query rows") }
        return points
    }
}
