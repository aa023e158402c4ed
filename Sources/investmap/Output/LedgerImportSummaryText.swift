import Foundation
import LedgerImport

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
        if !s.ignoredColumns.isEmpty { lines.append("ignored columns: \(s.ignoredColumns.joined(separator: ", "))") }
        if let rejectsFile, !s.rejections.isEmpty { lines.append("rejected rows: \(rejectsFile)") }
        return lines.joined(separator: "\n")
    }
}
