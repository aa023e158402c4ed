import ArgumentParser
import LedgerImport

struct ImportInvestmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "investments",
        abstract: "Import investment cases into a draft edition.",
        discussion: """
        Canonical header: id,name,company,company_size,programme,plan,field,support_jpy,total_investment_jpy,jobs,\
        wage_commitment_pct,budget,adopted,status,announced,address,lon,lat,code,source (the Japanese headers of \
        real lists are understood too; map others with --map). A row is located by its lon/lat, else its address \
        (geocoded to the 町丁目/大字 with the Geolonia town points), else its municipality code or name (drawn at a \
        point inside the municipality, precision municipality). Every row is accepted or rejected with its line \
        (sheet!row for .xlsx) and reason (rows read = accepted + rejected); accepted rows are joined to the \
        full-resolution units and written in one transaction, keyed by id, so importing the same file again \
        changes nothing.
        """
    )

    @OptionGroup var options: LedgerImportOptions

    @OptionGroup var townPoints: TownPointsOptions

    func run() throws {
        let columnMap = try options.columnMap()
        let townPoints = self.townPoints
        try options.run { importer, url, beforeWrite in
            let reference = importer.reference
            return try importer.importProjects(
                from: url, displayName: options.file, edition: options.edition, replaceAll: options.replace,
                limits: options.limits, columnMap: columnMap, sheet: options.sheet,
                geocoder: { try townPoints.geocoder(reference: reference) },
                beforeWrite: beforeWrite)
        }
    }
}
