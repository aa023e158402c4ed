import GeoCore
import Reference
import BoundaryStore

/// Builds the levels above the N03 unit by dissolving it: designated-city wards into their city,
/// N03 units (with 所属未定地) into prefectures, prefectures into bureau blocks.
struct RollUp: Sendable {
    let reference: ReferenceTables
    let census: CensusPopulation?
    let edition: String

    init(reference: ReferenceTables, census: CensusPopulation?, edition: String) {
        self.reference = reference
        self.census = census
        self.edition = edition
    }

    struct Levels: Sendable {
        var designatedCities: [UnitRecord]
        /// The designated cities again, as municipalities (the rest of that level is
        /// `ordinaryMunicipalities`).
        var cityMunicipalities: [UnitRecord]
        var prefectures: [UnitRecord]
        var bureaus: [UnitRecord]
        var notes: [ImportReportRow]
    }

    fileprivate struct Task: Sendable {
        var level: UnitLevel
        var code: String
        var members: [UnitRecord]
    }

    /// The dissolved groups of every level, straight from the topology (not yet checked).
    struct Dissolved: Sendable {
        fileprivate var cities: [(Task, [Polygon]?)]
        fileprivate var prefectures: [(Task, [Polygon]?)]
        fileprivate var bureaus: [(Task, [Polygon]?)]
        var overlapNotes: [ImportReportRow]
    }

    /// Dissolves the N03 units into cities, prefectures and bureaus through one topology.
    func dissolve(wards: [UnitRecord], unassigned: [UnitRecord]) -> Dissolved {
        let faces = wards + unassigned
        let topology = CoverageTopology(faces: faces.map(\.geometry.polygons), keepingRings: false)
        let overlapNotes = topology.overlaps.prefix(100).map { overlap in
            ImportReportRow(kind: "overlap", code: faces[overlap.first].code,
                            detail: "\(faces[overlap.first].name) and \(faces[overlap.second].code ?? "-") "
                                + "\(faces[overlap.second].name) overlap near \(overlap.at)")
        }
        return Dissolved(
            cities: dissolve(topology, faces, level: .designatedCity, keys: reference.designatedCities.map(\.code5)) { unit in
                unit.code.flatMap { reference.designatedCity(containingWard: $0)?.code5 }
            },
            prefectures: dissolve(topology, faces, level: .prefecture, keys: reference.prefectures.map(\.code)) {
                $0.prefectureCode
            },
            bureaus: dissolve(topology, faces, level: .bureau, keys: reference.bureaus.map(\.id)) { $0.bureauID },
            overlapNotes: overlapNotes)
    }

    /// The bureaus whose dissolved geometry GEOS finds invalid (or that the topology could not
    /// close). A bureau that is fine vouches for the cities and prefectures inside it: their
    /// edges are its own plus borders that cancelled exactly, so a crossing anywhere inside would
    /// show in the bureau.
    func suspectBureaus(_ dissolved: Dissolved) throws -> Set<String> {
        let problems = try dissolved.bureaus.concurrentMap { task, polygons -> String? in
            guard let polygons else { return task.code }
            return try GEOSGeometry(.multiPolygon(polygons), context: GEOSContext()).isValid() ? nil : task.code
        }
        return Set(problems.compactMap { $0 })
    }

    /// The levels' records. Groups of `suspect` bureaus (and any group the topology could not
    /// close) go through `CoverageDissolve.check`, which falls back to GEOS's union.
    func levels(from dissolved: Dissolved, suspect: Set<String>) throws -> Levels {
        var notes = dissolved.overlapNotes
        let all = dissolved.cities + dissolved.prefectures + dissolved.bureaus
        let outcomes = try all.concurrentMap { task, polygons -> (Task, CoverageDissolve.Outcome) in
            if let polygons, !suspect.contains(task.members[0].bureauID ?? "") {
                return (task, CoverageDissolve.Outcome(geometry: .multiPolygon(polygons), note: nil))
            }
            return (task, try CoverageDissolve.check(polygons, members: task.members.map(\.geometry), context: GEOSContext()))
        }
        var levelRecords: [UnitLevel: [UnitRecord]] = [:]
        for (task, outcome) in outcomes {
            let record = try record(for: task, outcome)
            if let note = outcome.note {
                notes.append(ImportReportRow(kind: "dissolve", code: task.code, detail: "\(record.name): \(note)"))
            }
            levelRecords[task.level, default: []].append(record)
        }
        let designatedCities = levelRecords[.designatedCity] ?? []
        return Levels(designatedCities: designatedCities,
                      cityMunicipalities: designatedCities.map { city -> UnitRecord in
                          var m = city
                          m.level = .municipality
                          return m
                      },
                      prefectures: levelRecords[.prefecture] ?? [], bureaus: levelRecords[.bureau] ?? [], notes: notes)
    }

    /// The municipality-level records that need no dissolve: every N03 unit that is not a
    /// designated-city ward, as it is.
    func ordinaryMunicipalities(_ wards: [UnitRecord]) -> [UnitRecord] {
        wards.filter { reference.designatedCity(containingWard: $0.code!) == nil }.map { ward -> UnitRecord in
            var m = ward
            m.level = .municipality
            return m
        }
    }

    /// Dissolves the faces grouped by `key(unit)` (nil: in no group). Groups come back in the
    /// order of `keys`, empty ones left out; nil polygons where the topology could not close a
    /// group's boundary.
    private func dissolve(_ topology: CoverageTopology, _ faces: [UnitRecord], level: UnitLevel, keys: [String],
                          key: (UnitRecord) -> String?) -> [(Task, [Polygon]?)] {
        let index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, Int32($0)) })
        let group = faces.map { unit in key(unit).flatMap { index[$0] } ?? -1 }
        var members = [[UnitRecord]](repeating: [], count: keys.count)
        for (face, g) in group.enumerated() where g >= 0 { members[Int(g)].append(faces[face]) }
        let dissolved = topology.dissolve(group: group, groupCount: keys.count)
        return keys.indices.filter { !members[$0].isEmpty }.map {
            (Task(level: level, code: keys[$0], members: members[$0]), dissolved[$0])
        }
    }

    private func record(for task: Task, _ outcome: CoverageDissolve.Outcome) throws -> UnitRecord {
        var record = try unfilledRecord(for: task, outcome)
        // Some of it was filled from a coarser coverage: it says from which.
        record.fillSource = UnitRecord.listed(task.members.flatMap(\.fillSources))
        record.fillEdition = UnitRecord.listed(task.members.flatMap(\.fillEditions))
        return record
    }

    private func unfilledRecord(for task: Task, _ outcome: CoverageDissolve.Outcome) throws -> UnitRecord {
        let parts = task.members.reduce(0) { $0 + $1.sourceParts }
        switch task.level {
        case .designatedCity:
            let city = reference.designatedCities.first { $0.code5 == task.code }!
            let entry = census?[task.code]
            let first = task.members[0]
            return UnitRecord(code: task.code, name: city.name, level: .designatedCity,
                              prefectureCode: first.prefectureCode, prefectureName: first.prefectureName,
                              cityCode: task.code, bureauID: first.bureauID, n03: [:], edition: edition,
                              population: entry?.population, households: entry?.households,
                              sourceParts: parts, repairNote: outcome.note, geometry: outcome.geometry)
        case .prefecture:
            let prefecture = reference.prefecture(code: task.code)!
            let entry = census?[task.code + "000"]
            return UnitRecord(code: task.code, name: prefecture.name, level: .prefecture,
                              prefectureCode: task.code, prefectureName: prefecture.name,
                              cityCode: nil, bureauID: prefecture.bureauID, n03: [:], edition: edition,
                              population: entry?.population, households: entry?.households,
                              sourceParts: parts, repairNote: outcome.note, geometry: outcome.geometry)
        default:
            let bureau = reference.bureaus.first { $0.id == task.code }!
            let population = task.members.contains { $0.population == nil } ? nil
                : task.members.reduce(0.0) { $0 + $1.population! }
            let households = task.members.contains { $0.households == nil } ? nil
                : task.members.reduce(0.0) { $0 + $1.households! }
            return UnitRecord(code: task.code, name: bureau.name, level: .bureau,
                              prefectureCode: nil, prefectureName: nil, cityCode: nil, bureauID: task.code,
                              n03: [:], edition: edition, population: population, households: households,
                              sourceParts: parts, repairNote: outcome.note, geometry: outcome.geometry)
        }
    }
}
