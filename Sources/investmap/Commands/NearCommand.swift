import ArgumentParser
import BoundaryStore
import Cartography
import Foundation
import GeoCore
import GeoFormats
import MapData
import QueryOutput
import Reference
import SpatialQueries

/// `investmap near`: the projects or cluster sites within a distance of a point.
struct NearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "near",
        abstract: "Projects or cluster sites within --km of a point, nearest first (geodesic, GRS80).",
        discussion: """
        Distances are geodesic on the GRS80 ellipsoid (Vincenty); a site given as an area counts \
        from its edge (0 inside). With --queries FILE (CSV with lon and lat columns, optionally id) \
        every row of the file is a query and the output has its query id and point first.
        """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable { case projects, sites }

    @Argument(help: "Longitude (degrees east).") var lon: Double?
    @Argument(help: "Latitude (degrees north).") var lat: Double?

    @Option(help: "The radius in kilometres (geodesic).") var km: Double
    @Option(help: "projects or sites.") var kind: Kind = .projects
    @Option(help: "A CSV of query points (columns lon, lat and optionally id) instead of LON LAT.") var queries: String?
    @Option(help: "At most this many results per query (nearest first).") var limit: Int?
    @Option(help: "table, csv, json or geojson.") var format: QueryFormat = .table
    @OptionGroup var filterOptions: ProjectFilterOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (lon == nil) == (lat == nil) else { throw ValidationError("give both LON and LAT") }
        guard (lon != nil) != (queries != nil) else { throw ValidationError("give LON LAT or --queries FILE (one of them)") }
        if let limit, limit <= 0 { throw ValidationError("--limit must be positive, got \(limit)") }
        do { try QueryError.checkKilometres(km) } catch let error as QueryError { throw ValidationError(error.description) }
        if let lon, let lat {
            do { try QueryError.checkInJapan(lon: lon, lat: lat) } catch let error as QueryError { throw ValidationError(error.description) }
        }
    }

    func run() throws {
        let points = try queryPoints()
        let (boundaryStore, edition) = try store.openJoined { try filterOptions.edition(in: $0) }
        let query = try NearQuery(store: boundaryStore, edition: edition, kind: kind == .projects ? .project : .site,
                                  filter: filterOptions.filter())
        let answer = NearAnswer(kind: kind == .projects ? .project : .site, batch: queries != nil)
        let columns = answer.columns
        let description = queries.map { NearAnswer.query(file: $0, km: km, kind: answer.kind) } ?? NearAnswer.query(lon: lon!, lat: lat!, km: km, kind: answer.kind)
        let metadata = QueryTable.metadata(edition: edition.name, note: edition.note, query: description,
                                          credits: try MapDataLoader.credits(of: boundaryStore))
        func row(_ feature: NearbyFeature, of point: (id: String, location: Coordinate)) -> [String: JSONValue] {
            answer.row(feature, query: point)
        }
        func results(_ point: (id: String, location: Coordinate)) throws -> [NearbyFeature] {
            let found = try query.within(km * 1000, of: point.location)
            return limit.map { Array(found.prefix($0)) } ?? found
        }

        if format == .csv {
            // CSV streams: a batch of many queries can have millions of results.
            let out = StandardOutput()
            out.write(CSVWriter.record(columns))
            var count = 0
            for point in points {
                let queryCells = NearAnswer.queryCells(point)
                for feature in try results(point) {
                    out.writeRecord(answer.cells(feature, queryCells: queryCells))
                    count += 1
                }
            }
            out.flush()
            standardError.write("edition \(edition.name)\(edition.note.map { " (\($0))" } ?? ""); \(QueryTable.cell(metadata["attribution"] ?? .null))")
            if queries != nil { standardError.write("\(points.count) queries, \(count) results") }
            return
        }
        var rows: [[String: JSONValue]] = []
        var geometries: [Geometry?] = []
        for point in points {
            for feature in try results(point) {
                rows.append(row(feature, of: point))
                geometries.append(feature.geometry)
            }
        }
        QueryTable(columns: columns, rows: rows, geometries: geometries, metadata: metadata).print(format)
        if queries != nil { standardError.write("\(points.count) queries, \(rows.count) results") }
    }

    /// The query points: LON LAT, or every row of --queries (each checked; a bad row names its line).
    func queryPoints() throws -> [(id: String, location: Coordinate)] {
        if let lon, let lat { return [("1", Coordinate(x: lon, y: lat))] }
        return try NearQuery.queryPoints(file: queries!)
    }
}
