import XCTest
import Cartography

final class DataCreditsTests: XCTestCase {
    func testTheMLITCreditIsWordedAsItsTermsRequire() {
        XCTAssertEqual(DataCredits.boundaries, "国土数値情報（行政区域データ）（国土交通省）を加工して作成")
        XCTAssertEqual(DataCredits.all.count, 3)
    }
}
