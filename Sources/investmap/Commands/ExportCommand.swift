import ArgumentParser
import Foundation
import BoundaryStore
import Cartography
import MapData
import GeoCore
import GeoFormats

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export one level of the boundaries as GeoJSON (RFC 7946) or TopoJSON (shared arcs).",
        discussion: "Written atomically: a failed export leaves an existing file as it was."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case geojson, topojson }

    @Option(help: "A simplified scale built by `investmap simplify` (e.g. national, z7, 500m), or full.")
    var level: String = "full"

    @Option(help: "ward, municipality, designated-city, prefecture, bureau or unassigned.")
    var unit: UnitsCommand.Level = .municipality

    @Option(help: "geojson or topojson.")
    var format: Format = .geojson

    @Option(help: "The file to write.")
    var out: String

    @Option(help: "Decimals of the GeoJSON coordinates (default: 9 for full, as the N03 files give them; 6 ≈ 10 cm for the simplified scales, whose vertices are kept valid on that grid).")
    var decimals: Int?

    /// Full resolution keeps the sources' precision: on the 6-decimal grid some of its
    /// vertices a few centimetres apart meet, and rings cross (the simplified scales are made
    /// valid on that grid when they are built).
    static let fullResolutionDecimals = 9

    @OptionGroup var store: StoreOptions

    func run() throws {
        let store = try store.open(readOnly: true)
        let scale = level == "full" ? nil : level
        if let scale {
            let built = try store.simplifiedLevels().map(\.name)
            guard built.contains(scale) else {
                throw CLIError("level \(scale) has not been built (built: \(built.isEmpty ? "none; run `investmap simplify`" : built.joined(separator: ", ")), or full)")
            }
        }
        let units = try store.units(unit.unitLevel, scale: scale)
        guard let edition = try units.first?.edition ?? store.boundaryEdition() else {
            throw CLIError("\(store.path): no boundaries in the store")
        }
        let metadata = ExportMetadata(name: "investmap \(unit.rawValue) \(level)", edition: edition,
                                      attribution: [DataCredits.boundaries, DataCredits.census]
                                          + (MapDataLoader.fillCredit(units).map { [$0] } ?? []))
        let url = URL(fileURLWithPath: out)
        switch format {
        case .geojson:
            let summary = try GeoJSONWriter.write(units.lazy.map { ExportFeature(properties: Self.properties($0), geometry: $0.geometry) },
                                                  metadata: metadata, to: url,
                                                  decimals: decimals ?? (scale == nil ? Self.fullResolutionDecimals : GeoJSONWriter.defaultDecimals))
            print("wrote \(out): \(summary.features) features, \(summary.positions) positions, \(summary.bytes) bytes")
        case .topojson:
            let arcs = CoverageArcs(CoverageTopology(faces: units.map(\.geometry.polygons)))
            var features: [(properties: [(String, ExportValue)], polygons: [[[Int]]])] = []
            for (unit, rings) in zip(units, arcs.faceArcRings) {
                features.append((Self.properties(unit), rings))
            }
            let topology = TopoJSONTopology(arcs: arcs.arcs, features: features)
            let summary = try TopoJSONWriter.write(topology, objectName: unit.unitLevel.tableName, metadata: metadata, to: url)
            print("wrote \(out): \(summary.features) features, \(arcs.arcVertices.count) shared arcs, \(summary.bytes) bytes")
        }
    }

    static func properties(_ unit: UnitRecord) -> [(String, ExportValue)] {
        func text(_ value: String?) -> ExportValue { value.map { .string($0) } ?? .null }
        func number(_ value: Double?) -> ExportValue {
            guard let value else { return .null }
            return value == value.rounded() && abs(value) < 1e15 ? .integer(Int(value)) : .number(value)
        }
        return [
            ("code", text(unit.code)), ("name", .string(unit.name)), ("level", .string(unit.level.rawValue)),
            ("prefecture_code", text(unit.prefectureCode)), ("prefecture_name", text(unit.prefectureName)),
            ("city_code", text(unit.cityCode)), ("bureau", text(unit.bureauID)),
            ("population", number(unit.population)), ("households", number(unit.households)),
            ("edition", .string(unit.edition)),
            ("fill_source", text(unit.fillSource)), ("fill_edition", text(unit.fillEdition)),
        ]
    }
}
