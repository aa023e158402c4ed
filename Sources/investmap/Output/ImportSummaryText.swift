import BoundaryImport
import BoundaryStore

/// The human summary `import boundaries` prints.
struct ImportSummaryText {
    let summary: BoundaryImportSummary
    let storePath: String
    let verbose: Bool

    var text: String {
        var lines: [String] = []
        for source in summary.sources {
            let member = source.member.map { " (\($0))" } ?? ""
            lines.append("read \(source.file)\(member): \(source.format.rawValue), \(source.features) features, \(source.vertices) vertices")
        }
        let c = summary.counts
        lines.append("edition \(summary.edition): parts read \(summary.partsRead), parts stored \(summary.partsStored) (after repair)")
        lines.append("units: \(c[.ward] ?? 0) wards/municipalities (N03 units), \(c[.unassigned] ?? 0) unassigned areas (所属未定地), "
            + "\(c[.municipality] ?? 0) municipalities, \(c[.designatedCity] ?? 0) designated cities, "
            + "\(c[.prefecture] ?? 0) prefectures, \(c[.bureau] ?? 0) bureaus")
        let filled = summary.report.filter { $0.kind == "fill" }.count
        if filled > 0 {
            lines.append("filled: \(filled) N03 units from a coarser coverage (their geometry is coarser; see fill below, "
                + "and the fill_source and fill_edition columns of the store)")
        }
        let kinds = Dictionary(grouping: summary.report, by: \.kind)
        for kind in kinds.keys.sorted() {
            let rows = kinds[kind]!
            lines.append("\(kind): \(rows.count)")
            // Everything up to 50 rows a kind: mismatches are to be seen, not hidden.
            let shown = verbose ? rows : Array(rows.prefix(50))
            for row in shown {
                lines.append("  \(row.code ?? "-") \(row.detail)")
            }
            if shown.count < rows.count { lines.append("  … \(rows.count - shown.count) more (--verbose, or the import_report table)") }
        }
        switch summary.placement {
        case .asDefault: break
        case .asDefaultKeeping(let previous):
            lines.append("boundaries: \(summary.edition) is now the store's default (the newest); \(previous) is kept beside it "
                + "(--boundaries \(previous)); ledger editions joined on it keep their joins (`investmap edition rejoin E` joins one again)")
        case .besideDefault(let main):
            lines.append("boundaries: \(summary.edition) is kept beside the store's default \(main), which is newer: "
                + "read it with --boundaries \(summary.edition)")
        }
        let timing = summary.timings.map { "\($0.0) \(String(format: "%.2f", seconds($0.1))) s" }.joined(separator: ", ")
        lines.append("time: \(timing)")
        lines.append("store: \(storePath)")
        return lines.joined(separator: "\n")
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
