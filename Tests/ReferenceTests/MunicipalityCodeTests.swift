import GeoFormats
import Reference
import TestSupport
import XCTest

final class MunicipalityCodeTests: XCTestCase {
    func testCheckDigitOfKnownCodes() throws {
        XCTAssertEqual(try MunicipalityCode.checkDigit(for: "13101"), 6)
        XCTAssertEqual(try MunicipalityCode.checkDigit(for: "01100"), 2)
        XCTAssertEqual(try MunicipalityCode.checkDigit(for: "22130"), 9)
        XCTAssertEqual(try MunicipalityCode.checkDigit(for: "01000"), 6)
    }

    func testParsesFiveDigitForm() throws {
        let code = try MunicipalityCode("13101")
        XCTAssertEqual(code.code5, "13101")
        XCTAssertEqual(code.code6, "131016")
        XCTAssertEqual(code.prefectureCode, "13")
        XCTAssertEqual(code.integerValue, 13101)
        XCTAssertEqual(code.checkDigit, 6)
    }

    func testParsesSixDigitForm() throws {
        let code = try MunicipalityCode("011002")
        XCTAssertEqual(code.code5, "01100")
        XCTAssertEqual(code.code6, "011002")
        XCTAssertEqual(code.prefectureCode, "01")
        XCTAssertEqual(code, try MunicipalityCode("01100"))
    }

    func testRejectsWrongCheckDigit() {
        XCTAssertThrowsError(try MunicipalityCode("131017")) { error in
            XCTAssertEqual(error as? MunicipalityCodeError, .wrongCheckDigit("131017", given: 7, expected: 6))
            XCTAssertEqual("\(error)", "131017: check digit 7 is wrong (expected 6)")
            XCTAssertEqual(error.localizedDescription, "131017: check digit 7 is wrong (expected 6)")
        }
    }

    func testRejectsMalformedInput() {
        for text in ["1310", "1310167", "13a01", "", " 13101", "13101 ", "１３１０１", "-1310", "13.01"] {
            XCTAssertThrowsError(try MunicipalityCode(text), "\"\(text)\"") { error in
                XCTAssertEqual(error as? MunicipalityCodeError, .malformed(text))
            }
        }
        XCTAssertThrowsError(try MunicipalityCode.checkDigit(for: "131016"))
        XCTAssertThrowsError(try MunicipalityCode.checkDigit(for: "1310x"))
    }

    func testCodableAsPlainString() throws {
        let codes = [try MunicipalityCode("13101"), try MunicipalityCode("011002")]
        let json = try JSONEncoder().encode(codes)
        XCTAssertEqual(String(decoding: json, as: UTF8.self), #"["13101","01100"]"#)
        XCTAssertEqual(try JSONDecoder().decode([MunicipalityCode].self, from: Data(#"["131016","01100"]"#.utf8)).map(\.code5), ["13101", "01100"])
        XCTAssertThrowsError(try JSONDecoder().decode([MunicipalityCode].self, from: Data(#"["131017"]"#.utf8)))
    }

    /// Every 6-digit code in the census table must validate and agree with its 5-digit code.
    func testEveryCensusCode6Validates() throws {
        let url = try TestData.sharedFile(CensusPopulation.sharedRelativePath)
        var checked = 0
        try CSVReader.forEachRecord(inFile: url) { line, fields in
            guard line > 1, !fields[1].isEmpty else { return }
            XCTAssertEqual(try MunicipalityCode(fields[1]).code5, fields[0], "line \(line)")
            checked += 1
        }
        XCTAssertEqual(checked, 1959)
    }
}
