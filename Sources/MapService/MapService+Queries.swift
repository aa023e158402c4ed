import BoundaryStore
import Cartography
import Foundation
import GeoCore
import Hummingbird
import LedgerStatistics
import MapData
import QueryOutput
import Reference
import SpatialQueries

/// The CLI's queries over HTTP, answered by the same functions and in the same form as
/// `investmap locate --format json`, `near --format geojson|json|csv`, `stats --format json` and
/// `gaps --format json|geojson|csv`.
extension MapService {
    static let filterParameters = ["edition", "plan", "field", "status", "programme", "category", "company_size"]

    /// `/api/locate?lon=&lat=`: the unit, city, prefecture and bureau of a point (in the sea:
    /// the nearest unit within 5 km, the CLI's default). Depends on the boundaries only.
    func locate(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request, known: ["lon", "lat"])
        let lon = try query.requiredNumber("lon", in: -180...180, what: "longitude")
        let lat = try query.requiredNumber("lat", in: -90...90, what: "latitude")
        let locator = self.locator
        let point = Coordinate(x: lon, y: lat)
        // The grid answers at once; the locator it replaces may read units from the store.
        let location = locator.gridReady ? try locator.locate(point) : try await offload { try locator.locate(point) }
        let text = try LocationAnswer.json(location, lon: lon, lat: lat) + "\n"
        return Resource(bytes: Array(text.utf8), contentType: "application/json", cacheControl: "public, max-age=\(options.maxAge)")
            .response(to: request)
    }

    /// The edition a query names (`edition=`), or the default one, and its project filter.
    func editionAndFilter(_ request: Request, _ query: QueryParameters) async throws -> (Edition, ProjectFilterInput, ProjectFilter) {
        let input = ProjectFilterInput(plan: try query.text("plan"), field: try query.text("field"), status: try query.text("status"),
                                       programme: try query.text("programme"), category: try query.text("category"),
                                       companySize: try query.text("company_size"))
        let filter: ProjectFilter
        do {
            filter = try input.filter(reference: reference)
        } catch {
            throw ServiceError.badParameter(error.parameter, error.reason)
        }
        let edition: Edition
        if let name = try query.text("edition") { edition = try await access.edition(name, for: request) } else { edition = try await access.defaultEdition(for: request) }
        return (edition, input, filter)
    }

    /// A query answer's bytes in `format`, with its content type.
    static func body(_ table: QueryTable, _ format: QueryFormat) -> (bytes: [UInt8], type: String) {
        let type = switch format {
        case .geojson: "application/geo+json"
        case .csv: "text/csv; charset=utf-8"
        default: "application/json"
        }
        return (Array(table.render(format).utf8), type)
    }

    /// `/api/near?lon=&lat=&km=[&kind=projects|sites][&limit=][&format=geojson|json|csv]` and
    /// the filter: what lies within `km` of the point, nearest first.
    func near(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request, known: ["lon", "lat", "km", "kind", "limit", "format"] + Self.filterParameters)
        let lon = try query.requiredNumber("lon", in: QueryError.japan.minLon...QueryError.japan.maxLon, what: "longitude in Japan")
        let lat = try query.requiredNumber("lat", in: QueryError.japan.minLat...QueryError.japan.maxLat, what: "latitude in Japan")
        let km = try query.requiredNumber("km", in: 0...QueryError.maximumKilometres, what: "the radius (km)")
        guard km > 0 else { throw ServiceError.badParameter("km", "must be a positive number of kilometres, got \(km)") }
        let kind: NearbyFeature.Kind = try query.choice("kind", ["projects", "sites"], default: "projects") == "projects" ? .project : .site
        let limit = try query.count("limit", maximum: 100_000)
        let format = QueryFormat(rawValue: try query.choice("format", ["geojson", "json", "csv"], default: "geojson"))!
        let (edition, input, filter) = try await editionAndFilter(request, query)
        let engineKey = "\(edition.name)|\(edition.status.rawValue)|\(kind.rawValue)|\(input.cacheKey)"
        let store = self.store, name = edition.name
        guard case .near(let engine) = try await self.engine("near|\(engineKey)", edition: edition, limiter: queryWork, make: {
            .near(Serialized(try NearQuery(store: store, edition: edition, kind: kind, filter: filter)))
        }) else { preconditionFailure("the near engine is a NearQuery") }
        let note = edition.note
        let answer = try await resource("near|\(lon)|\(lat)|\(km)|\(kind.rawValue)|\(limit ?? 0)|\(format.rawValue)|\(engineKey)", edition: edition,
                                        contentType: Self.body(QueryTable(columns: [], rows: [], geometries: [], metadata: [:]), format).type) {
            let found = try engine.with { try $0.within(km * 1000, of: Coordinate(x: lon, y: lat)) }
            let features = limit.map { Array(found.prefix($0)) } ?? found
            let shape = NearAnswer(kind: kind, batch: false)
            let point = (id: "1", location: Coordinate(x: lon, y: lat))
            let table = QueryTable(columns: shape.columns, rows: features.map { shape.row($0, query: point) }, geometries: features.map(\.geometry),
                                   metadata: QueryTable.metadata(edition: name, note: note, query: NearAnswer.query(lon: lon, lat: lat, km: km, kind: kind),
                                                                 credits: try MapDataLoader.credits(of: store)))
            return Self.body(table, format).bytes
        }
        return answer.response(to: request)
    }

    /// `/api/stats?level=&metric=` and the filter: investment per unit, as `stats --format json`.
    func stats(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request, known: ["level", "metric"] + Self.filterParameters)
        let level = StatisticsLevel(rawValue: try query.choice("level", StatisticsLevel.allCases.map(\.rawValue)))!
        let metric = StatisticsMetric(name: try query.choice("metric", StatisticsMetric.allNames))!
        let (edition, input, filter) = try await editionAndFilter(request, query)
        let store = self.store, name = edition.name, note = edition.note
        return try await resource("stats|\(level.rawValue)|\(metric.rawValue)|\(input.cacheKey)",
                                  edition: edition, contentType: "application/json") {
            let rows = try UnitStatistics(store: store).compute(edition: edition, level: level, metric: metric, filter: filter)
            return Array((try StatsAnswer.json(edition: name, note: note, level: level, metric: metric, filter: input, rows: rows,
                                               credits: try MapDataLoader.credits(of: store)) + "\n").utf8)
        }.response(to: request)
    }

    /// `/api/gaps?bureau=[&prefecture=][&km=][&min_population=][&level=ward|municipality]
    /// [&summary=true][&format=json|geojson|csv]` and the filter: the bureau's coverage-gap
    /// report (GeoJSON: with the uncovered units' polygons).
    func gaps(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request, known: ["bureau", "prefecture", "km", "min_population", "level", "summary", "format"] + Self.filterParameters)
        let bureau = try query.requiredText("bureau")
        let prefecture = try query.text("prefecture")
        let km = try query.number("km", in: 0...QueryError.maximumKilometres, what: "the site distance (km)")
        if let km, km <= 0 { throw ServiceError.badParameter("km", "must be a positive number of kilometres, got \(km)") }
        let minPopulation = try query.number("min_population", in: 0...1e9, what: "the population")
        let level: StatisticsLevel = try query.choice("level", ["ward", "municipality"], default: "ward") == "ward" ? .ward : .municipality
        let summary = try query.flag("summary")
        let format = QueryFormat(rawValue: try query.choice("format", ["json", "geojson", "csv"], default: "json"))!
        // Known before any work (the report would say the same after its turn in the queue).
        let bureauIDs = reference.bureaus.map(\.id)
        guard bureauIDs.contains(bureau) else {
            throw ServiceError.badParameter("bureau", QueryError.unknownBureau(id: bureau, closest: ClosestNames.closest(to: bureau, in: bureauIDs, limit: 3)).description)
        }
        let (edition, input, filter) = try await editionAndFilter(request, query)
        let store = self.store
        // Its geometries may take a quarter of the engines' room; beyond that they are read again.
        let geometryBudget = engines.capacity / 4
        guard case .gaps(let builder) = try await engine("gaps|\(level.rawValue)", edition: edition, limiter: reportWork, make: {
            let builder = try GapReportBuilder(store: store, edition: edition, level: level)
            builder.geometryBudgetBytes = geometryBudget
            return .gaps(Serialized(builder))
        }) else { preconditionFailure("the gaps engine is a GapReportBuilder") }
        let key = "gaps|\(bureau)|\(prefecture ?? "")|\(km ?? 0)|\(minPopulation ?? -1)|\(level.rawValue)|\(summary)|\(format.rawValue)|\(input.cacheKey)"
        let options = GapReportOptions(bureau: bureau, prefecture: prefecture, filter: filter, siteKilometres: km, minimumPopulation: minPopulation, level: level)
        let type = Self.body(QueryTable(columns: [], rows: [], geometries: [], metadata: [:]), format).type
        do {
            return try await resource(key, edition: edition, contentType: type, limiter: reportWork) {
                try builder.with { builder in
                    let report = try builder.report(options)
                    let table = try GapsAnswer.table(report, edition: edition, builder: builder, filter: input, summary: summary,
                                                     withGeometry: format == .geojson, credits: try MapDataLoader.credits(of: store))
                    return Self.body(table, format).bytes
                }
            }.response(to: request)
        } catch let error as QueryError {
            switch error {
            case .unknownBureau: throw ServiceError.badParameter("bureau", error.description)
            case .unknownPrefecture: throw ServiceError.badParameter("prefecture", error.description)
            case .badDistance: throw ServiceError.badParameter("km", error.description)
            default: throw ServiceError.badParameter("query", error.description)
            }
        }
    }
}
