import Foundation
import GeoFormats
import Ledger
import Reference
import TestSupport
import XCTest

final class ReadingEncodingTests: XCTestCase {
    /// A CSV as Excel on Japanese Windows saves it: CP932, Japanese headers, CRLF, full-width
    /// digits, and characters where CP932 differs from plain JIS X 0208 (NEC ①, IBM 髙, ～ U+FF5E).
    func testCP932FileWithJapaneseHeadersImports() throws {
        let text = """
            事業番号,事業名,計画区分,戦略分野,投資額（億円）,新規雇用者数,進捗状況,公表日,経度,緯度,市区町村コード,出典,備考\r
            Ｐ－１,髙島屋①～工場,戦略産業クラスター計画,ＡＩ・半導体,１．２５,１２０人,稼働中,令和７年４月１日,１３９．６９１７,３５．６８９５,１３１０１６,県資料～抜粋,メモ\r
            P2,ﾊﾝｶｸ工場,B,,"1,500",,計画中,,135.5023,34.6937,,,\r

            """
        let bytes = try ReadingFixtures.cp932(text)
        XCTAssertTrue(ReadingFixtures.contains(bytes, [0x8E, 0x96, 0x8B, 0xC6]), "事業 in CP932")
        XCTAssertTrue(ReadingFixtures.contains(bytes, [0x87, 0x40]), "① is NEC row 13 in CP932")
        XCTAssertTrue(ReadingFixtures.contains(bytes, [0xFB, 0xFC]), "髙 is an IBM extension in CP932")
        XCTAssertTrue(ReadingFixtures.contains(bytes, [0x81, 0x60]), "～ U+FF5E is 0x8160 in CP932")
        XCTAssertTrue(ReadingFixtures.contains(bytes, [0xCA, 0xDD, 0xB6, 0xB8]), "half-width katakana are single bytes")

        let folder = try TemporaryFolder()
        let url = try folder.write("sjis.csv", bytes: bytes)
        let result = try LedgerReader.readProjects(at: url, displayName: "sjis.csv", reference: ReadingFixtures.reference())
        XCTAssertEqual(result.encoding, .cp932)
        XCTAssertEqual(result.rejections, [])
        XCTAssertEqual(result.ignoredColumns, ["備考"])
        XCTAssertEqual(result.rows.map(\.line), [2, 3])

        let first = result.rows[0].value
        XCTAssertEqual(first.id, "Ｐ－１", "ids are kept as written")
        XCTAssertEqual(first.name, "髙島屋①～工場")
        XCTAssertEqual(first.name.unicodeScalars.map(\.value).filter { $0 > 0x7F }, [0x9AD9, 0x5CF6, 0x5C4B, 0x2460, 0xFF5E, 0x5DE5, 0x5834])
        XCTAssertEqual(first.plan, "A")
        XCTAssertEqual(first.field, "ai_semiconductors")
        XCTAssertEqual(first.totalInvestmentJPY, 125_000_000)
        XCTAssertEqual(first.jobs, 120)
        XCTAssertEqual(first.status, .operating)
        XCTAssertEqual(first.announced, "2025-04-01")
        XCTAssertEqual(first.location?.x, 139.6917)
        XCTAssertEqual(first.location?.y, 35.6895)
        XCTAssertEqual(first.declaredCode?.code5, "13101")
        XCTAssertEqual(first.source, "県資料～抜粋")

        let second = result.rows[1].value
        XCTAssertEqual(second.name, "ﾊﾝｶｸ工場", "names keep half-width katakana")
        XCTAssertEqual(second.totalInvestmentJPY, 150_000_000_000)
        XCTAssertEqual(second.status, .planned)
    }

    func testTextThatIsNeitherUTF8NorCP932Throws() throws {
        let folder = try TemporaryFolder()
        // あ in CP932 makes the file non-UTF-8; 0xFF is no CP932 byte.
        let bytes = Array("id,name,plan,lon,lat\nP1,".utf8) + [0x82, 0xA0, 0xFF] + Array(",B,139.7,35.7\n".utf8)
        let url = try folder.write("broken.csv", bytes: bytes)
        XCTAssertThrowsError(try LedgerReader.readProjects(at: url, displayName: "broken.csv", reference: ReadingFixtures.reference())) { error in
            XCTAssertEqual(error as? DataFileError, DataFileError(
                source: "broken.csv", line: 2,
                reason: "the text is neither UTF-8 nor CP932 (Shift_JIS): byte 0xFF at offset 26 is not valid CP932"))
        }
    }

    func testByteOrderMarkFollowedByInvalidUTF8Throws() throws {
        let folder = try TemporaryFolder()
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,name,plan,lon,lat\n".utf8) + [0x82, 0xA0]
        let url = try folder.write("bom.csv", bytes: bytes)
        XCTAssertThrowsError(try LedgerReader.readProjects(at: url, displayName: "bom.csv", reference: ReadingFixtures.reference())) { error in
            XCTAssertEqual(error as? DataFileError, DataFileError(
                source: "bom.csv", line: 2,
                reason: "starts with a UTF-8 byte order mark, but byte 0x82 at offset 24 is not valid UTF-8"))
        }
    }
}
