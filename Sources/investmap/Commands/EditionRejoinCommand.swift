import ArgumentParser
import BoundaryStore
import Foundation
import GeoFormats
import LedgerImport
import Reference

struct EditionRejoinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rejoin",
        abstract: "Join a draft edition's projects again on another boundary edition, and list every project whose unit changed.",
        discussion: """
        The boundary edition is --boundaries (default: the newest the store holds); the edition records it. One transaction: \
        a project that no unit of those boundaries holds stops the rejoin and nothing changes. A published edition never \
        changes: --dry-run shows what a rejoin would change (or create a draft from it with `edition create NEW --from E`). \
        Cluster sites keep their joins. CSV columns: id,name,ward_before,ward_after,municipality_before,municipality_after,\
        prefecture_before,prefecture_after,match_before,match_after.
        """
    )

    @Argument(help: "The edition to join again.")
    var name: String

    @Flag(help: "Report what would change; write nothing.")
    var dryRun = false

    @Option(help: "How far at sea (km) a project may lie from every unit and still be joined to the nearest.")
    var maxSeaDistanceKm: Double = 5

    @OptionGroup var store: StoreOptions

    func run() throws {
        if !dryRun { try store.checkWritable() }
        let importer = LedgerImporter(store: try store.open(readOnly: dryRun), reference: try ReferenceTables.loadFromDefaultLocation(),
                                      maxSeaDistanceKm: maxSeaDistanceKm)
        let summary = try importer.rejoin(edition: name, dryRun: dryRun)
        let output = StandardOutput()
        output.write(CSVWriter.record(["id", "name", "ward_before", "ward_after", "municipality_before", "municipality_after",
                                       "prefecture_before", "prefecture_after", "match_before", "match_after"]))
        for p in summary.changed {
            output.write(CSVWriter.record([p.id, p.name, p.before.wardCode ?? "", p.after?.wardCode ?? "",
                                           p.before.municipalityCode ?? "", p.after?.municipalityCode ?? "",
                                           p.before.prefectureCode ?? "", p.after?.prefectureCode ?? "",
                                           p.before.match.rawValue, p.after?.match.rawValue ?? "none"]))
        }
        output.flush()
        standardError.write("\(summary.edition): \(summary.projects) projects joined on \(summary.from ?? "unknown boundaries") → \(summary.to): "
            + "\(summary.changed.count) changed their unit" + (dryRun ? " (dry run: nothing written)" : summary.written ? "; written" : "; nothing to write"))
    }
}
