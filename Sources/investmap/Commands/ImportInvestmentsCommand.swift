import ArgumentParser

struct ImportInvestmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "investments",
        abstract: "Import investment projects into a draft edition.",
        discussion: """
        Canonical header: id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source. \
        Every row is accepted or rejected with its line and reason (rows read = accepted + rejected); \
        accepted rows are joined to the full-resolution units and written in one transaction, keyed \
        by id, so importing the same file again changes nothing.
        """
    )

    @OptionGroup var options: LedgerImportOptions

    func run() throws {
        try options.run { importer, url, beforeWrite in
            try importer.importProjects(from: url, displayName: options.file, edition: options.edition, replaceAll: options.replace,
                                        limits: options.limits, beforeWrite: beforeWrite)
        }
    }
}
