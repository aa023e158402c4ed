import GeoCore
import Reference

/// Turns one row into a `ProjectInput`, or says why it cannot: the first problem found, column
/// by column (name, programme, plan, field, company, amounts, jobs, wage, dates, status, code,
/// location).
struct ProjectRowValidator: Sendable {
    /// The plan whose projects must name a strategic field (戦略産業クラスター計画).
    static let strategicPlanID = "A"
    /// The range a wage commitment (年平均賃上げ率, %) must lie in.
    static let wageCommitmentRange = 0.0...50.0

    let vocabulary: LedgerVocabulary

    /// - Parameter id: the row's id, already checked to be present and unique.
    /// - Throws: `RowProblem`.
    func project(id: String, row: LedgerRow, geometry: RowGeometry) throws(RowProblem) -> ProjectInput {
        let name = try row.requiredText(.name)
        let programme = try vocabulary.programme(row.text(.programme), label: row.label(.programme))
        // A programme's case may name no plan; without a programme the plan says what it is.
        let plan = programme != nil && row.text(.plan).isEmpty ? nil : try vocabulary.plan(row.text(.plan), label: row.label(.plan))
        let field = try vocabulary.field(row.text(.field), label: row.label(.field))
        if plan == Self.strategicPlanID && field == nil {
            throw RowProblem("\(row.label(.field)): plan \(Self.strategicPlanID) needs a strategic field")
        }
        let company = row.text(.company)
        let size = try vocabulary.companySize(row.text(.companySize), label: row.label(.companySize))
        let support = try AmountText.yen(row.text(.support), columnUnit: row.unit(.support), label: row.label(.support))
        let total = try AmountText.yen(row.text(.totalInvestment), columnUnit: row.unit(.totalInvestment), label: row.label(.totalInvestment))
        if let support, let total, support > total {
            throw RowProblem("\(row.label(.support)): support \(support) yen is larger than the total investment \(total) yen (\(row.label(.totalInvestment)))")
        }
        let jobs = try CellValues.jobs(row.text(.jobs), label: row.label(.jobs))
        let wage = try CellValues.percent(row.text(.wageCommitment), label: row.label(.wageCommitment), range: Self.wageCommitmentRange)
        let budget = try BudgetText.budget(row.text(.budget), label: row.label(.budget))
        let adopted = try AnnouncementDate.iso(row.text(.adopted), label: row.label(.adopted))
        let status = try vocabulary.status(row.text(.status), label: row.label(.status))
        let announced = try AnnouncementDate.iso(row.text(.announced), label: row.label(.announced))
        let code = try CellValues.municipalityCode(row.text(.code), label: row.label(.code))
        let address = row.text(.address)
        let source = row.text(.source)
        let attributes = ProjectAttributes(
            id: id, name: name, plan: plan, field: field, company: company.isEmpty ? nil : company, companySize: size,
            programme: programme?.id, category: programme?.category, supportJPY: support, totalInvestmentJPY: total, jobs: jobs,
            wageCommitmentPct: wage, budget: budget, adopted: adopted, status: status, announced: announced,
            address: address.isEmpty ? nil : address, declaredCode: code, source: source.isEmpty ? nil : source)
        return ProjectInput(attributes, place: try place(of: row, geometry: geometry, code: code))
    }

    /// Where the row says the case is, most exact first: its coordinates, its address, its
    /// code, its prefecture and municipality names.
    private func place(of row: LedgerRow, geometry: RowGeometry, code: MunicipalityCode?) throws(RowProblem) -> ProjectPlace {
        if let point = try geometry.point(of: row) {
            let text = row.text(.locationPrecision)
            guard let precision = text.isEmpty ? .point : LocationPrecision(rawValue: text.ledgerKey) else {
                throw RowProblem.cell(row.label(.locationPrecision), text, "is not point, address or municipality")
            }
            return .point(point, precision)
        }
        if row.has(.address) { return .address(row.text(.address)) }
        if let code { return .code(code) }
        if row.has(.municipality) { return .names(prefecture: row.text(.prefecture), municipality: row.text(.municipality)) }
        throw RowProblem("no location: give lon and lat, an address (所在地), a municipality code (市区町村コード) or the municipality's name")
    }
}
