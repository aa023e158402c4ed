import Cartography
import GeoCore
import GeoFormats
import SpatialQueries

/// `near` and `/api/near`: the projects or sites within a distance of a point, one row each
/// (with the query's id and point first when a batch of queries is answered).
public struct NearAnswer: Sendable {
    public let kind: NearbyFeature.Kind
    public let batch: Bool
    /// The columns, in order.
    public let columns: [String]

    public init(kind: NearbyFeature.Kind, batch: Bool) {
        self.kind = kind
        self.batch = batch
        let single = ["kind", "id", "name", "plan", kind == .project ? "field" : "fields", "status", "company", "programme",
                      "support_jpy", "total_investment_jpy", "location_precision", "ward_code", "distance_km"]
        columns = batch ? ["query", "query_lon", "query_lat"] + single : single
    }

    /// The question as the CLI spells it (the answer's `query`).
    public static func query(lon: Double, lat: Double, km: Double, kind: NearbyFeature.Kind) -> String {
        "near \(lon) \(lat) --km \(km) --kind \(kind == .project ? "projects" : "sites")"
    }

    /// The question of a batch (`--queries FILE`).
    public static func query(file: String, km: Double, kind: NearbyFeature.Kind) -> String {
        "near --queries \(file) --km \(km) --kind \(kind == .project ? "projects" : "sites")"
    }

    /// The query's cells of a batch's rows (id, lon, lat), as `row` gives them.
    public static func queryCells(_ query: (id: String, location: Coordinate)) -> [String] {
        [query.id, QueryTable.cell(.numeric(query.location.x)), QueryTable.cell(.numeric(query.location.y))]
    }

    /// One result's CSV cells in column order, the text `QueryTable.cell` gives `row`'s values,
    /// without the dictionary (a batch of queries can have millions of results); `queryCells`
    /// as `queryCells(_:)` gives them (used in a batch only).
    public func cells(_ feature: NearbyFeature, queryCells: [String]) -> [String] {
        var cells = batch ? queryCells : []
        cells.reserveCapacity(columns.count)
        cells += [feature.kind.rawValue, feature.id, feature.name, feature.plan ?? "", feature.fields, feature.status,
                  feature.company ?? "", feature.programme ?? "", feature.supportJPY.map { String(Int($0)) } ?? "",
                  feature.totalInvestmentJPY.map { String(Int($0)) } ?? "", feature.precision ?? "", feature.wardCode ?? "",
                  QueryTable.cell(QueryTable.kilometres(feature.metres))]
        return cells
    }

    /// One result's row; `query` is the query's id and point (used in a batch only).
    public func row(_ feature: NearbyFeature, query: (id: String, location: Coordinate)) -> [String: JSONValue] {
        var row: [String: JSONValue] = [
            "kind": .string(feature.kind.rawValue), "id": .string(feature.id), "name": .string(feature.name),
            "plan": feature.plan.map(JSONValue.string) ?? .null,
            columns[batch ? 7 : 4]: feature.fields.isEmpty ? .null : .string(feature.fields), "status": .string(feature.status),
            "company": feature.company.map(JSONValue.string) ?? .null, "programme": feature.programme.map(JSONValue.string) ?? .null,
            "support_jpy": feature.supportJPY.map { .integer(Int($0)) } ?? .null,
            "total_investment_jpy": feature.totalInvestmentJPY.map { .integer(Int($0)) } ?? .null,
            "location_precision": feature.precision.map(JSONValue.string) ?? .null,
            "ward_code": feature.wardCode.map(JSONValue.string) ?? .null, "distance_km": QueryTable.kilometres(feature.metres),
        ]
        if batch {
            row["query"] = .string(query.id)
            row["query_lon"] = .numeric(query.location.x)
            row["query_lat"] = .numeric(query.location.y)
        }
        return row
    }
}
