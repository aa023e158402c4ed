import Foundation
import GeoCore
import GeoFormats
import Ledger
import Reference
import TestSupport
import XCTest

final class ReadingProjectsCSVTests: XCTestCase {
    private let header = "id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source"

    func testCanonicalUTF8FileIsReadWithEveryValue() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("projects.csv", """
            \(header)
            P1,TSMC熊本第2工場,A,ai_semiconductors,"1,200,000,000,000",1700,under_construction,2024-02-06,130.7753,32.8839,434035,https://example.jp/p1
            P2,地域クラスター,B,,12億円,120,,2025/4/1,139.6917,35.6895,13101,
            P3,地場産業,C,,,,operating,,135.5023,34.6937,,

            """)
        let result = try LedgerReader.readProjects(at: url, displayName: "projects.csv", reference: ReadingFixtures.reference())
        XCTAssertEqual(result.encoding, .utf8)
        XCTAssertEqual(result.rejections, [])
        XCTAssertEqual(result.rowsRead, 3)
        XCTAssertEqual(result.ignoredColumns, [])
        XCTAssertEqual(result.rows.map(\.line), [2, 3, 4])

        let p1 = result.rows[0].value
        XCTAssertEqual(p1, ProjectInput(InvestmentProject(
            id: "P1", name: "TSMC熊本第2工場", plan: "A", field: "ai_semiconductors", totalInvestmentJPY: 1_200_000_000_000,
            jobs: 1700, status: .underConstruction, announced: "2024-02-06",
            location: Coordinate(x: 130.7753, y: 32.8839), declaredCode: try MunicipalityCode("43403"),
            source: "https://example.jp/p1")))
        let p2 = result.rows[1].value
        XCTAssertEqual(p2.totalInvestmentJPY, 1_200_000_000)
        XCTAssertNil(p2.field)
        XCTAssertEqual(p2.status, .planned, "an empty status means planned")
        XCTAssertEqual(p2.announced, "2025-04-01")
        XCTAssertEqual(p2.declaredCode?.code5, "13101")
        XCTAssertNil(p2.source)
        let p3 = result.rows[2].value
        XCTAssertNil(p3.totalInvestmentJPY)
        XCTAssertNil(p3.jobs)
        XCTAssertNil(p3.announced)
        XCTAssertNil(p3.declaredCode)
        XCTAssertEqual(p3.status, .operating)
    }

    func testUTF8WithByteOrderMarkIsReported() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("""
            \(header)\r
            P1,半導体工場,A,1,1.5億,,稼働中,,130.7,32.9,,\r

            """.utf8))
        let result = try LedgerReader.readProjects(at: url, displayName: "bom.csv", reference: ReadingFixtures.reference())
        XCTAssertEqual(result.encoding, .utf8WithBOM)
        XCTAssertEqual(result.rejections, [])
        XCTAssertEqual(result.rows.first?.value.id, "P1", "the byte order mark is not part of the first header")
        XCTAssertEqual(result.rows.first?.value.totalInvestmentJPY, 150_000_000)
        XCTAssertEqual(result.rows.first?.value.field, "ai_semiconductors", "field by its order number")
        XCTAssertEqual(result.rows.first?.value.status, .operating)
    }

    func testEveryKindOfBadRowIsRejectedWithItsLineAndReason() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("bad.csv", """
            \(header)
            P1,good,A,造船,100,10,planned,2025-01-10,132.5,34.2,,
            P2,bad number,B,,12x,,,,139.7,35.7,,
            P3,outside Japan,B,,,,,,100.5,10.25,,
            P4,swapped,B,,,,,,35.6895,139.6917,,
            P5,unknown field,A,robotics,,,,,139.7,35.7,,
            P6,plan A without field,A,,,,,,139.7,35.7,,
            P1,duplicate,B,,,,,,139.7,35.7,,
            P7,bad check digit,B,,,,,,139.7,35.7,131015,
            P8,bad date,B,,,,,2025-02-30,139.7,35.7,,
            P9,short row,B,,
            P10,negative amount,B,,-5,,,,139.7,35.7,,
            ,,,,,,,,,,,
            P11,negative jobs,C,,,▲3,,,139.7,35.7,,
            P12,"a name
            on two lines",C,,,,,,139.7,35.7,,
            P13,unknown plan,Z,,,,,,139.7,35.7,,
            P14,lon not a number,C,,,,,,abc,35.7,,
            ,no id,C,,,,,,139.7,35.7,,
            P15,unknown status,C,,,,paused,,139.7,35.7,,
            P16,lost leading zero,C,,,,,,141.35,43.06,1100,

            """)
        let result = try LedgerReader.readProjects(at: url, displayName: "bad.csv", reference: ReadingFixtures.reference())
        let expected: [(Int, String?, String)] = [
            (3, "P2", "amount_jpy: '12x' is not a number"),
            (4, "P3", "coordinates outside Japan: lon 100.5, lat 10.25"),
            (5, "P4", "coordinates outside Japan: lon 35.6895, lat 139.6917 (lon and lat look swapped)"),
            (6, "P5", "field: unknown strategic field 'robotics'"),
            (7, "P6", "field: plan A needs a strategic field"),
            (8, "P1", "duplicate id P1 (first on line 2)"),
            (9, "P7", "code: '131015' has check digit 5, expected 6 (131016)"),
            (10, "P8", "announced: '2025-02-30' is not a valid date"),
            (11, "P9", "has 5 cell(s), the header has 12"),
            (12, "P10", "amount_jpy: '-5' is negative"),
            (14, "P11", "jobs: '▲3' is negative"),
            (17, "P13", "plan: 'Z' is not a plan (expected A 戦略産業クラスター計画, B 地域産業クラスター計画, C 地場産業成長プラン)"),
            (18, "P14", "lon: 'abc' is not a number"),
            (19, nil, "id: empty"),
            (20, "P15", "status: 'paused' is not a status (expected planned, under_construction, operating, withdrawn or 計画中, 建設中, 稼働中, 撤回)"),
            (21, "P16", "code: '1100' is not a municipality code (5 digits, or 6 with the check digit); was a leading zero lost (01100)?"),
        ]
        XCTAssertEqual(result.rejections.count, expected.count)
        for (rejection, (line, id, reason)) in zip(result.rejections, expected) {
            XCTAssertEqual(rejection.file, "bad.csv")
            XCTAssertEqual(rejection.line, line, reason)
            XCTAssertEqual(rejection.id, id, reason)
            XCTAssertEqual(rejection.reason, reason)
        }
        XCTAssertEqual(result.rows.map(\.line), [2, 15])
        XCTAssertEqual(result.rows.map(\.value.id), ["P1", "P12"])
        XCTAssertEqual(result.rows[1].value.name, "a name\non two lines")
        XCTAssertEqual(result.rowsRead, 18, "the all-empty row on line 13 is not counted")
        XCTAssertEqual(result.rowsRead, result.rows.count + result.rejections.count)
    }

    func testAmountsScaleExactlyAndCellUnitsOverrideTheColumn() throws {
        let cases: [(String, Int64?)] = [
            ("350", 350_000_000),  // the column's unit: 百万円
            ("1,250", 1_250_000_000),
            ("１２億円", 1_200_000_000),  // full-width digits, the cell's unit wins
            ("1.25億", 125_000_000),
            ("350百万円", 350_000_000),
            ("1,000円", 1_000),
            ("5000万円", 50_000_000),
            ("1兆2000億円", 1_200_000_000_000),
            ("12億5000万円", 1_250_000_000),
            ("0.0000015", 2),  // 1.5 yen, rounded half up
            ("－", nil),  // a dash means no value
            ("", nil),
        ]
        let folder = try TemporaryFolder()
        var text = "id,name,plan,amount_million_jpy,lon,lat\n"
        for (index, (cell, _)) in cases.enumerated() {
            text += "P\(index),amount \(index),B,\"\(cell)\",139.7,35.7\n"
        }
        let url = try folder.write("amounts.csv", text)
        let result = try LedgerReader.readProjects(at: url, displayName: "amounts.csv", reference: ReadingFixtures.reference())
        XCTAssertEqual(result.rejections, [])
        XCTAssertEqual(result.rows.map(\.value.totalInvestmentJPY), cases.map(\.1))
    }

    func testBadAmountsAreRejected() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("amounts.csv", """
            id,name,plan,投資額（億円）,lon,lat
            P1,separator in the wrong place,B,"1,5",139.7,35.7
            P2,units out of order,B,5000万12億円,139.7,35.7
            P3,too large,B,99999999999兆円,139.7,35.7
            P4,approximate,B,約12億円,139.7,35.7

            """)
        let result = try LedgerReader.readProjects(at: url, displayName: "amounts.csv", reference: ReadingFixtures.reference())
        XCTAssertEqual(result.rejections.map(\.reason), [
            "投資額（億円）: '1,5' is not a number",
            "投資額（億円）: '5000万12億円' is not a number",
            "投資額（億円）: '99999999999兆円' is too large",
            "投資額（億円）: '約12億円' is not a number",
        ])
    }

    func testPlansFieldsStatusesAndDatesInTheirJapaneseForms() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("words.csv", """
            id,name,plan,field,status,announced,lon,lat
            P1,a,戦略産業クラスター計画,ＡＩ・半導体,建設中,令和7年4月1日,139.7,35.7
            P2,b,戦略産業クラスター,マテリアル,工事中,令和元年5月1日,139.7,35.7
            P3,c,a,Quantum,稼働中,2025年12月31日,139.7,35.7
            P4,d,地域産業クラスター,,取り下げ,平成31年4月30日,139.7,35.7
            P5,e,地場産業成長プラン,,under construction,２０２４／２／２９,139.7,35.7
            P6,f,C,,操業中,令和元年4月30日,139.7,35.7
            P7,g,C,,中止,2023-02-29,139.7,35.7

            """)
        let result = try LedgerReader.readProjects(at: url, displayName: "words.csv", reference: ReadingFixtures.reference())
        XCTAssertEqual(result.rows.map(\.value.plan), ["A", "A", "A", "B", "C"])
        XCTAssertEqual(result.rows.map(\.value.field), ["ai_semiconductors", "materials", "quantum", nil, nil])
        XCTAssertEqual(result.rows.map(\.value.status), [.underConstruction, .underConstruction, .operating, .withdrawn, .underConstruction])
        XCTAssertEqual(result.rows.map(\.value.announced), ["2025-04-01", "2019-05-01", "2025-12-31", "2019-04-30", "2024-02-29"])
        XCTAssertEqual(result.rejections.map(\.line), [7, 8])
        XCTAssertEqual(result.rejections.map(\.reason), [
            "announced: '令和元年4月30日' is before 令和 began (2019-05-01)",
            "announced: '2023-02-29' is not a valid date",
        ])
    }

    func testHeaderWithoutARequiredColumnThrowsNamingIt() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("nolat.csv", "事業番号,事業名,計画,経度\nP1,a,B,139.7\n")
        XCTAssertThrowsError(try LedgerReader.readProjects(at: url, displayName: "nolat.csv", reference: ReadingFixtures.reference())) { error in
            guard let error = error as? DataFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.source, "nolat.csv")
            XCTAssertEqual(error.line, 1)
            XCTAssertEqual(error.reason, "missing required column lat (or latitude, 緯度); headers found: 事業番号, 事業名, 計画, 経度")
        }
    }

    func testTwoAmountColumnsOrTwoNamesForOneColumnThrow() throws {
        let folder = try TemporaryFolder()
        let reference = try ReadingFixtures.reference()
        let twoAmounts = try folder.write("two.csv", "id,name,plan,amount_jpy,投資額（億円）,lon,lat\n")
        XCTAssertThrowsError(try LedgerReader.readProjects(at: twoAmounts, displayName: "two.csv", reference: reference)) { error in
            XCTAssertEqual((error as? DataFileError)?.reason,
                           "'amount_jpy' (column 4) and '投資額（億円）' (column 5) both mean total_investment_jpy: keep one, or say which with --map total_investment_jpy=HEADER (header is id,name,plan,amount_jpy,投資額（億円）,lon,lat)")
        }
        let twoNames = try folder.write("names.csv", "id,name,事業名,plan,lon,lat\n")
        XCTAssertThrowsError(try LedgerReader.readProjects(at: twoNames, displayName: "names.csv", reference: reference)) { error in
            XCTAssertEqual((error as? DataFileError)?.reason,
                           "'name' (column 2) and '事業名' (column 3) both mean name: keep one, or say which with --map name=HEADER (header is id,name,事業名,plan,lon,lat)")
        }
    }

    func testUnknownColumnsAreReportedAndEmptyFilesThrow() throws {
        let folder = try TemporaryFolder()
        let reference = try ReadingFixtures.reference()
        let url = try folder.write("extra.csv", "ID , Name,PLAN,備考,LONGITUDE,Latitude,\nP1,a,b,memo,139.7,35.7,\n")
        let result = try LedgerReader.readProjects(at: url, displayName: "extra.csv", reference: reference)
        XCTAssertEqual(result.ignoredColumns, ["備考", "(column 7, no name)"])
        XCTAssertEqual(result.rows.count, 1)

        let empty = try folder.write("empty.csv", "")
        XCTAssertThrowsError(try LedgerReader.readProjects(at: empty, displayName: "empty.csv", reference: reference)) { error in
            XCTAssertEqual(error as? DataFileError, DataFileError(source: "empty.csv", line: nil, reason: "the file is empty (no header)"))
        }
        let missing = folder.url.appendingPathComponent("absent.csv")
        XCTAssertThrowsError(try LedgerReader.readProjects(at: missing, displayName: "absent.csv", reference: reference)) { error in
            XCTAssertEqual((error as? DataFileError)?.source, "absent.csv")
        }
    }

    func testTabSeparatedFilesAreRecognised() throws {
        let folder = try TemporaryFolder()
        let reference = try ReadingFixtures.reference()
        let text = "id\tname\tplan\tlon\tlat\nP1\ta, with comma\tB\t139.7\t35.7\n"
        for name in ["projects.tsv", "projects.txt"] {
            let url = try folder.write(name, text)
            let result = try LedgerReader.readProjects(at: url, displayName: name, reference: reference)
            XCTAssertEqual(result.rows.map(\.value.name), ["a, with comma"], name)
        }
    }
}
