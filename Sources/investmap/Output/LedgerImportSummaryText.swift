import Foundation
import LedgerImport
import Reference

/// The summary `import investments` and `import sites` print.
enum LedgerImportSummaryText {
    static func text(_ s: LedgerImportSummary, rejectsFile: String?) -> String {
        let what = s.kind == .investments ? "projects" : "cluster sites"
        var lines = [
            "\(s.file) → edition \(s.edition): \(s.rowsRead) rows read, \(s.accepted) accepted, \(s.rejections.count) rejected"
                + (s.encoding.map { " (\($0))" } ?? ""),
            "\(what): \(s.written.inserted) new, \(s.written.updated) updated, \(s.written.unchanged) unchanged"
                + (s.written.removed > 0 ? ", \(s.written.removed) removed" : ""),
            "join: \(s.nearestFromSea) at sea (nearest municipality, flagged), \(s.unassigned) in 所属未定地"
                + (s.kind == .investments ? ", \(s.codeMismatches) declared code differs from the location (flagged)" : "")
                + String(format: "; %.2f s", s.joinSeconds),
        ]
        if s.kind == .investments, !s.precisionCounts.isEmpty {
            let parts = LocationPrecision.allCases.map { "\(s.precisionCounts[$0] ?? 0) \($0.rawValue)" }
            lines.append("located: " + parts.joined(separator: ", ")
                         + (s.locationNotes.isEmpty ? "" : "; \(s.locationNotes.count) address(es) placed at their municipality (town not found or ambiguous)"))
        }
        if !s.ignoredColumns.isEmpty { lines.append("ignored columns: \(s.ignoredColumns.joined(separator: ", "))") }
        if let rejectsFile, !s.rejections.isEmpty { lines.append("rejected rows: \(rejectsFile)") }
        return lines.joined(separator: "\n")
    }
}
