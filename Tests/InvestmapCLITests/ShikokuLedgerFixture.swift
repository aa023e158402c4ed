import Foundation
import GeoCore
import TestSupport

/// A store for the query and gap-map tests: the shared simplified national TopoJSON with a
/// hand-made edition "hand" — one project at a real town point of every municipality of
/// 四国経済産業局 except the three prefectural capitals 高松市, 松山市 and 高知市 (known gaps), and
/// one cluster site in 高松市.
enum ShikokuLedgerFixture {
    static let knownGaps: Set<String> = ["37201", "38201", "39201"]
    static let takamatsuSite = Coordinate(x: 134.0465, y: 34.3401)
    static let environment = ["INVESTMAP_GEODATA": TestPaths.repositoryRoot.appendingPathComponent("GeoData").path]

    /// Builds the store at `db`, its ledger files in `folder`.
    static func build(db: String, folder: URL) throws {
        // The decompressed town points (Scripts/test sets INVESTMAP_TOWN_POINTS); the first point
        // of each Shikoku municipality, the capitals left out.
        let points = try String(contentsOf: TestData.sharedFile("points/town_points.csv.xz", environmentKey: "INVESTMAP_TOWN_POINTS"), encoding: .utf8)
        var ledger = "id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source\n"
        var seen = Set<String>()
        for line in points.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let code = f[0]
            guard ["36", "37", "38", "39"].contains(String(code.prefix(2))), !knownGaps.contains(code), seen.insert(code).inserted else { continue }
            ledger += "Q\(code),\(f[2]) 試験案件,C,,100000000,3,operating,2026-04-01,\(f[6]),\(f[5]),\(code),hand-made test row\n"
        }
        try ledger.write(to: folder.appendingPathComponent("ledger.csv"), atomically: true, encoding: .utf8)
        try "id,name,plan,fields,status,lon,lat,wkt\nS1,高松 試験拠点,B,ai_semiconductors,operating,\(takamatsuSite.x),\(takamatsuSite.y),\n"
            .write(to: folder.appendingPathComponent("sites.csv"), atomically: true, encoding: .utf8)
        try CLI.runAll([["import", "boundaries", try TestData.sharedFile("geodata/N03-21_210101_s0010.topojson").path, "--db", db],
                        ["edition", "create", "hand", "--note", "hand-made test ledger", "--db", db],
                        ["import", "investments", folder.appendingPathComponent("ledger.csv").path, "--edition", "hand", "--db", db],
                        ["import", "sites", folder.appendingPathComponent("sites.csv").path, "--edition", "hand", "--db", db]],
                       environment: environment)
    }
}
