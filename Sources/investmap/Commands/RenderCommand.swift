import ArgumentParser
import BoundaryStore
import Cartography
import Foundation
import QueryOutput
import Reference
#if canImport(Glibc)
import Glibc
#endif

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
        let parser = MapSpecParser(reference: reference)
        let specFiles = try all ? Self.specFiles(in: renderers.map { URL(fileURLWithPath: $0) } ?? Self.defaultRenderers()) : [spec!]
        // Every spec is checked before the store is opened or anything is written.
        let specs = try specFiles.map { try parser.parse(contentsOf: $0) }
        let targets: [URL]
        if all {
            let folder = URL(fileURLWithPath: out!)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw CLIError("\(folder.path): cannot make the folder: \(AtomicFile.reason(error))")
            }
            targets = specs.map { folder.appendingPathComponent("\($0.name).svg") }
            let names = specs.map(\.name)
            if let duplicate = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
                throw CLIError("two specs would both write \(duplicate).svg")
            }
        } else {
            targets = [URL(fileURLWithPath: out ?? "\(specs[0].name).svg")]
        }

        for target in targets { try AtomicFile.checkTarget(target) }

        let boundaryStore = try store.open(readOnly: true)
        let editionName = try EditionChoice.edition(edition, in: boundaryStore).name
        let loader = MapDataLoader(store: boundaryStore, reference: reference)
        let renderer = MapRenderer()
        var rendered: [RenderedMap] = []
        for spec in specs {
            let map = try renderer.render(spec, input: try loader.load(spec, edition: editionName))
            for warning in map.warnings { standardError.write("\(spec.source): \(warning)") }
            rendered.append(map)
        }

        let converter = (png || pdf) ? Self.findExecutable("rsvg-convert") : nil
        if (png || pdf) && converter == nil {
            standardError.write("rsvg-convert is not installed (apt-get install librsvg2-bin): PNG/PDF skipped")
        }
        for (map, target) in zip(rendered, targets) {
            try AtomicFile.write(Data(map.svg), to: target)
            print(target.path)
            guard let converter else { continue }
            for (wanted, format) in [(png, "png"), (pdf, "pdf")] where wanted {
                let output = target.deletingPathExtension().appendingPathExtension(format)
                try Self.convert(target, to: output, format: format, converter: converter)
                print(output.path)
            }
        }
    }

    /// The Renderers folder of the repository: beside the GeoData folder the reference tables
    /// come from.
    static func defaultRenderers() throws -> URL {
        try ReferenceTables.locateGeoData().deletingLastPathComponent().appendingPathComponent("Renderers")
    }

    /// The `.json` files of a folder, sorted by name.
    static func specFiles(in folder: URL) throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw CLIError("\(folder.path): cannot list the spec folder: \((error as NSError).localizedDescription)")
        }
        let specs = names.filter { $0.hasSuffix(".json") }.sorted()
        guard !specs.isEmpty else { throw CLIError("\(folder.path): no spec (*.json) here") }
        return specs.map { folder.appendingPathComponent($0).path }
    }

    /// The path of an executable on $PATH, or nil.
    static func findExecutable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Converts an SVG with rsvg-convert into a temporary file renamed over `output`.
    static func convert(_ svg: URL, to output: URL, format: String, converter: URL) throws {
        let temporary = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).\(UUID().uuidString).partial")
        let process = Process()
        process.executableURL = converter
        process.arguments = ["--format", format, "--output", temporary.path, svg.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, rename(temporary.path, output.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CLIError("\(output.path): rsvg-convert failed: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}
