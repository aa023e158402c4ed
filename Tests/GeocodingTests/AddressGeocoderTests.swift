import Geocoding
import XCTest

/// The geocoder on `TownPointsExample`: each way of writing the parts of an address, the traps
/// of the real data, and the answers that are not a town (`.municipality`, `.ambiguous`,
/// `.unmatched`) with their reasons.
final class AddressGeocoderTests: XCTestCase {
    private var geocoder: AddressGeocoder!

    override func setUpWithError() throws {
        geocoder = try TownPointsExample.geocoder()
    }

    /// `address` is located to `town` (and `koaza`) of `code5`, with `inference`.
    private func assertTown(_ address: String, _ code5: String, _ town: String, koaza: String? = nil, inference: String? = nil,
                            in geocoder: AddressGeocoder? = nil, file: StaticString = #filePath, line: UInt = #line) {
        guard case .town(let match) = (geocoder ?? self.geocoder).geocode(address) else {
            return XCTFail("\(address): \((geocoder ?? self.geocoder).geocode(address))", file: file, line: line)
        }
        XCTAssertEqual(match.code5, code5, address, file: file, line: line)
        XCTAssertEqual(match.town, town, address, file: file, line: line)
        XCTAssertEqual(match.koaza, koaza, address, file: file, line: line)
        XCTAssertEqual(match.municipality.inference, inference, address, file: file, line: line)
    }

    func testFullAddress() {
        XCTAssertEqual(geocoder.geocode("北海道札幌市中央区旭ケ丘二丁目5番1号"), .town(TownMatch(
            municipality: MunicipalityMatch(code5: "01101", prefecture: "北海道", city: "札幌市中央区"),
            town: "旭ケ丘二丁目", koaza: nil, latitude: 43.039768, longitude: 141.321733)))
    }

    func testChomeWrittenAnyWay() {
        for address in ["札幌市中央区旭ケ丘2丁目5-1", "札幌市中央区旭ケ丘２丁目５－１", "札幌市中央区旭ケ丘2-5-1", "札幌市中央区旭ヶ丘二丁目",
                        "札幌市中央区旭が丘2-5", "札幌市中央区旭ｹ丘2ー5ー1", "札幌市中央区旭ケ丘2"] {
            assertTown(address, "01101", "旭ケ丘二丁目")
        }
        assertTown("札幌市中央区北1条東11丁目", "01101", "北一条東十一丁目")
        assertTown("札幌市中央区北一条東11-2-3", "01101", "北一条東十一丁目")
        assertTown("札幌市北区北23条西2丁目", "01102", "北二十三条西二丁目")
        assertTown("堺市北区奥本町1丁2-3", "27146", "奥本町一丁")
        assertTown("大阪府堺市北区奥本町1-2-3", "27146", "奥本町一丁")
    }

    func testWhatFollowsTheTownIsIgnored() {
        for address in ["〒060-0001 北海道 札幌市中央区 旭ケ丘１丁目２－３ 〇〇ビル5F", "札幌市中央区旭ケ丘1丁目12番地3", "札幌市中央区旭ケ丘1-2 △△マンション101号室",
                        "0600001札幌市中央区旭ケ丘一丁目"] {
            assertTown(address, "01101", "旭ケ丘一丁目")
        }
    }

    func testPrefectureIsOptionalAndMayLackItsSuffix() {
        assertTown("札幌市中央区旭ケ丘1-2", "01101", "旭ケ丘一丁目")
        assertTown("東京都中央区銀座1-2", "13102", "銀座一丁目")
        assertTown("東京中央区銀座1-2", "13102", "銀座一丁目")
        assertTown("大阪中央区安土町1-1", "27128", "安土町一丁目")
        // 京都 is also the start of 京都市.
        assertTown("京都市中京区上本能寺前町488", "26104", "上本能寺前町")
        assertTown("京都中京区上本能寺前町488", "26104", "上本能寺前町")
    }

    func testDistrictMayBeOmitted() {
        assertTown("北海道石狩郡当別町字上当別123", "01303", "字上当別")
        assertTown("当別町上当別123", "01303", "字上当別")
    }

    func testWardWithOrWithoutItsCity() {
        assertTown("北海道中央区旭ケ丘1-2", "01101", "旭ケ丘一丁目")
        assertTown("大阪府中央区安土町1-1", "27128", "安土町一丁目")
        // 大阪府 has two 北区: the town decides.
        assertTown("大阪府北区梅田1-1", "27127", "梅田一丁目", inference: "decided by the town among the 2 municipalities '北区' fits")
        assertTown("北区梅田1-1", "27127", "梅田一丁目", inference: "decided by the town among the 4 municipalities '北区' fits")
        // The city without its ward: the town decides.
        assertTown("札幌市旭ケ丘1-2", "01101", "旭ケ丘一丁目", inference: "the ward decided by the town (札幌市 written without its ward)")
        assertTown("大阪市梅田1-1", "27127", "梅田一丁目", inference: "the ward decided by the town (大阪市 written without its ward)")
    }

    func testOoazaAndAzaAreOptional() {
        assertTown("旭川市近文7線", "01204", "字近文七線")
        assertTown("旭川市字近文7線", "01204", "字近文七線")
        assertTown("旭川市大字近文七線", "01204", "字近文七線")
        assertTown("那珂川市上梶原1", "40231", "大字上梶原")
        assertTown("那珂川市字上梶原1", "40231", "大字上梶原")
    }

    func testLongestTownWins() {
        assertTown("札幌市中央区円山1-1", "01101", "円山")
        assertTown("札幌市中央区円山西町123", "01101", "円山西町")
        assertTown("札幌市中央区円山西町2-3-4", "01101", "円山西町二丁目")
        assertTown("東京都中央区日本橋本町1-2", "13102", "日本橋本町一丁目")
        assertTown("東京都中央区日本橋1-2", "13102", "日本橋一丁目")
    }

    func testNumbersInNames() {
        assertTown("旭川市東鷹栖1線", "01204", "東鷹栖一線")
        assertTown("旭川市東鷹栖1線11号", "01204", "東鷹栖一線", koaza: "十一号")
        assertTown("旭川市東鷹栖一線十一号", "01204", "東鷹栖一線", koaza: "十一号")
        assertTown("旭川市東鷹栖1条1丁目", "01204", "東鷹栖一条一丁目")
    }

    func testKoaza() {
        assertTown("黒石市黒石字建石12", "02204", "黒石", koaza: "建石")
        assertTown("黒石市大字黒石建石12", "02204", "黒石", koaza: "建石")
        // A 小字 of the town "（大字なし）" is written where a town would be.
        assertTown("本庄市台町1-2", "11211", "（大字なし）", koaza: "台町")
        assertTown("本庄市朝日町1-2", "11211", "朝日町一丁目")
    }

    func testTownsSharingANameAreToldByTheirWriting() {
        assertTown("黒石市大字黒石1", "02204", "大字黒石")
        assertTown("黒石市黒石1", "02204", "黒石")
        assertTown("南相木村上の段1", "20306", "上の段")
        assertTown("南相木村上之段1", "20306", "上之段")
        assertTown("京都市北区大北山蓮ケ谷町1", "26101", "大北山蓮ケ谷町")
        assertTown("京都市北区大北山蓮ヶ谷町1", "26101", "大北山蓮ヶ谷町")
    }

    func testHouseNumberRightAfterTheMunicipality() {
        assertTown("東京都新島村123", "13363", "（大字なし）")
        assertTown("東京都新島村式根島1", "13363", "式根島")
    }

    func testKyotoStreetDirections() {
        assertTown("京都市中京区寺町通御池上る上本能寺前町488", "26104", "上本能寺前町")
        assertTown("京都市中京区寺町通御池上ル下本能寺前町", "26104", "下本能寺前町")
    }

    func testMunicipalityWithoutTown() {
        XCTAssertEqual(geocoder.geocode("北海道札幌市中央区旭ケ丘9丁目1"), .municipality(
            MunicipalityMatch(code5: "01101", prefecture: "北海道", city: "札幌市中央区"), note: "town not found in 札幌市中央区: '旭ケ丘9丁目1'"))
        XCTAssertEqual(geocoder.geocode("札幌市中央区存在しない町1-2"), .municipality(
            MunicipalityMatch(code5: "01101", prefecture: "北海道", city: "札幌市中央区"), note: "town not found in 札幌市中央区: '存在しない町1-2'"))
        XCTAssertEqual(geocoder.geocode("広島県府中市"), .municipality(
            MunicipalityMatch(code5: "34208", prefecture: "広島県", city: "府中市"), note: "the address names no town after 府中市"))
        // The town exists but the town points give it no point.
        XCTAssertEqual(geocoder.geocode("旭川市物流団地1条1丁目"), .municipality(
            MunicipalityMatch(code5: "01204", prefecture: "北海道", city: "旭川市"), note: "town 物流団地一条一丁目 of 旭川市 has no point in the town points"))
        // A number in a name does not run into the next: 北1条東1 is not 北1条東11.
        guard case .municipality(let match, _) = geocoder.geocode("札幌市中央区北1条東1丁目") else { return XCTFail("北1条東1丁目") }
        XCTAssertEqual(match.code5, "01101")
    }

    func testAmbiguousMunicipalities() {
        XCTAssertEqual(geocoder.geocode("美郷町"), .ambiguous(codes: ["05434", "32448", "45431"], reason:
            "'美郷町' fits 3 municipalities (秋田県仙北郡美郷町 05434, 島根県邑智郡美郷町 32448, 宮崎県東臼杵郡美郷町 45431); no town is given"))
        XCTAssertEqual(geocoder.geocode("美郷町本郷1-2"), .ambiguous(codes: ["05434", "32448", "45431"], reason:
            "'美郷町' fits 3 municipalities (秋田県仙北郡美郷町 05434, 島根県邑智郡美郷町 32448, 宮崎県東臼杵郡美郷町 45431); none has a town '本郷1-2'"))
        XCTAssertEqual(geocoder.geocode("中央区"), .ambiguous(codes: ["01101", "13102", "27128"], reason:
            "'中央区' fits 3 municipalities (北海道札幌市中央区 01101, 東京都中央区 13102, 大阪府大阪市中央区 27128); no town is given"))
        XCTAssertEqual(geocoder.geocode("府中市"), .ambiguous(codes: ["13206", "34208"], reason:
            "'府中市' fits 2 municipalities (東京都府中市 13206, 広島県府中市 34208); no town is given"))
        XCTAssertEqual(geocoder.geocode("札幌市存在しない町"), .ambiguous(codes: ["01101", "01102"], reason:
            "'札幌市' fits 2 municipalities (北海道札幌市中央区 01101, 北海道札幌市北区 01102); none has a town '存在しない町'"))
    }

    func testAmbiguityDecidedByTheTown() {
        assertTown("美郷町明塚1-2", "32448", "明塚", inference: "decided by the town among the 3 municipalities '美郷町' fits")
        assertTown("中央区銀座1-2-3", "13102", "銀座一丁目", inference: "decided by the town among the 3 municipalities '中央区' fits")
        assertTown("府中市朝日町1-2", "13206", "朝日町一丁目", inference: "decided by the town among the 2 municipalities '府中市' fits")
        assertTown("広島県府中市阿字町1", "34208", "阿字町")
    }

    func testUnmatched() {
        XCTAssertEqual(geocoder.geocode(""), .unmatched(reason: "empty address"))
        XCTAssertEqual(geocoder.geocode(" 〒060-0001 "), .unmatched(reason: "empty address"))
        XCTAssertEqual(geocoder.geocode("北海道"), .unmatched(reason: "only the prefecture 北海道 is given"))
        XCTAssertEqual(geocoder.geocode("北海道存在しない市1-2"), .unmatched(reason: "no municipality of 北海道 matches '存在しない市1-2'"))
        XCTAssertEqual(geocoder.geocode("どこか町1"), .unmatched(reason: "no municipality matches 'どこか町1'"))
        // A municipality of another prefecture is not taken.
        XCTAssertEqual(geocoder.geocode("青森県札幌市中央区旭ケ丘1-2"), .unmatched(reason: "no municipality of 青森県 matches '札幌市中央区旭ケ丘1-2'"))
    }

    func testFormerRankNames() {
        assertTown("宮城県富谷町明石1", "04216", "明石", inference: "written 富谷町, now 富谷市")
        assertTown("宮城県黒川郡富谷町明石1", "04216", "明石", inference: "written 富谷町, now 富谷市")
        assertTown("福岡県筑紫郡那珂川町大字上梶原1", "40231", "大字上梶原", inference: "written 那珂川町, now 那珂川市")
        assertTown("筑紫郡那珂川町上梶原1", "40231", "大字上梶原", inference: "written 那珂川町, now 那珂川市")
        // The name of a municipality that exists is its own, not an older one of another.
        assertTown("那珂川町三川又1", "09411", "三川又")
    }

    func testAliases() throws {
        // Rows of GeoData/code_changes.csv, and a split (a name given to two codes).
        let geocoder = try TownPointsExample.geocoder(aliases: [
            MunicipalityAlias(prefecture: "宮城県", name: "黒川郡富谷町", code5: "04216"),
            MunicipalityAlias(prefecture: "兵庫県", name: "篠山市", code5: "28221"),
            MunicipalityAlias(prefecture: "静岡県", name: "浜松市中区", code5: "22138"),
            MunicipalityAlias(prefecture: "静岡県", name: "浜松市中区", code5: "22132"),
            MunicipalityAlias(prefecture: "静岡県", name: "浜松市中央区", code5: "22131"),
            MunicipalityAlias(prefecture: "静岡県", name: "浜松市中央区", code5: "22132"),
            MunicipalityAlias(prefecture: "静岡", name: "浜松市", code5: "22132"),
        ])
        XCTAssertEqual(geocoder.index.unusedAliases.map(\.reason), [
            "code 22138 is not in the town points",
            "静岡県浜松市中区 is already the town points' name of 22131 静岡県浜松市中区",
            "prefecture 静岡 is not in the town points",
        ])
        assertTown("宮城県黒川郡富谷町明石1", "04216", "明石", inference: "old name 黒川郡富谷町", in: geocoder)
        assertTown("富谷町明石1", "04216", "明石", inference: "old name 黒川郡富谷町", in: geocoder)
        assertTown("兵庫県篠山市北嶋1", "28221", "北嶋", inference: "old name 篠山市", in: geocoder)
        assertTown("浜松市中区高丘町1", "22131", "高丘町", in: geocoder)
        assertTown("静岡県浜松市中央区有玉北町1", "22132", "有玉北町",
                   inference: "old name 浜松市中央区; decided by the town among the 2 municipalities '浜松市中央区' fits", in: geocoder)
        XCTAssertEqual(geocoder.geocode("浜松市中央区"), .ambiguous(codes: ["22131", "22132"], reason:
            "'浜松市中央区' fits 2 municipalities (静岡県浜松市中区 22131, 静岡県浜松市東区 22132); no town is given"))
    }
}
