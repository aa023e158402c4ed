import Foundation
import GeoCore
import GeoFormats
import Reference
import BoundaryStore

/// `import boundaries`: reads N03 files (GeoJSON, TopoJSON, or an MLIT zip of either), builds
/// one MultiPolygon per unit, repairs invalid geometry (reporting each repair), derives
/// municipalities, designated cities, prefectures and bureau blocks by dissolving the N03 units,
/// joins the census population and replaces the store's boundary layers in one transaction.
public struct BoundaryImporter: Sendable {
    public let reference: ReferenceTables
    public let census: CensusPopulation?

    public init(reference: ReferenceTables, census: CensusPopulation?) {
        self.reference = reference
        self.census = census
    }

    /// Imports `files` into the store `openStore` opens. The store is opened only once every
    /// file was read and every unit built (a failed import creates no file), and the write
    /// itself is one transaction.
    /// - Throws: `BoundaryImportError` or `FormatError` for bad input (naming file and feature),
    ///   `GEOSError` for library failures, the store's errors for write failures.
    /// - Parameter verifyLevels: also have GEOS validate every dissolved bureau before the write
    ///   commits (any invalid one is rebuilt with GEOS's union). Off by default: the dissolve is
    ///   exact on a coverage, the topology refuses groups whose borders do not close, and
    ///   `investmap check` validates the whole store; on a coverage whose borders cross without
    ///   shared vertices, this is what catches it.
    /// - Parameter fillFrom: coarser coverages of the same territory that fill the units the
    ///   files lack (`CoverageFill`): each unit of theirs whose key the files do not have is
    ///   added, conflated to the files' borders, and reported as filled.
    public func run(files: [URL], fillFrom: [URL] = [], edition explicitEdition: String?, verifyLevels: Bool = false,
                    openStore: () throws -> BoundaryStore,
                    progress: (String) -> Void = { _ in }) throws -> BoundaryImportSummary {
        guard !files.isEmpty else { throw BoundaryImportError(file: "-", reason: "no input files") }
        let clock = ContinuousClock()
        var timings: [(String, Duration)] = []
        var stageStart = clock.now
        func lap(_ name: String) {
            let now = clock.now
            timings.append((name, stageStart.duration(to: now)))
            stageStart = now
        }

        // 1. Read and group parts by code; validate units on the second core as they complete.
        let validation = ValidationPipeline()
        let (assembler, primarySources) = try read(files, validation: validation)
        var sources = primarySources
        guard !assembler.units.isEmpty else {
            throw BoundaryImportError(file: files.map(\.path).joined(separator: ", "), reason: "no boundary features found")
        }
        let edition = explicitEdition ?? Self.edition(fromFileName: files[0])
        progress("read \(assembler.featuresRead) features, \(assembler.partsRead) parts, \(assembler.units.count) units")
        lap("read")

        // 2. Validate and repair every unit (what the worker has not done yet, on both cores).
        let primaryUnits = assembler.units.values.sorted { $0.key < $1.key }
        let primaryRepaired = try validation.finish(primaryUnits)
        var report: [ImportReportRow] = assembler.readRepairs.map {
            ImportReportRow(kind: "repair", code: $0.key, detail: $0.note)
        }
        for (unit, result) in zip(primaryUnits, primaryRepaired) where result.repairNote != nil {
            report.append(ImportReportRow(kind: "repair", code: unit.code ?? unit.key,
                                          detail: "\(displayName(unit)): \(result.repairNote!)"))
        }
        lap("validate")

        // 2b. Units the files lack, filled from the coarser coverages.
        var units = primaryUnits, geometries = primaryRepaired
        var filledFrom: [String: URL] = [:]
        if !fillFrom.isEmpty {
            let fill = try fillMissing(from: fillFrom, primary: primaryUnits, repaired: primaryRepaired)
            units += fill.units
            geometries += fill.geometries
            for unit in fill.units { filledFrom[unit.key] = URL(fileURLWithPath: unit.file) }
            for (index, unit) in primaryUnits.enumerated() {
                if let changed = fill.changed[unit.key] { geometries[index].geometry = changed }
            }
            report += fill.report
            // The fill sources are sources of the store too (its boundary_imports table, the summary).
            sources += fill.sources
            progress("filled \(fill.units.count) units from \(fillFrom.map(\.lastPathComponent).joined(separator: ", "))")
            lap("fill")
        }
        // In key order, as the files' own units are.
        let order = units.indices.sorted { units[$0].key < units[$1].key }
        let (sourceUnits, repaired) = (order.map { units[$0] }, order.map { geometries[$0] })

        // 3. The N03-unit level (wards, municipalities, 所属未定地).
        var wards: [UnitRecord] = []
        var unassigned: [UnitRecord] = []
        for (unit, result) in zip(sourceUnits, repaired) {
            var record = try wardRecord(unit, result, edition: edition)
            if let source = filledFrom[unit.key] {
                record.fillSource = source.lastPathComponent
                record.fillEdition = Self.edition(fromFileName: source)
            }
            if unit.code == nil { unassigned.append(record) } else { wards.append(record) }
        }

        // 4. Roll-ups by coverage dissolve, on other threads while the N03 units are written.
        let rollUp = RollUp(reference: reference, census: census, edition: edition)
        let ordinaryMunicipalities = rollUp.ordinaryMunicipalities(wards)
        let (wardUnits, unassignedUnits) = (wards, unassigned)
        let dissolving = BackgroundWork { () -> (RollUp.Dissolved, RollUp.Levels) in
            let dissolved = rollUp.dissolve(wards: wardUnits, unassigned: unassignedUnits)
            return (dissolved, try rollUp.levels(from: dissolved, suspect: []))
        }
        // With verifyLevels, GEOS then checks the dissolved bureaus; the write commits only if
        // they are all valid, and is redone with the repaired groups if not.
        let verification = verifyLevels ? BackgroundWork { try rollUp.suspectBureaus(dissolving.wait().0) } : nil

        // 5. Census join report: codes that do not match, both ways.
        let baseReport = report + censusMismatches(wards: wards)

        // 6. Write, one transaction.
        let sourceRecords = sources.map { source in
            SourceRecord(file: source.member.map { "\(source.file)!\($0)" } ?? source.file, sha256: nil,
                         features: source.features, vertices: source.vertices)
        }
        let (levels, placement) = try write(into: try openStore(), edition: edition, sources: sourceRecords,
                               units: wards + unassigned + ordinaryMunicipalities, report: baseReport,
                               rollUp: rollUp, dissolving: dissolving, verification: verification)
        report = baseReport + levels.notes
        lap("dissolve and write")

        return BoundaryImportSummary(
            edition: edition, sources: sources, featuresRead: assembler.featuresRead, partsRead: assembler.partsRead,
            partsStored: wards.reduce(0) { $0 + $1.geometry.polygons.count } + unassigned.reduce(0) { $0 + $1.geometry.polygons.count },
            counts: [
                .ward: wards.count, .unassigned: unassigned.count, .municipality: ordinaryMunicipalities.count + levels.cityMunicipalities.count,
                .designatedCity: levels.designatedCities.count, .prefecture: levels.prefectures.count, .bureau: levels.bureaus.count,
            ],
            report: report, timings: timings, placement: placement)
    }

    /// Reads every file, grouping parts into units by code and handing each finished unit to
    /// `validation` (the second core validates while the first reads), when there is one.
    private func read(_ files: [URL], validation: ValidationPipeline?) throws -> (UnitAssembler, [SourceSummary]) {
        var assembler = UnitAssembler()
        var sources: [SourceSummary] = []
        var currentKey: String?
        for file in files {
            let name = file.path
            sources += try BoundarySource.read(file) { feature in
                let key = try assembler.add(feature, file: name)
                if let previous = currentKey, previous != key {
                    validation?.submit(key: previous, polygons: assembler.units[previous]!.polygons)
                }
                currentKey = key
            }
        }
        return (assembler, sources)
    }

    /// Writes the N03 units and the dissolved levels in one transaction; with a verification,
    /// the write commits only if every dissolved bureau is valid, and is redone with the
    /// repaired groups if not. Returns the levels written.
    private func write(into store: BoundaryStore, edition: String, sources: [SourceRecord], units: [UnitRecord], report: [ImportReportRow],
                       rollUp: RollUp, dissolving: BackgroundWork<(RollUp.Dissolved, RollUp.Levels)>,
                       verification: BackgroundWork<Set<String>>?) throws -> (RollUp.Levels, BoundaryPlacement) {
        var levels: RollUp.Levels?
        var placement = BoundaryPlacement.asDefault
        func write(_ derived: @escaping () throws -> RollUp.Levels) throws {
            placement = try store.replaceBoundaries(
                edition: edition, sources: sources,
                batches: [
                    { units },
                    {
                        let l = try derived()
                        levels = l
                        return l.cityMunicipalities + l.designatedCities + l.prefectures + l.bureaus
                    },
                ],
                report: { report + levels!.notes })
        }
        do {
            try write {
                if let verification, try !verification.wait().isEmpty { throw LevelsNeedRepair() }
                return try dissolving.wait().1
            }
        } catch is LevelsNeedRepair {
            let repaired = try rollUp.levels(from: dissolving.wait().0, suspect: verification!.wait())
            try write { repaired }
        }
        return (levels!, placement)
    }

    /// The units of `files` whose keys the primary lacks, conflated to the primary's borders;
    /// the primary units whose borders gained vertices; and the report rows: one per filled
    /// unit, and the differences between the editions (codes named differently, codes only in
    /// one of them).
    private func fillMissing(from files: [URL], primary: [SourceUnit], repaired: [RepairedGeometry])
        throws -> (units: [SourceUnit], geometries: [RepairedGeometry], changed: [String: Geometry], report: [ImportReportRow],
                   sources: [SourceSummary]) {
        // Only the units the primary lacks are validated (the others' geometry is not used).
        let (assembler, sources) = try read(files, validation: nil)
        let secondary = assembler.units.values.sorted { $0.key < $1.key }
        let primaryByKey = Dictionary(uniqueKeysWithValues: primary.map { ($0.key, $0) })
        var report: [ImportReportRow] = []
        var missingUnits: [String: SourceUnit] = [:]
        for unit in secondary {
            if let own = primaryByKey[unit.key] {
                if let code = unit.code, displayName(own) != displayName(unit) {
                    report.append(ImportReportRow(kind: "edition difference", code: code,
                                                  detail: "\(displayName(own)) here, \(displayName(unit)) in \(unit.firstSeen)"))
                }
            } else {
                missingUnits[unit.key] = unit
            }
        }
        let lacking = secondary.filter { missingUnits[$0.key] != nil }
        let missing = zip(lacking, try ValidationPipeline().finish(lacking)).map { (key: $0.key, geometry: $1.geometry) }
        let secondaryKeys = Set(secondary.map(\.key))
        for unit in primary where unit.code != nil && !secondaryKeys.contains(unit.key) {
            report.append(ImportReportRow(kind: "edition difference", code: unit.code!,
                                          detail: "\(displayName(unit)): not in \(files.map(\.lastPathComponent).joined(separator: ", "))"))
        }
        guard !missing.isEmpty else {
            throw BoundaryImportError(file: files.map(\.path).joined(separator: ", "),
                                      reason: "the fill source has no unit the primary lacks: nothing to fill")
        }
        let primaryGeometries = Dictionary(uniqueKeysWithValues: zip(primary, repaired).map { ($0.key, $1.geometry) })
        let (filled, changed) = try CoverageFill().fill(primary: primaryGeometries, missing: missing)
        var units: [SourceUnit] = [], geometries: [RepairedGeometry] = []
        for outcome in filled {
            var unit = missingUnits[outcome.key]!
            unit.polygons = outcome.geometry.polygons
            // More than a sliver of it lay on primary units: not the same territory's coverage.
            if outcome.cutArea > 0.2 * outcome.sourceArea {
                throw BoundaryImportError(file: unit.firstSeen, reason: "\(displayName(unit)) (\(unit.key)) overlaps the primary's units by "
                    + "\(Int((outcome.cutArea / outcome.sourceArea * 100).rounded())) % of its area: not a coverage of the same territory "
                    + "(another projection or the wrong file?)")
            }
            units.append(unit)
            geometries.append(RepairedGeometry(geometry: outcome.geometry, repairNote: nil))
            let change = (outcome.area / outcome.sourceArea - 1) * 100
            report.append(ImportReportRow(kind: "fill", code: unit.code ?? unit.key, detail: "\(displayName(unit)): from \(unit.firstSeen) "
                + "(edition \(Self.edition(fromFileName: URL(fileURLWithPath: unit.firstSeen)))), coarser than the rest; "
                + "conflated to \(outcome.neighbours.count) neighbours' borders, area \(change >= 0 ? "+" : "")\(String(format: "%.2f", change)) % "
                + "of the source's (\(String(format: "%.2f", outcome.cutArea / outcome.sourceArea * 100)) % cut where it overlapped, "
                + "\(String(format: "%.2f", outcome.addedArea / outcome.sourceArea * 100)) % added in slivers)"))
        }
        return (units, geometries, changed, report, sources)
    }

    /// The edition named in an N03 file name ("N03-22_220101_fullres.geojson" → "N03-22_220101",
    /// "N03-20240101_GML.zip" → "N03-20240101"), else the file's base name.
    public static func edition(fromFileName url: URL) -> String {
        let base = url.lastPathComponent
        if let match = base.firstMatch(of: /N03-(\d{2}_\d{6}|\d{8})/) {
            return String(match.0)
        }
        return url.deletingPathExtension().lastPathComponent
    }

    // MARK: - Records

    private func displayName(_ unit: SourceUnit) -> String {
        let p = unit.properties
        let city = (p["N03_003"] ?? nil) ?? ""
        let name = (p["N03_004"] ?? nil) ?? ""
        if let code = unit.code, reference.designatedCity(containingWard: code) != nil {
            return city + name
        }
        if unit.code == nil {
            return name.isEmpty ? "所属未定地" : name
        }
        return name.isEmpty ? city : name
    }

    private func wardRecord(_ unit: SourceUnit, _ result: RepairedGeometry, edition: String) throws -> UnitRecord {
        let prefecture: Prefecture
        if let code = unit.code {
            guard let p = reference.prefecture(code: String(code.prefix(2))) else {
                throw BoundaryImportError(file: unit.firstSeen, reason: "code \(code): no prefecture \(code.prefix(2))")
            }
            prefecture = p
        } else {
            let name = (unit.properties[UnitAssembler.prefectureProperty] ?? nil) ?? ""
            guard let p = reference.prefecture(named: name) else {
                throw BoundaryImportError(file: unit.firstSeen, reason: "unknown prefecture name \(name)")
            }
            prefecture = p
        }
        // The census follows the code changes: a unit whose territory it lists under another
        // vintage's code (浜松市天竜区 22137 as 22140) takes that row.
        let entry = unit.code.flatMap { census?[$0] ?? reference.codeChanges.sameTerritory($0).flatMap { census?[$0] } }
        return UnitRecord(
            code: unit.code, name: displayName(unit), level: unit.code == nil ? .unassigned : .ward,
            prefectureCode: prefecture.code, prefectureName: prefecture.name,
            cityCode: unit.code.map { reference.cityCode(for: $0) }, bureauID: prefecture.bureauID,
            n03: unit.properties.filter { $0.key.hasPrefix("N03_") }, edition: edition,
            population: entry?.population, households: entry?.households,
            sourceParts: unit.polygons.count, repairNote: result.repairNote, geometry: result.geometry)
    }

    private func censusMismatches(wards: [UnitRecord]) -> [ImportReportRow] {
        guard let census else {
            return [ImportReportRow(kind: "census_absent", code: nil, detail: "no census table found; population left empty")]
        }
        var rows: [ImportReportRow] = []
        let boundaryCodes = Set(wards.compactMap(\.code))
        // Codes the census table and the boundaries give in different vintages, matched through
        // the code changes table (浜松市: seven wards in the boundaries, the 2024 three in the table).
        var matchedByChange: Set<String> = []
        for ward in wards where census[ward.code!] == nil {
            if let same = reference.codeChanges.sameTerritory(ward.code!), let entry = census[same] {
                matchedByChange.insert(same)
                rows.append(ImportReportRow(kind: "census_vintage", code: ward.code,
                                            detail: "\(ward.name): the census table has the same territory as \(same) \(entry.name) "
                                                + "(GeoData/code_changes.csv); its population is taken from there"))
                continue
            }
            let other = reference.codeChanges.related(ward.code!).filter { census[$0] != nil }.sorted()
            if other.isEmpty {
                rows.append(ImportReportRow(kind: "census_missing", code: ward.code,
                                            detail: "\(ward.name): in the boundaries, not in the 2020 census table"))
            } else {
                matchedByChange.formUnion(other)
                rows.append(ImportReportRow(kind: "census_vintage", code: ward.code,
                                            detail: "\(ward.name): the census table has it in another vintage, as "
                                                + other.map { "\($0) \(census[$0]!.name)" }.joined(separator: ", ")
                                                + " (GeoData/code_changes.csv); its population is left empty"))
            }
        }
        let unitLevels: Set<CensusPopulation.Level> = [.municipality, .specialWard, .designatedCityWard]
        for entry in census.entries where unitLevels.contains(entry.level) && !boundaryCodes.contains(entry.code5)
            && !matchedByChange.contains(entry.code5) {
            rows.append(ImportReportRow(kind: "census_unmatched", code: entry.code5,
                                        detail: "\(entry.name): in the 2020 census table (\(entry.level.rawValue)), not in the boundaries"))
        }
        return rows
    }
}

/// Thrown inside the write transaction when the background check found dissolved groups that
/// need GEOS's repair: the transaction rolls back and the write is redone.
private struct LevelsNeedRepair: Error {}
