import Foundation
import GeoFormats
import Reference
import TestSupport
import XCTest

final class ReferenceTablesTests: XCTestCase {
    func testTablesLoadWithExpectedCounts() throws {
        let tables = try TestPaths.loadTables()
        XCTAssertEqual(tables.prefectures.count, 47)
        XCTAssertEqual(tables.bureaus.count, 9)
        XCTAssertEqual(tables.designatedCities.count, 20)
        XCTAssertEqual(tables.strategicFields.count, 17)
        XCTAssertEqual(tables.planTypes.count, 3)
        XCTAssertEqual(tables.prefectures.map(\.code), (1...47).map { String(format: "%02d", $0) })
    }

    func testPrefectureLookups() throws {
        let tables = try TestPaths.loadTables()
        XCTAssertEqual(tables.prefecture(code: "13"), Prefecture(code: "13", name: "東京都", romaji: "Tokyo", bureauID: "kanto"))
        XCTAssertEqual(tables.prefecture(named: "京都府")?.code, "26")
        XCTAssertEqual(tables.prefecture(named: "兵庫県")?.romaji, "Hyogo")
        XCTAssertEqual(tables.prefecture(code: "01")?.name, "北海道")
        XCTAssertNil(tables.prefecture(code: "48"))
        XCTAssertNil(tables.prefecture(named: "東京"))
    }

    func testBureauBlocks() throws {
        let tables = try TestPaths.loadTables()
        XCTAssertEqual(tables.bureaus.map(\.id), ["hokkaido", "tohoku", "kanto", "chubu", "kinki", "chugoku", "shikoku", "kyushu", "okinawa"])
        XCTAssertEqual(tables.bureau(forPrefecture: "15")?.id, "kanto")   // 新潟
        XCTAssertEqual(tables.bureau(forPrefecture: "22")?.id, "kanto")   // 静岡
        XCTAssertEqual(tables.bureau(forPrefecture: "18")?.id, "kinki")   // 福井
        XCTAssertEqual(tables.bureau(forPrefecture: "24")?.id, "chubu")   // 三重
        XCTAssertEqual(tables.prefectures(inBureau: "chubu").map(\.name), ["富山県", "石川県", "岐阜県", "愛知県", "三重県"])
        XCTAssertEqual(tables.bureau(forPrefecture: "47")?.name, "沖縄総合事務局経済産業部")
        XCTAssertEqual(tables.bureau(id: "okinawa")?.nameEn, "Okinawa General Bureau, Economic and Industrial Department")
        XCTAssertEqual(tables.bureau(id: "hokkaido")?.nameEn, "Hokkaido Bureau of Economy, Trade and Industry")
        XCTAssertNil(tables.bureau(forPrefecture: "99"))
    }

    /// GeoData's prefecture → bureau mapping must agree with shared/reference/meti_bureaus.csv.
    func testBureauMappingAgreesWithMETITable() throws {
        let tables = try TestPaths.loadTables()
        let url = try TestData.sharedFile("reference/meti_bureaus.csv")
        var columns: CSVColumns?
        var rows = 0
        try CSVReader.forEachRecord(inFile: url) { line, fields in
            guard let columns else {
                columns = try CSVColumns(header: fields, required: ["pref_code", "pref", "bureau"], sourceName: "meti_bureaus.csv")
                return
            }
            let code = try columns.value("pref_code", in: fields, line: line)
            XCTAssertEqual(tables.prefecture(code: code)?.name, try columns.value("pref", in: fields, line: line), "line \(line)")
            XCTAssertEqual(tables.bureau(forPrefecture: code)?.name, try columns.value("bureau", in: fields, line: line), "line \(line)")
            rows += 1
        }
        XCTAssertEqual(rows, 47)
    }

    func testStrategicFieldsAndPlanTypes() throws {
        let tables = try TestPaths.loadTables()
        XCTAssertEqual(tables.strategicFields.map(\.name), [
            "AI・半導体", "造船", "量子", "合成生物学・バイオ", "航空・宇宙", "デジタル・サイバーセキュリティ",
            "コンテンツ", "フードテック", "資源・エネルギー安全保障・GX", "防災・国土強靱化", "創薬・先端医療",
            "フュージョンエネルギー", "マテリアル（重要鉱物・部素材）", "港湾ロジスティクス", "防衛産業", "情報通信", "海洋",
        ])
        XCTAssertEqual(tables.strategicFields.map(\.order), Array(1...17))
        for field in tables.strategicFields {
            XCTAssertTrue(field.id.utf8.allSatisfy { $0 == UInt8(ascii: "_") || ($0 >= 0x61 && $0 <= 0x7A) }, field.id)
        }
        XCTAssertEqual(tables.planTypes.map(\.id), ["A", "B", "C"])
        XCTAssertEqual(tables.planTypes.map(\.name), ["戦略産業クラスター計画", "地域産業クラスター計画", "地場産業成長プラン"])
        XCTAssertEqual(tables.planTypes.map(\.ledBy), ["national", "prefecture", "municipality"])
    }

    func testDesignatedCityLookups() throws {
        let tables = try TestPaths.loadTables()
        XCTAssertEqual(tables.designatedCities.map(\.code5), [
            "01100", "04100", "11100", "12100", "14100", "14130", "14150", "15100", "22100", "22130",
            "23100", "26100", "27100", "27140", "28100", "33100", "34100", "40100", "40130", "43100",
        ])
        XCTAssertEqual(tables.designatedCity(code5: "22130")?.wardCodes, 22131...22140)
        XCTAssertEqual(tables.designatedCity(containingWard: "23116")?.name, "名古屋市")
        XCTAssertEqual(tables.cityCode(for: "23116"), "23100")
        XCTAssertEqual(tables.cityCode(for: "22137"), "22130")  // 2021/2022 boundaries
        XCTAssertEqual(tables.cityCode(for: "22138"), "22130")  // 2024 layout (census)
        XCTAssertEqual(tables.cityCode(for: "23100"), "23100")
        XCTAssertEqual(tables.cityCode(for: "13101"), "13101")  // special ward: its own municipality
        XCTAssertEqual(tables.cityCode(for: "27101"), "27101")  // just below 大阪's range
        XCTAssertNil(tables.designatedCity(containingWard: "14100"))
        XCTAssertNil(tables.designatedCity(containingWard: "x"))
        XCTAssertTrue(tables.designatedCity(code5: "14100")!.containsWard("14118"))
    }

    /// Every ward in the N03-21 boundaries (N03_003 a city, N03_004 a ward) maps to the designated
    /// city named in N03_003, and every code that maps to a city is such a ward.
    func testEveryTopoJSONWardMapsToItsCity() throws {
        let tables = try TestPaths.loadTables()
        let url = try TestData.sharedFile("geodata/N03-21_210101_s0010.topojson")
        let topology = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let objects = topology["objects"] as! [String: Any]
        let collection = objects["N03-21_210101"] as! [String: Any]
        let geometries = collection["geometries"] as! [[String: Any]]
        XCTAssertEqual(geometries.count, 1906)
        var wards = Set<String>()
        for (index, geometry) in geometries.enumerated() {
            let properties = geometry["properties"] as! [String: Any]
            guard let code = properties["N03_007"] as? String else { continue }
            let county = properties["N03_003"] as? String
            let unit = properties["N03_004"] as? String ?? ""
            let isWard = county?.hasSuffix("市") == true && unit.hasSuffix("区")
            let city = tables.designatedCity(containingWard: code)
            if isWard {
                wards.insert(code)
                XCTAssertEqual(city?.name, county, "geometry \(index) \(code) \(unit)")
                XCTAssertEqual(city?.prefectureCode, String(code.prefix(2)), "geometry \(index) \(code)")
            } else {
                XCTAssertNil(city, "geometry \(index) \(code) \(county ?? "") \(unit) is not a ward but lies in a ward range")
            }
        }
        XCTAssertEqual(wards.count, 175)
    }

    /// Every ward in the census table maps to its parent city, Hamamatsu's 2024 wards included.
    func testEveryCensusWardMapsToItsParent() throws {
        let tables = try TestPaths.loadTables()
        let census = try CensusPopulation.load(from: try TestData.sharedFile(CensusPopulation.sharedRelativePath))
        var wards = 0
        for entry in census.entries {
            if entry.level == .designatedCityWard {
                XCTAssertEqual(tables.cityCode(for: entry.code5), entry.parentCode5, entry.code5)
                wards += 1
            } else {
                XCTAssertNil(tables.designatedCity(containingWard: entry.code5), "\(entry.code5) \(entry.name)")
            }
            if entry.level == .designatedCity {
                XCTAssertEqual(tables.designatedCity(code5: entry.code5)?.name, entry.name)
            }
        }
        XCTAssertEqual(wards, 171)
    }

    func testLocateGeoDataHonoursEnvironment() throws {
        let found = try ReferenceTables.locateGeoData(environment: ["INVESTMAP_GEODATA": TestPaths.geoData.path])
        XCTAssertEqual(found.standardizedFileURL.path, TestPaths.geoData.standardizedFileURL.path)

        XCTAssertThrowsError(try ReferenceTables.locateGeoData(environment: ["INVESTMAP_GEODATA": "/nonexistent/GeoData"])) { error in
            XCTAssertTrue(error is GeoDataNotFoundError)
            XCTAssertTrue("\(error)".contains("INVESTMAP_GEODATA=/nonexistent/GeoData (no prefectures.csv there)"), "\(error)")
        }
    }

    /// Without the variable, a test binary built inside the repository finds the repository's GeoData.
    func testLocateGeoDataFromExecutable() throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.resolvingSymlinksInPath().path
        let root = TestPaths.repositoryRoot.standardizedFileURL.resolvingSymlinksInPath().path
        guard executable.hasPrefix(root + "/") else {
            throw XCTSkip("test binary \(executable) is outside the repository")
        }
        let found = try ReferenceTables.locateGeoData(environment: [:])
        XCTAssertEqual(found.resolvingSymlinksInPath().path, TestPaths.geoData.resolvingSymlinksInPath().path)
    }

    func testLoadReportsBadTablesWithFileAndLine() throws {
        let folder = try copyOfGeoData()
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefectures = folder.appendingPathComponent("prefectures.csv")
        var text = try String(contentsOf: prefectures, encoding: .utf8)
        text = text.replacingOccurrences(of: "27,大阪府,Osaka,kinki", with: "27,大阪府,Osaka,kansai")
        try text.write(to: prefectures, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ReferenceTables.load(from: folder)) { error in
            XCTAssertEqual("\(error)", "prefectures.csv line 28: bureau_id \"kansai\" is not in bureaus.csv")
        }

        let cities = folder.appendingPathComponent("designated_cities.csv")
        try copyOfGeoDataFile("prefectures.csv", to: folder)
        text = try String(contentsOf: cities, encoding: .utf8)
        text = text.replacingOccurrences(of: "14100,横浜市,14,14101,14118", with: "14100,横浜市,14,14101,14132")
        try text.write(to: cities, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ReferenceTables.load(from: folder)) { error in
            XCTAssertEqual("\(error)", "designated_cities.csv: ward ranges of 横浜市 and 川崎市 overlap at 14131")
        }

        text = text.replacingOccurrences(of: "14100,横浜市,14,14101,14132", with: "14100,横浜市,14,14101,14118")
            .replacingOccurrences(of: "14130,川崎市,14,14131,14137", with: "14130,川崎市,14,14131,1413x")
        try text.write(to: cities, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ReferenceTables.load(from: folder)) { error in
            XCTAssertEqual("\(error)", "designated_cities.csv line 7: last_ward_code: \"1413x\": a municipality code is 5 digits, or 6 with the check digit")
        }

        try FileManager.default.removeItem(at: cities)
        XCTAssertThrowsError(try ReferenceTables.load(from: folder)) { error in
            XCTAssertEqual("\(error)", "\(cities.path): file not found")
        }
    }

    /// Issue 16: the code changes table — Hamamatsu's 2024 wards understood in either vintage,
    /// carried forward whole or split, and bad rows refused with their line.
    func testCodeChangesUnderstandEitherVintageAndCarryForward() throws {
        let changes = try ReferenceTables.load(from: TestPaths.geoData).codeChanges
        XCTAssertTrue(changes.isConsistent(declared: "22138", located: "22131"), "中央区 came from 中区")
        XCTAssertTrue(changes.isConsistent(declared: "22139", located: "22135"), "浜名区 got part of 北区")
        XCTAssertTrue(changes.isConsistent(declared: "22131", located: "22138"), "an old code in a new unit")
        XCTAssertFalse(changes.isConsistent(declared: "22139", located: "22131"), "中区 went wholly into 中央区")
        XCTAssertTrue(changes.isConsistent(declared: "04423", located: "04216"), "富谷町 became 富谷市")
        XCTAssertEqual(changes.carry("22137", since: "2022-01-01", asOf: "2024-01-01"), .whole("22140"))
        XCTAssertEqual(changes.carry("22131", since: "2022-01-01", asOf: "2024-01-01"), .whole("22138"))
        XCTAssertEqual(changes.carry("22135", since: "2022-01-01", asOf: "2024-01-01"), .split(["22138", "22139"]))
        XCTAssertEqual(changes.carry("22135", since: "2022-01-01", asOf: "2023-12-31"), .whole("22135"))
        XCTAssertEqual(changes.carry("04423", since: "2015-01-01", asOf: "2024-01-01"), .whole("04216"))
        XCTAssertEqual(changes.name(of: "22140", prefectureName: "静岡県"), "浜松市天竜区")
        XCTAssertNoThrow(try changes.validate(against: Set((22131...22137).map(String.init)), vintage: "N03-22_220101", vintageDate: "2022-01-01"))
        XCTAssertThrowsError(try changes.validate(against: Set((22131...22136).map(String.init)), vintage: "N03-22_220101",
                                                  vintageDate: "2022-01-01")) { error in
            XCTAssertTrue("\(error)".hasPrefix("code_changes.csv line 11: old_code 22137 (静岡県浜松市天竜区) changed on 2024-01-01 but is neither in"),
                          "\(error)")
        }

        let folder = try copyOfGeoData()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("code_changes.csv")
        let good = try String(contentsOf: file, encoding: .utf8)
        for (bad, message) in [
            ("2024-01-01,ward_reorganisation,99131,", "line 5: old_code 99131: no prefecture 99"),
            ("2024-13-01,ward_reorganisation,22131,", "line 5: date \"2024-13-01\" is not an ISO date (YYYY-MM-DD)"),
            ("2024-01-01,reshuffle,22131,", "line 5: kind \"reshuffle\" is not one of"),
        ] {
            try good.replacingOccurrences(of: "2024-01-01,ward_reorganisation,22131,", with: bad).write(to: file, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try ReferenceTables.load(from: folder)) { error in
                XCTAssertTrue("\(error)".hasPrefix("code_changes.csv " + message), "\(error)")
            }
        }
        try good.replacingOccurrences(of: ",22138;22139,静岡県浜松市中央区;静岡県浜松市浜名区,split,", with: ",22138,静岡県浜松市中央区,split,")
            .write(to: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ReferenceTables.load(from: folder)) { error in
            XCTAssertEqual("\(error)", "code_changes.csv line 9: relation split names one new code")
        }
    }

    private func copyOfGeoData() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("geodata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in ["prefectures.csv", "bureaus.csv", "designated_cities.csv", "strategic_fields.csv", "plan_types.csv", "code_changes.csv",
                     "programmes.csv", "programme_categories.csv"] {
            try copyOfGeoDataFile(file, to: folder)
        }
        return folder
    }

    private func copyOfGeoDataFile(_ file: String, to folder: URL) throws {
        let target = folder.appendingPathComponent(file)
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: TestPaths.geoData.appendingPathComponent(file), to: target)
    }
}
