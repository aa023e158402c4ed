import Geocoding
import XCTest

/// One test per rule of `AddressNormalizer`: the spellings in each group give one key.
final class AddressNormalizerTests: XCTestCase {
    private func assertSameKey(_ spellings: [String], _ key: String, file: StaticString = #filePath, line: UInt = #line) {
        for spelling in spellings {
            XCTAssertEqual(AddressNormalizer.normalize(spelling), key, spelling, file: file, line: line)
        }
    }

    func testFullWidthBecomesHalfWidth() {
        assertSameKey(["ＡＢＣ１２３", "ABC123"], "ABC123")
        assertSameKey(["５－２", "5-2"], "5-2")
    }

    func testWhiteSpaceAndCommasAreRemoved() {
        assertSameKey(["北海道 札幌市　中央区", "北海道、札幌市,中央区", "北海道\t札幌市中央区"], "北海道札幌市中央区")
    }

    func testKanjiNumeralsBecomeArabic() {
        XCTAssertEqual(AddressNormalizer.normalize("北一条東"), "北1条東")
        XCTAssertEqual(AddressNormalizer.normalize("東鷹栖一線"), "東鷹栖1線")
        XCTAssertEqual(AddressNormalizer.normalize("十"), "10")
        XCTAssertEqual(AddressNormalizer.normalize("十一"), "11")
        XCTAssertEqual(AddressNormalizer.normalize("二十"), "20")
        XCTAssertEqual(AddressNormalizer.normalize("二十三"), "23")
        XCTAssertEqual(AddressNormalizer.normalize("二〇"), "20")
        // Not one number: kept as written.
        XCTAssertEqual(AddressNormalizer.normalize("一二十"), "一二十")
        XCTAssertEqual(AddressNormalizer.normalize("十十"), "十十")
        // Larger units are names, not numbers.
        XCTAssertEqual(AddressNormalizer.normalize("百人町"), "百人町")
    }

    func testChomeInAnyNumeralsAndAsHyphen() {
        assertSameKey(["三丁目", "3丁目", "３丁目", "3-", "3－", "3ー"], "3-")
        assertSameKey(["十一丁目", "11丁目"], "11-")
        assertSameKey(["二十三丁目", "23丁目"], "23-")
        assertSameKey(["旭ケ丘3-5-2", "旭ケ丘三丁目5-2", "旭ケ丘３丁目５－２"], "旭ヶ丘3-5-2")
        // 堺市 writes 丁 for 丁目.
        assertSameKey(["奥本町一丁", "奥本町1-"], "奥本町1-")
        // 丁 after anything but a number is part of a name.
        XCTAssertEqual(AddressNormalizer.normalize("東六番丁"), "東6番丁")
    }

    func testDashVariants() {
        assertSameKey(["1-2", "1‐2", "1‑2", "1–2", "1—2", "1―2", "1−2", "1─2", "1ー2", "1ｰ2", "1－2"], "1-2")
        XCTAssertEqual(AddressNormalizer.normalize("1--2"), "1-2")
        // The long-vowel mark stays in katakana names.
        XCTAssertEqual(AddressNormalizer.normalize("センター"), "センター")
    }

    func testSmallKeVariants() {
        assertSameKey(["旭ヶ丘", "旭ケ丘", "旭ヵ丘", "旭が丘", "旭ｹ丘"], "旭ヶ丘")
    }

    func testNoVariants() {
        assertSameKey(["一ノ宮", "一の宮", "一之宮"], "1ノ宮")
    }

    func testOldKanjiForms() {
        assertSameKey(["齋藤", "斎藤"], "斎藤")
        assertSameKey(["渡邊", "渡邉", "渡辺"], "渡辺")
        assertSameKey(["飛驒", "飛騨"], "飛騨")
        assertSameKey(["龍ケ崎", "竜ヶ崎", "竜ケ﨑"], "竜ヶ崎")
    }

    func testTextAfterTheTownIsKept() {
        // Removing 番地, 号 and buildings is the geocoder's matter (it stops after the town).
        XCTAssertEqual(AddressNormalizer.normalize("12番地3 △△ビル5F"), "12番地3△△ビル5F")
    }
}
