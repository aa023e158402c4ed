import BoundaryImport
import BoundaryStore
import Foundation
import GeoCore
import LedgerImport
import Reference
import TestSupport
import XCTest

/// The store the store-based unit tests read: the committed fixture (`Tests/Fixtures`: the real
/// N03 boundaries of 岡山県 and the four Shikoku prefectures, with their 2020 census rows)
/// imported with `BoundaryImporter` and simplified at the tile scales z4–z6 and the national
/// scale, once per test run. It needs nothing from the shared folder.
///
/// Read the pristine store (`open()`); never write to it: a test that writes takes its own copy
/// (`copy(for:)`), optionally with a ledger (`withLedger`).
public enum FixtureStore {
    public static let boundaryFileName = "N03-21_210101_s0010_okayama_shikoku.topojson"
    public static let censusFileName = "population_2020_census_okayama_shikoku.csv"
    /// The boundary edition the import takes from the file name.
    public static let boundaryEdition = "N03-21_210101"
    /// The simplified scales built.
    public static let scales = ["z4", "z5", "z6", "national"]

    /// The committed TopoJSON.
    public static func boundaryFile() throws -> URL { try TestPaths.fixture(boundaryFileName) }

    /// The committed census rows.
    public static func censusFile() throws -> URL { try TestPaths.fixture(censusFileName) }

    /// The repository's GeoData tables.
    public static func reference() throws -> ReferenceTables { try ReferenceTables.load(from: TestPaths.geoData) }

    /// The fixture's census rows, as the importer joins them.
    public static func census() throws -> CensusPopulation { try CensusPopulation.load(from: censusFile()) }

    /// What the one import made: the store's path and the importer's summary.
    public struct Imported: @unchecked Sendable {
        public var path: String
        public var summary: BoundaryImportSummary
        public var simplified: [BoundarySimplifier.Outcome]
    }

    private static let fixture = TestFixture("fixture-store") { folder -> Imported in
        let path = folder.appendingPathComponent("fixture.gpkg").path
        let reference = try reference(), census = try census()
        let summary = try BoundaryImporter(reference: reference, census: census)
            .run(files: [boundaryFile()], edition: nil, openStore: { try BoundaryStore(path: path) })
        let simplified = try BoundarySimplifier(reference: reference, census: census)
            .run(store: try BoundaryStore(path: path), scales: scales.map(ScaleSpecification.parse), method: .visvalingam)
        return Imported(path: path, summary: summary, simplified: simplified)
    }

    /// The import, made on first use (a failure is thrown to every test that asks).
    public static func imported() throws -> Imported { try fixture.value() }

    /// The pristine store's path (read it; do not write).
    public static func path() throws -> String { try imported().path }

    /// The pristine store, read-only.
    public static func open() throws -> BoundaryStore { try BoundaryStore(path: path(), readOnly: true) }

    /// A writable copy of the pristine store in a fresh folder that goes when `test` ends.
    public static func copy(for test: XCTestCase, name: String = "store.gpkg") throws -> String {
        let target = try TemporaryFolder.url(for: test).appendingPathComponent(name)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: path()), to: target)
        return target.path
    }

    /// A writable copy (see `copy(for:)`) with draft edition `edition` holding the projects of
    /// `projectsCSV` (and the sites of `sitesCSV`), imported with `LedgerImporter`.
    public static func withLedger(for test: XCTestCase, edition: String = "test", note: String? = "fictional test ledger",
                                  projectsCSV: String, sitesCSV: String? = nil) throws -> (store: BoundaryStore, folder: URL) {
        let path = try copy(for: test)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let store = try BoundaryStore(path: path)
        _ = try store.createEdition(edition, note: note)
        try importLedger(into: store, edition: edition, projectsCSV: projectsCSV, sitesCSV: sitesCSV, folder: folder)
        return (store, folder)
    }

    /// Imports `projectsCSV` (and `sitesCSV`) into the draft `edition` of `store` with
    /// `LedgerImporter`, through files written in `folder`; fails when a row is rejected.
    public static func importLedger(into store: BoundaryStore, edition: String, projectsCSV: String, sitesCSV: String? = nil,
                                    folder: URL) throws {
        let importer = LedgerImporter(store: store, reference: try reference())
        let projects = folder.appendingPathComponent("projects-\(edition).csv")
        try Data(projectsCSV.utf8).write(to: projects)
        let summary = try importer.importProjects(from: projects, displayName: projects.lastPathComponent, edition: edition)
        guard summary.rejections.isEmpty else {
            throw FixtureLedgerError(description: "the fixture ledger's projects must all be accepted: \(summary.rejections)")
        }
        if let sitesCSV {
            let sites = folder.appendingPathComponent("sites-\(edition).csv")
            try Data(sitesCSV.utf8).write(to: sites)
            let summary = try importer.importSites(from: sites, displayName: sites.lastPathComponent, edition: edition)
            guard summary.rejections.isEmpty else {
                throw FixtureLedgerError(description: "the fixture ledger's sites must all be accepted: \(summary.rejections)")
            }
        }
    }
}

/// Known places of the fixture, with the unit each lies in (checked against the boundaries).
public enum FixturePlaces {
    public struct Place: Sendable {
        public var name: String
        public var location: Coordinate
        /// The N03 unit (a ward of 岡山市, else the municipality).
        public var wardCode: String
        /// The municipality (the designated city for a ward).
        public var cityCode: String
        public var prefectureCode: String
        public var bureauID: String
    }

    /// The five prefectural offices.
    public static let okayamaOffice = Place(name: "岡山県庁", location: Coordinate(x: 133.9344, y: 34.6618),
                                            wardCode: "33101", cityCode: "33100", prefectureCode: "33", bureauID: "chugoku")
    public static let tokushimaOffice = Place(name: "徳島県庁", location: Coordinate(x: 134.5593, y: 34.0658),
                                              wardCode: "36201", cityCode: "36201", prefectureCode: "36", bureauID: "shikoku")
    public static let kagawaOffice = Place(name: "香川県庁", location: Coordinate(x: 134.0434, y: 34.3401),
                                           wardCode: "37201", cityCode: "37201", prefectureCode: "37", bureauID: "shikoku")
    public static let ehimeOffice = Place(name: "愛媛県庁", location: Coordinate(x: 132.7657, y: 33.8416),
                                          wardCode: "38201", cityCode: "38201", prefectureCode: "38", bureauID: "shikoku")
    public static let kochiOffice = Place(name: "高知県庁", location: Coordinate(x: 133.5311, y: 33.5597),
                                         wardCode: "39201", cityCode: "39201", prefectureCode: "39", bureauID: "shikoku")

    public static let offices = [okayamaOffice, tokushimaOffice, kagawaOffice, ehimeOffice, kochiOffice]

    /// The Pacific, about 100 km south of 足摺岬: no unit within any sea distance the tools allow.
    public static let openSea = Coordinate(x: 133.0, y: 31.9)

    /// Off 桂浜, about 3 km out in the Pacific: in no unit, but within the 5 km the tools allow
    /// of 高知市 (39201), so it is joined to it, flagged "nearest".
    public static let offCoast = Coordinate(x: 133.57, y: 33.47)
}

/// A row of a test's hand-made ledger was rejected: the test's fixture is wrong.
public struct FixtureLedgerError: Error, CustomStringConvertible {
    public var description: String
}
