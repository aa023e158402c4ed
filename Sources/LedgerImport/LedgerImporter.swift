import Foundation
import GeoCore
import GeoFormats
import Reference
import Ledger
import BoundaryStore
import SpatialJoin
import LedgerStatistics

/// `investmap import investments|sites FILE --edition E`: reads and validates a ledger file,
/// joins every accepted row to the full-resolution units, and writes the file into the edition
/// in one transaction. Every row is accepted or rejected with its line and reason; rows in =
/// accepted + rejected. Importing the same file again changes nothing.
public struct LedgerImporter {
    public let store: BoundaryStore
    public let reference: ReferenceTables
    /// How far from every unit a point may lie (ports, offshore wind) and still be joined to the
    /// nearest unit, flagged; farther points are rejected.
    public let maxSeaDistanceKm: Double

    public init(store: BoundaryStore, reference: ReferenceTables, maxSeaDistanceKm: Double = 5) {
        self.store = store
        self.reference = reference
        self.maxSeaDistanceKm = maxSeaDistanceKm
    }

    /// Imports investment projects.
    /// - Parameters:
    ///   - replaceAll: the file is the edition's whole ledger: projects not in it are removed.
    /// - Throws: `DataFileError` for a file that cannot be read as a ledger; `StoreError` for an
    ///   edition that does not exist or is published, or a failed write (then nothing changed).
    ///   - limits: the size limits of the file, its lines and its cells.
    ///   - geocoder: makes the address geocoder, for files with addresses or names; called once
    ///     per geocoding thread, each call making a geocoder that shares nothing with the others.
    ///   - beforeWrite: called with every rejection once all is read and joined, just before the
    ///     write: a caller writes its other outputs here, so that a failure there (an unwritable
    ///     rejects file) leaves the store as it was. What it throws is rethrown.
    public func importProjects(from url: URL, displayName: String, edition: String, replaceAll: Bool = false,
                               limits: LedgerLimits = LedgerLimits(), columnMap: LedgerColumnMap = LedgerColumnMap(), sheet: String? = nil,
                               geocoder: @escaping @Sendable () throws -> any AddressLocating = { throw LedgerImportError.noGeocoder },
                               beforeWrite: ([LedgerRejection]) throws -> Void = { _ in }) throws -> LedgerImportSummary {
        // Refuse early, before any work, when the edition cannot take the rows.
        try requireDraft(edition, operation: "import investments")
        let read = try LedgerReader.readProjects(at: url, displayName: displayName, reference: reference, limits: limits,
                                                 columnMap: columnMap, sheet: sheet)
        let clock = ContinuousClock()
        let started = clock.now
        var rejections = read.rejections
        var placer = try ProjectPlacer(store: store, reference: reference, geocoder: geocoder)
        var placed: [(line: Int, input: ProjectInput, placement: ProjectPlacer.Placement)] = []
        placed.reserveCapacity(read.rows.count)
        for ((line, input), placement) in zip(read.rows, try placer.place(read.rows.map(\.value))) {
            switch placement {
            case .success(let placement): placed.append((line, input, placement))
            case .failure(let problem):
                rejections.append(LedgerRejection(file: displayName, line: line, id: input.attributes.id, reason: problem.reason,
                                                  sheet: read.sheet))
            }
        }
        let locations = try locate(placed.map(\.placement.location))
        let joinSeconds = Self.seconds(started.duration(to: clock.now))
        var accepted: [(project: InvestmentProject, join: LedgerJoin)] = []
        var notes: [LedgerRejection] = []
        var precisionCounts: [LocationPrecision: Int] = [:]
        let knownCodes = try self.knownCodes()
        for ((line, input, placement), location) in zip(placed, locations) {
            let project = InvestmentProject(input.attributes, location: placement.location, precision: placement.precision)
            if let declared = project.declaredCode, !knownCodes.contains(declared.code5) {
                rejections.append(LedgerRejection(
                    file: displayName, line: line, id: project.id,
                    reason: "code \(declared.code5): no municipality of the boundaries or of the code changes table has it", sheet: read.sheet))
                continue
            }
            guard var join = join(location, declared: project.declaredCode) else {
                rejections.append(LedgerRejection(
                    file: displayName, line: line, id: project.id,
                    reason: String(format: "lon/lat %.6f, %.6f: no municipality within %g km", project.location.x, project.location.y, maxSeaDistanceKm),
                    sheet: read.sheet))
                continue
            }
            // A case known only by its designated city is the city's, not the ward its
            // representative point happens to lie in.
            if placement.unitIsDesignatedCity { join.wardCode = nil }
            if let note = placement.note {
                notes.append(LedgerRejection(file: displayName, line: line, id: project.id, reason: note, sheet: read.sheet))
            }
            precisionCounts[placement.precision, default: 0] += 1
            accepted.append((project, join))
        }
        rejections.sort { ($0.line, $0.reason) < ($1.line, $1.reason) }
        let record = LedgerImportRecord(
            edition: edition, kind: .investments, file: displayName, sha256: try FileDigest.sha256(of: url),
            encoding: read.encoding?.rawValue, rowsRead: read.rowsRead, accepted: accepted.count, rejected: rejections.count)
        try beforeWrite(rejections)
        let written = try store.writeProjects(accepted, record: record, replaceAll: replaceAll)
        // Per-km² statistics need the units' areas: measured once per boundary edition, here,
        // where the store is open for writing (`stats` only reads).
        _ = try UnitAreas.areas(in: store)
        return LedgerImportSummary(
            file: displayName, edition: edition, kind: .investments, encoding: read.encoding?.rawValue, rowsRead: read.rowsRead,
            accepted: accepted.count, rejections: rejections, written: written,
            nearestFromSea: accepted.filter { $0.join.match == .nearest }.count,
            codeMismatches: accepted.filter(\.join.codeMismatch).count,
            unassigned: accepted.filter { $0.join.match == .unassigned }.count,
            ignoredColumns: read.ignoredColumns, joinSeconds: joinSeconds,
            precisionCounts: precisionCounts, locationNotes: notes)
    }

    /// Imports cluster sites: point sites are joined like projects; polygon sites to every unit
    /// they overlap, by area of overlap on the ellipsoid (the largest overlap is their unit).
    public func importSites(from url: URL, displayName: String, edition: String, replaceAll: Bool = false,
                            limits: LedgerLimits = LedgerLimits(), sheet: String? = nil,
                            beforeWrite: ([LedgerRejection]) throws -> Void = { _ in }) throws -> LedgerImportSummary {
        try requireDraft(edition, operation: "import sites")
        let read = try LedgerReader.readSites(at: url, displayName: displayName, reference: reference, limits: limits, sheet: sheet)
        let clock = ContinuousClock()
        let started = clock.now
        let overlapper = try SiteOverlap(store: store)
        var rejections = read.rejections
        var accepted: [(site: ClusterSite, join: LedgerJoin, overlaps: [(wardCode: String, overlapM2: Double, share: Double)])] = []
        let points = read.rows.compactMap { row -> Coordinate? in
            if case .point(let c) = row.value.geometry { return c }
            return nil
        }
        var pointLocations = try locate(points).makeIterator()
        for (line, site) in read.rows {
            if case .point = site.geometry {
                let location = pointLocations.next()!
                guard let join = join(location, declared: nil) else {
                    rejections.append(LedgerRejection(file: displayName, line: line, id: site.id,
                                                      reason: "no municipality within \(maxSeaDistanceKm) km of the site"))
                    continue
                }
                accepted.append((site, join, []))
                continue
            }
            let overlaps = try overlapper.overlaps(site.geometry)
            guard let largest = overlaps.first, let unit = overlapper.unit(code: largest.wardCode) else {
                rejections.append(LedgerRejection(file: displayName, line: line, id: site.id, reason: "the site's polygon overlaps no municipality"))
                continue
            }
            let join = LedgerJoin(wardCode: unit.code, municipalityCode: unit.cityCode, prefectureCode: unit.prefectureCode,
                                  bureauID: unit.bureauID, match: .inside)
            accepted.append((site, join, overlaps))
        }
        let joinSeconds = Self.seconds(started.duration(to: clock.now))
        rejections.sort { ($0.line, $0.reason) < ($1.line, $1.reason) }
        let record = LedgerImportRecord(
            edition: edition, kind: .sites, file: displayName, sha256: try FileDigest.sha256(of: url),
            encoding: read.encoding?.rawValue, rowsRead: read.rowsRead, accepted: accepted.count, rejected: rejections.count)
        try beforeWrite(rejections)
        let written = try store.writeSites(accepted, record: record, replaceAll: replaceAll)
        return LedgerImportSummary(
            file: displayName, edition: edition, kind: .sites, encoding: read.encoding?.rawValue, rowsRead: read.rowsRead,
            accepted: accepted.count, rejections: rejections, written: written,
            nearestFromSea: accepted.filter { $0.join.match == .nearest }.count, codeMismatches: 0,
            unassigned: accepted.filter { $0.join.match == .unassigned }.count,
            ignoredColumns: read.ignoredColumns, joinSeconds: joinSeconds)
    }

    /// The codes a declared code may name: the stored units' (wards, municipalities,
    /// designated cities) and every code of the code changes table.
    private func knownCodes() throws -> Set<String> {
        var codes = reference.codeChanges.codes
        for level in [UnitLevel.ward, .municipality, .designatedCity] {
            codes.formUnion(try store.units(level, withGeometry: false).compactMap(\.code))
        }
        return codes
    }

    private func requireDraft(_ edition: String, operation: String) throws {
        let found = try store.edition(named: edition)
        if found.status == .published {
            throw StoreError.editionPublished(path: store.path, name: edition, operation: operation)
        }
    }

    /// Every point's location, in order: the coverage grid answers almost every point from
    /// the units' edges alone and hands the rest (on a border, at sea) to GEOS, so the answers
    /// are `PointLocator`'s.
    func locate(_ points: [Coordinate]) throws -> [PointLocation] {
        guard !points.isEmpty else { return [] }
        let locator = try CoverageGridLocator(store: store, maxSeaDistanceKm: maxSeaDistanceKm)
        return try locator.locate(points)
    }

    /// The join of one location; nil when no unit is within the sea distance.
    func join(_ location: PointLocation, declared: MunicipalityCode?) -> LedgerJoin? {
        let match: LedgerJoin.Match
        var distance: Double?
        switch location.match {
        case .inside: match = .inside
        case .unassigned: match = .unassigned
        case .nearest(let km):
            match = .nearest
            distance = km
        case .none: return nil
        }
        var mismatch = false
        if let declared {
            // A declared designated city matches any of its wards, and a code of another vintage
            // the unit it lies in became or came from (浜松市中央区 22138 in old 中区 22131).
            let changes = reference.codeChanges
            mismatch = ![location.municipalityCode, location.cityCode].contains {
                $0.map { changes.isConsistent(declared: declared.code5, located: $0) } ?? false
            }
        }
        return LedgerJoin(wardCode: location.municipalityCode, municipalityCode: location.cityCode,
                          prefectureCode: location.prefectureCode, bureauID: location.bureauID,
                          match: match, seaDistanceKm: distance, codeMismatch: mismatch)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
