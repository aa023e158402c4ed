import Reference
import XCTest
import Ledger

final class LedgerModelTests: XCTestCase {
    func testStatusesHaveSlugsAndJapaneseNames() {
        XCTAssertEqual(ProjectStatus.allCases.map(\.rawValue), ["planned", "under_construction", "operating", "withdrawn"])
        XCTAssertEqual(ProjectStatus.underConstruction.japaneseName, "建設中")
    }
}
