import Cartography
import Foundation
import GeoCore
import GeoFormats
import Reference

/// `--format` of the query commands (`format=` of the HTTP service's queries).
public enum QueryFormat: String, CaseIterable, Sendable {
    case table, csv, json, geojson
}

/// The rows a query command prints, in any `QueryFormat`: a terminal table, CSV (header, RFC
/// 4180), JSON (`{"metadata":…,"rows":[…]}`, keys sorted, compact) or a GeoJSON FeatureCollection
/// (a feature per row with its geometry, the metadata as foreign members). Every output carries
/// the edition and the data credits (the table and CSV on standard error).
public struct QueryTable {
    public var columns: [String]
    public var rows: [[String: JSONValue]]
    /// Per row, for GeoJSON (nil: a feature without geometry).
    public var geometries: [Geometry?]
    public var metadata: [String: JSONValue]

    public init(columns: [String], rows: [[String: JSONValue]], geometries: [Geometry?], metadata: [String: JSONValue]) {
        self.columns = columns
        self.rows = rows
        self.geometries = geometries
        self.metadata = metadata
    }

    public func render(_ format: QueryFormat) -> String {
        switch format {
        case .table:
            let numeric = Set(columns.indices.filter { c in rows.contains { if case .integer = $0[columns[c]] ?? .null { true } else if case .number = $0[columns[c]] ?? .null { true } else { false } } })
            return TextTable.render(header: columns, rows: rows.map { row in columns.map { Self.cell(row[$0] ?? .null) } }, rightAligned: numeric)
        case .csv:
            return CSVWriter.record(columns) + rows.map { row in CSVWriter.record(columns.map { Self.cell(row[$0] ?? .null) }) }.joined()
        case .json:
            return JSONValue.object(["metadata": .object(metadata), "rows": .array(rows.map { .object($0) })]).text + "\n"
        case .geojson:
            var out: [UInt8] = Array(#"{"type":"FeatureCollection","#.utf8)
            for key in metadata.keys.sorted() {
                JSONValue.string(key).write(to: &out)
                out.append(UInt8(ascii: ":"))
                metadata[key]!.write(to: &out)
                out.append(UInt8(ascii: ","))
            }
            out += Array(#""features":["#.utf8)
            for (index, row) in rows.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out += Array("\n".utf8)
                JSONValue.object(["type": .string("Feature"), "properties": .object(row),
                                      "geometry": geometries[index].map(Self.geoJSON) ?? .null]).write(to: &out)
            }
            out += Array("\n]}\n".utf8)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// A value as a table or CSV cell.
    public static func cell(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .string(let s): s
        default: value.text
        }
    }

    /// Kilometres with 3 decimals (metres), as a number.
    public static func kilometres(_ metres: Double?) -> JSONValue {
        guard let metres else { return .null }
        return .numeric((metres).rounded() / 1000)
    }

    /// RFC 7946 geometry as the exports write it (`GeoJSONGeometryWriter`: 6 decimals, exterior
    /// rings counter-clockwise); null for a geometry that collapses at that precision.
    public static func geoJSON(_ geometry: Geometry) -> JSONValue {
        (try? GeoJSONGeometryWriter.bytes(geometry)).map(JSONValue.raw) ?? .null
    }

    /// The metadata every query output carries; `credits` as `MapDataLoader.credits(of:)` gives
    /// them (the fill credit included where the store has one).
    public static func metadata(edition: String, note: String?, query: String, credits: [String]) -> [String: JSONValue] {
        var members: [String: JSONValue] = ["edition": .string(edition), "query": .string(query),
                                                "attribution": .string(credits.joined(separator: " / "))]
        if let note { members["edition_note"] = .string(note) }
        return members
    }
}
