import ArgumentParser
import Foundation
import BoundaryImport
import GeoCore
import Reference

struct SimplifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simplify",
        abstract: "Build gap-free simplified scales of the stored boundaries.",
        discussion: """
        Every border between two units is simplified once, junctions fixed, so neighbours keep \
        identical borders at every scale; cities, prefectures and bureaus are rebuilt from the \
        same simplified borders. Each scale is stored as its own layers (municipalities_500m, …). \
        Named scales: \(ScaleSpecification.named.map { "\($0.name) (\(Int($0.toleranceMetres)) m)" }.joined(separator: ", ")).
        """
    )

    @Option(help: "Comma-separated scales: names or ground tolerances such as 500m,2km (default: every named scale).")
    var levels: String?

    @Option(help: "vw (Visvalingam–Whyatt, area-weighted) or dp (Douglas–Peucker).")
    var method: SimplificationMethod = .visvalingam

    @OptionGroup var store: StoreOptions

    func validate() throws {
        _ = try scales()
    }

    func scales() throws -> [ScaleSpecification] {
        guard let levels else { return ScaleSpecification.defaults }
        let parts = levels.split(separator: ",").map(String.init)
        guard !parts.isEmpty else { throw ValidationError("--levels is empty") }
        do {
            return try parts.map(ScaleSpecification.parse)
        } catch let error as ScaleError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        // Refuse a store this run could not write before the work, not after it.
        try store.checkWritable()
        let geoData = try ReferenceTables.locateGeoData()
        let reference = try ReferenceTables.load(from: geoData)
        let census = try CensusPopulation.locate(geoDataDirectory: geoData).map { try CensusPopulation.load(from: $0) }
        let simplifier = BoundarySimplifier(reference: reference, census: census)
        let outcomes = try simplifier.run(store: store.open(readOnly: false), scales: scales(), method: method) {
            standardError.write($0)
        }
        for o in outcomes {
            let l = o.level
            print("level \(l.name): tolerance \(Self.number(l.toleranceMetres)) m, method \(l.method), vertices \(l.vertices) "
                + "(of \(o.verticesIn)), max displacement \(String(format: "%.1f", l.maximumDisplacementMetres)) m, "
                + (o.bordersOpened == 0 ? "gaps and overlaps none (every border shared vertex for vertex)"
                    : "\(o.bordersOpened) borders opened or overlapping")
                + ", \(String(format: "%.2f", o.seconds)) s")
            if o.bordersOpened > 0 { throw ExitCode.failure }
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

extension SimplificationMethod: ExpressibleByArgument {}
