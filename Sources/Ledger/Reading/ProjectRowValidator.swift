import GeoCore
import Reference

/// Turns one row into an `InvestmentProject`, or says why it cannot: the first problem found,
/// column by column in header order (name, plan, field, amount, jobs, status, announced,
/// location, code).
struct ProjectRowValidator: Sendable {
    /// The plan whose projects must name a strategic field (戦略産業クラスター計画).
    static let strategicPlanID = "A"

    let vocabulary: LedgerVocabulary

    /// - Parameter id: the row's id, already checked to be present and unique.
    /// - Throws: `RowProblem`.
    func project(id: String, row: LedgerRow, geometry: RowGeometry) throws(RowProblem) -> InvestmentProject {
        let name = try row.requiredText(.name)
        let plan = try vocabulary.plan(row.text(.plan), label: row.label(.plan))
        let field = try vocabulary.field(row.text(.field), label: row.label(.field))
        if plan == Self.strategicPlanID && field == nil {
            throw RowProblem("\(row.label(.field)): plan \(plan) needs a strategic field")
        }
        let amount = try AmountText.yen(row.text(.amount), columnUnit: row.amountUnit, label: row.label(.amount))
        let jobs = try CellValues.jobs(row.text(.jobs), label: row.label(.jobs))
        let status = try vocabulary.status(row.text(.status), label: row.label(.status))
        let announced = try AnnouncementDate.iso(row.text(.announced), label: row.label(.announced))
        let location = try geometry.point(of: row)
        let code = try CellValues.municipalityCode(row.text(.code), label: row.label(.code))
        let source = row.text(.source)
        return InvestmentProject(
            id: id, name: name, plan: plan, field: field, amountJPY: amount, jobs: jobs, status: status,
            announced: announced, location: location, declaredCode: code, source: source.isEmpty ? nil : source)
    }
}
