import Foundation
import Ledger
import LedgerStatistics
import QueryOutput

/// `edition diff` as text: the four lists of projects, then the units whose totals changed.
enum EditionDiffText {
    static func render(_ diff: EditionDiff) -> String {
        var lines = ["edition \(diff.from) → \(diff.to): \(diff.added.count) added, \(diff.removed.count) removed, "
                     + "\(diff.withdrawn.count) withdrawn, \(diff.changed.count) changed; "
                     + "\(diff.units.count) \(diff.level.rawValue) units with changed totals"]
        func section(_ title: String, _ rows: [String]) {
            guard !rows.isEmpty else { return }
            lines.append("")
            lines.append("\(title) (\(rows.count)):")
            lines += rows.map { "  " + $0 }
        }
        section("added", diff.added.map { "\($0.id) \($0.name) [\($0.plan ?? $0.programme ?? "")] \(Amounts.text($0.totalInvestmentJPY.map(Double.init)))" })
        section("removed", diff.removed.map { "\($0.id) \($0.name)" })
        section("withdrawn", diff.withdrawn.map { change in "\(change.id) \(change.name): " + describe(change.changes) })
        section("changed", diff.changed.map { change in "\(change.id) \(change.name): " + describe(change.changes) })
        if !diff.units.isEmpty {
            lines.append("")
            lines.append(TextTable.render(
                header: ["code", "name", "projects", "", "support", "", "total_investment", "", "jobs", ""],
                rows: diff.units.map {
                    [$0.code, $0.name, String($0.countBefore), "→ \($0.countAfter)", Amounts.text($0.supportBefore),
                     "→ \(Amounts.text($0.supportAfter))", Amounts.text($0.totalInvestmentBefore),
                     "→ \(Amounts.text($0.totalInvestmentAfter))", Amounts.integer($0.jobsBefore), "→ \(Amounts.integer($0.jobsAfter))"]
                },
                rightAligned: [2, 4, 6, 8]))
        }
        return lines.joined(separator: "\n")
    }

    /// The columns of the diff as a table (`--format csv|xlsx`): one row per added, removed or
    /// withdrawn project and per changed attribute of a changed one.
    static let changeColumns = ["change", "id", "name", "field_name", "before", "after"]

    static func changeRows(_ diff: EditionDiff) -> [[String]] {
        var rows: [[String]] = []
        rows += diff.added.map { ["added", $0.id, $0.name, "", "", ""] }
        rows += diff.removed.map { ["removed", $0.id, $0.name, "", "", ""] }
        for (kind, changes) in [("withdrawn", diff.withdrawn), ("changed", diff.changed)] {
            for change in changes {
                rows += change.changes.map { [kind, change.id, change.name, $0.field, $0.before, $0.after] }
            }
        }
        return rows
    }

    private static func describe(_ changes: [EditionDiff.FieldChange]) -> String {
        changes.map { "\($0.field) \($0.before.isEmpty ? "–" : $0.before) → \($0.after.isEmpty ? "–" : $0.after)" }.joined(separator: ", ")
    }
}

/// `edition diff --format json`.
struct EditionDiffJSON: Encodable {
    struct Project: Encodable {
        var id: String, name: String, plan: String?, field: String?, programme: String?, company: String?
        var support_jpy: Int64?, total_investment_jpy: Int64?, jobs: Int?, status: String
    }

    struct Change: Encodable {
        struct Field: Encodable { var field: String, before: String, after: String }
        var id: String, name: String, changes: [Field]
    }

    struct Unit: Encodable {
        var code: String, name: String
        var count_before: Int, count_after: Int
        var support_jpy_before: Double, support_jpy_after: Double
        var total_investment_jpy_before: Double, total_investment_jpy_after: Double
        var jobs_before: Double, jobs_after: Double
    }

    var from: String, to: String, level: String
    var added: [Project], removed: [Project], withdrawn: [Change], changed: [Change], units: [Unit]

    init(_ diff: EditionDiff) {
        func project(_ p: InvestmentProject) -> Project {
            Project(id: p.id, name: p.name, plan: p.plan, field: p.field, programme: p.programme, company: p.company,
                    support_jpy: p.supportJPY, total_investment_jpy: p.totalInvestmentJPY, jobs: p.jobs, status: p.status.rawValue)
        }
        func change(_ c: EditionDiff.ProjectChange) -> Change {
            Change(id: c.id, name: c.name, changes: c.changes.map { Change.Field(field: $0.field, before: $0.before, after: $0.after) })
        }
        from = diff.from
        to = diff.to
        level = diff.level.rawValue
        added = diff.added.map(project)
        removed = diff.removed.map(project)
        withdrawn = diff.withdrawn.map(change)
        changed = diff.changed.map(change)
        units = diff.units.map {
            Unit(code: $0.code, name: $0.name, count_before: $0.countBefore, count_after: $0.countAfter,
                 support_jpy_before: $0.supportBefore, support_jpy_after: $0.supportAfter,
                 total_investment_jpy_before: $0.totalInvestmentBefore, total_investment_jpy_after: $0.totalInvestmentAfter,
                 jobs_before: $0.jobsBefore, jobs_after: $0.jobsAfter)
        }
    }
}

/// Yen as people read them in Japanese reports: 億円 above 1億, 万円 below; jobs as integers.
enum Amounts {
    static func text(_ yen: Double?) -> String {
        guard let yen else { return "–" }
        if abs(yen) >= 100_000_000 { return String(format: "%.1f億円", yen / 100_000_000) }
        if abs(yen) >= 10_000 { return String(format: "%.0f万円", yen / 10_000) }
        return String(format: "%.0f円", yen)
    }

    static func integer(_ value: Double) -> String { String(format: "%.0f", value) }
}
