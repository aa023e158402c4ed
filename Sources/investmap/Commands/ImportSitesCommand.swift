import ArgumentParser

struct ImportSitesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sites",
        abstract: "Import industrial-cluster sites (points or polygons) into a draft edition.",
        discussion: "Canonical header: id,name,plan,fields,status,lon,lat,wkt (fields separated by ';'; wkt a POLYGON or MULTIPOLYGON used instead of lon/lat), or GeoJSON."
    )

    @OptionGroup var options: LedgerImportOptions

    func run() throws {
        try options.run { importer, url, beforeWrite in
            try importer.importSites(from: url, displayName: options.file, edition: options.edition, replaceAll: options.replace,
                                     limits: options.limits, sheet: options.sheet, beforeWrite: beforeWrite)
        }
    }
}
