import ArgumentParser
import BoundaryStore
import Cartography
import Foundation
import GeoFormats
import MapData
import Reference

/// `investmap render`: SVG maps from the specs in Renderers/ (format: Renderers/README.md).
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render map specs (Renderers/*.json) as SVG maps of an edition.",
        discussion: """
        investmap render SPEC [--out FILE] renders one spec (default output: SPEC's name with .svg \
        in the current folder); investmap render --all --out DIR renders every Renderers/*.json into \
        DIR as NAME.svg. Every spec is read and checked, and every map rendered, before anything is \
        written: a bad spec names its file and key and writes nothing. Files are written atomically \
        (a temporary file renamed into place), so a failed render leaves earlier output intact. \
        With --png or --pdf, rsvg-convert (librsvg2-bin) also writes FILE.png / FILE.pdf when it is \
        installed; it is skipped with a note when it is not. Prints the paths written.
        """
    )

    @Argument(help: "The spec file (JSON).")
    var spec: String?

    @Flag(help: "Render every spec of the Renderers folder.")
    var all = false

    @Option(help: "The folder of specs for --all (default: Renderers/ beside GeoData/).")
    var renderers: String?

    @Option(help: "The edition (default: the latest published edition, else the latest draft).")
    var edition: String?

    @Option(help: "The SVG file to write (one spec), or the folder (--all).")
    var out: String?

    @Flag(help: "Also write a PNG beside each SVG with rsvg-convert, when installed.")
    var png = false

    @Flag(help: "Also write a PDF beside each SVG with rsvg-convert, when installed.")
    var pdf = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if all && spec != nil { throw ValidationError("give either a SPEC file or --all, not both") }
        if !all && spec == nil { throw ValidationError("give a SPEC file, or --all with --out DIR") }
        if all && out == nil { throw ValidationError("--all needs --out DIR: the folder the maps are written to") }
        if !all && renderers != nil { throw ValidationError("--renderers is for --all") }
    }

    func run() throws {
        let reference = try ReferenceTables.loadFromDefaultLocation()
        let folder = try renderers.map { MapSpecFolder(url: URL(fileURLWithPath: $0)) } ?? MapSpecFolder.repositoryDefault()
        // Every spec is checked before the store is opened or anything is written.
        let specs = all ? try folder.specs(reference: reference).map(\.spec) : [try MapSpecParser(reference: reference).parse(contentsOf: spec!)]
        let targets = try outputFiles(specs)
        for target in targets { try AtomicFile.checkTarget(target) }
        let (boundaryStore, resolved) = try store.openJoined { try $0.resolveEdition(edition) }
        let loader = MapDataLoader(store: boundaryStore, reference: reference)
        let maps = try specs.map { spec in
            let map = try MapRenderer().render(spec, input: try loader.load(spec, edition: resolved))
            for warning in map.warnings { standardError.write("\(spec.source): \(warning)") }
            return map
        }
        let converter = (png || pdf) ? SVGConverter.installed() : nil
        if (png || pdf) && converter == nil {
            standardError.write("rsvg-convert is not installed (apt-get install librsvg2-bin): PNG/PDF skipped")
        }
        for (map, target) in zip(maps, targets) {
            try AtomicFile.write(map.svg, to: target)
            print(target.path)
            for (wanted, format) in [(png, SVGConverter.Format.png), (pdf, .pdf)] where wanted {
                if let converter { print(try converter.convert(target, to: format).path) }
            }
        }
    }

    /// The SVG file of each spec: `--out` (one spec) or `DIR/NAME.svg` (--all, the folder made).
    func outputFiles(_ specs: [MapSpec]) throws -> [URL] {
        guard all else { return [URL(fileURLWithPath: out ?? "\(specs[0].name).svg")] }
        let names = specs.map(\.name)
        if let duplicate = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw CLIError("two specs would both write \(duplicate).svg")
        }
        let folder = URL(fileURLWithPath: out!)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CLIError("\(folder.path): cannot make the folder: \(AtomicFile.reason(error))")
        }
        return names.map { folder.appendingPathComponent("\($0).svg") }
    }
}
