import Foundation
import BoundaryStore
import Ledger
import Reference

/// What changed from edition A to edition B: projects added (ids only in B), removed (only in
/// A), withdrawn (status became withdrawn), changed (any other attribute or the location), and
/// per unit, the count, amount and jobs that changed.
public struct EditionDiff: Sendable {
    /// One attribute of a project that differs, as text ("" for none).
    public struct FieldChange: Sendable, Equatable {
        public var field: String
        public var before: String
        public var after: String
    }

    public struct ProjectChange: Sendable, Equatable {
        public var id: String
        public var name: String
        public var changes: [FieldChange]
    }

    public struct UnitChange: Sendable, Equatable {
        public var code: String
        public var name: String
        public var countBefore: Int, countAfter: Int
        public var supportBefore: Double, supportAfter: Double
        public var totalInvestmentBefore: Double, totalInvestmentAfter: Double
        public var jobsBefore: Double, jobsAfter: Double
    }

    public var from: String
    public var to: String
    public var added: [InvestmentProject]
    public var removed: [InvestmentProject]
    public var withdrawn: [ProjectChange]
    public var changed: [ProjectChange]
    public var units: [UnitChange]
    public var level: StatisticsLevel

    /// Compares two editions of the store; per-unit changes at `level` (not nation).
    public static func compare(store: BoundaryStore, from a: Edition, to b: Edition, level: StatisticsLevel = .municipality) throws -> EditionDiff {
        let before = try store.projects(edition: a), after = try store.projects(edition: b)
        let beforeByID = Dictionary(uniqueKeysWithValues: before.map { ($0.project.id, $0.project) })
        let afterByID = Dictionary(uniqueKeysWithValues: after.map { ($0.project.id, $0.project) })
        let added = after.map(\.project).filter { beforeByID[$0.id] == nil }
        let removed = before.map(\.project).filter { afterByID[$0.id] == nil }
        var withdrawn: [ProjectChange] = [], changed: [ProjectChange] = []
        for (_, old) in before.map({ ($0.project.id, $0.project) }) {
            guard let new = afterByID[old.id] else { continue }
            let changes = fieldChanges(old, new)
            if changes.isEmpty { continue }
            let change = ProjectChange(id: old.id, name: new.name, changes: changes)
            if old.status != .withdrawn && new.status == .withdrawn { withdrawn.append(change) } else { changed.append(change) }
        }
        let statistics = UnitStatistics(store: store)
        let unitsBefore = try statistics.compute(edition: a, level: level, metric: .count)
        let unitsAfter = try statistics.compute(edition: b, level: level, metric: .count)
        let afterByCode = Dictionary(uniqueKeysWithValues: unitsAfter.map { ($0.code, $0) })
        var units: [UnitChange] = []
        for old in unitsBefore {
            guard let new = afterByCode[old.code] else { continue }
            if old.count != new.count || old.supportJPY != new.supportJPY || old.totalInvestmentJPY != new.totalInvestmentJPY
                || old.jobs != new.jobs {
                units.append(UnitChange(code: old.code, name: old.name, countBefore: old.count, countAfter: new.count,
                                        supportBefore: old.supportJPY, supportAfter: new.supportJPY,
                                        totalInvestmentBefore: old.totalInvestmentJPY, totalInvestmentAfter: new.totalInvestmentJPY,
                                        jobsBefore: old.jobs, jobsAfter: new.jobs))
            }
        }
        return EditionDiff(from: a.name, to: b.name, added: added, removed: removed, withdrawn: withdrawn, changed: changed, units: units, level: level)
    }

    /// The attributes of a project that differ, in ledger column order.
    static func fieldChanges(_ a: InvestmentProject, _ b: InvestmentProject) -> [FieldChange] {
        func text(_ value: (any CustomStringConvertible)?) -> String { value.map { "\($0)" } ?? "" }
        let pairs: [(String, String, String)] = [
            ("name", a.name, b.name), ("plan", text(a.plan), text(b.plan)), ("field", text(a.field), text(b.field)),
            ("company", text(a.company), text(b.company)), ("company_size", text(a.companySize?.rawValue), text(b.companySize?.rawValue)),
            ("programme", text(a.programme), text(b.programme)), ("category", text(a.category), text(b.category)),
            ("support_jpy", text(a.supportJPY), text(b.supportJPY)),
            ("total_investment_jpy", text(a.totalInvestmentJPY), text(b.totalInvestmentJPY)), ("jobs", text(a.jobs), text(b.jobs)),
            ("wage_commitment_pct", text(a.wageCommitmentPct), text(b.wageCommitmentPct)), ("budget", text(a.budget?.id), text(b.budget?.id)),
            ("adopted", text(a.adopted), text(b.adopted)),
            ("status", a.status.rawValue, b.status.rawValue), ("announced", text(a.announced), text(b.announced)),
            ("address", text(a.address), text(b.address)), ("location_precision", a.locationPrecision.rawValue, b.locationPrecision.rawValue),
            ("lon", String(format: "%.6f", a.location.x), String(format: "%.6f", b.location.x)),
            ("lat", String(format: "%.6f", a.location.y), String(format: "%.6f", b.location.y)),
            ("code", text(a.declaredCode?.code5), text(b.declaredCode?.code5)), ("source", text(a.source), text(b.source)),
        ]
        return pairs.filter { $0.1 != $0.2 }.map { FieldChange(field: $0.0, before: $0.1, after: $0.2) }
    }
}
