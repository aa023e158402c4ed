import XCTest
import Cartography

/// Classification on small hand-made inputs whose answers are known; each expectation was also
/// checked with mapclassify 2.10 (e.g. `python3 -c "import mapclassify as mc, numpy as np;
/// c = mc.FisherJenks(np.array([1,2,3,10,11,12,20,21,22.]), k=3); print(c.bins, c.counts)"`).
final class ClassificationTests: XCTestCase {
    func testFisherJenksFindsTheObviousGroups() throws {
        let result = try Classification.classify([1, 2, 3, 10, 11, 12, 20, 21, 22], method: .fisherJenks, classes: 3)
        XCTAssertEqual(result.breaks, [3, 12, 22])
        XCTAssertEqual(result.counts, [3, 3, 3])
        XCTAssertEqual(result.minimum, 1)
    }

    func testFisherJenksBreaksDoNotDependOnTheOrder() throws {
        let values: [Double?] = [22, 1, 12, 3, 21, 10, 2, 20, 11]
        let result = try Classification.classify(values, method: .fisherJenks, classes: 3)
        XCTAssertEqual(result.breaks, [3, 12, 22])
    }

    func testFisherJenksWithTiesGivesOneClassPerDistinctValueWhenKEqualsThem() throws {
        // mc.FisherJenks(np.array([1.,1,1,2,2,3,3,3,3,4]), k=4) → [1, 2, 3, 4], [3, 2, 4, 1]
        let result = try Classification.classify([1, 1, 1, 2, 2, 3, 3, 3, 3, 4], method: .fisherJenks, classes: 4)
        XCTAssertEqual(result.breaks, [1, 2, 3, 4])
        XCTAssertEqual(result.counts, [3, 2, 4, 1])
    }

    func testQuantilesInterpolateBetweenRanks() throws {
        // mc.Quantiles(np.arange(1, 11.), k=4) → [3.25, 5.5, 7.75, 10], [3, 2, 2, 3]
        let result = try Classification.classify((1...10).map { Double($0) }, method: .quantiles, classes: 4)
        XCTAssertEqual(result.breaks, [3.25, 5.5, 7.75, 10])
        XCTAssertEqual(result.counts, [3, 2, 2, 3])
    }

    func testQuantilesMergeBreaksThatTiesMakeEqual() throws {
        // mc.Quantiles(np.array([1.]*10 + [2,3,4,5,6]), k=5) → [1, 3.200000000000001, 6], [10, 2, 3]
        let values = Array(repeating: 1.0, count: 10) + [2, 3, 4, 5, 6]
        let result = try Classification.classify(values, method: .quantiles, classes: 5)
        XCTAssertEqual(result.breaks, [1, 3.200000000000001, 6])
        XCTAssertEqual(result.counts, [10, 2, 3])
    }

    func testQuantilesOfNegativeValues() throws {
        // mc.Quantiles(np.array([-3.,-1,0,2,7]), k=2) → [0, 7], [3, 2]
        let result = try Classification.classify([-3, -1, 0, 2, 7], method: .quantiles, classes: 2)
        XCTAssertEqual(result.breaks, [0, 7])
        XCTAssertEqual(result.counts, [3, 2])
    }

    func testEqualIntervalSplitsTheRangeEvenly() throws {
        // mc.EqualInterval(np.arange(0, 11.), k=5) → [2, 4, 6, 8, 10], [3, 2, 2, 2, 2]
        let result = try Classification.classify((0...10).map { Double($0) }, method: .equalInterval, classes: 5)
        XCTAssertEqual(result.breaks, [2, 4, 6, 8, 10])
        XCTAssertEqual(result.counts, [3, 2, 2, 2, 2])
        // mc.EqualInterval(np.array([0.1, 0.2, 0.7]), k=3) → [0.3, 0.5, 0.7], [2, 0, 1]
        let decimals = try Classification.classify([0.1, 0.2, 0.7], method: .equalInterval, classes: 3)
        XCTAssertEqual(decimals.breaks, [0.3, 0.5, 0.7])
        XCTAssertEqual(decimals.counts, [2, 0, 1])
    }

    func testHeadTailBreaksFollowTheHead() throws {
        // mc.HeadTailBreaks(np.array([1,2,3,4,100.])) → [22, 100], [4, 1]
        let result = try Classification.classify([1, 2, 3, 4, 100], method: .headTail)
        XCTAssertEqual(result.breaks, [22, 100])
        XCTAssertEqual(result.counts, [4, 1])
    }

    func testHeadTailBreaksIgnoreTheClassCount() throws {
        let result = try Classification.classify([1, 2, 3, 4, 100], method: .headTail, classes: 99)
        XCTAssertEqual(result.classCount, 2)
    }

    func testManualBreaksGetTheMaximumAppendedWhenTheyStopBelowIt() throws {
        // mc.UserDefined(np.arange(0, 9.), [1, 5]) → [1, 5, 8], [2, 4, 3]
        let below = try Classification.classify((0...8).map { Double($0) }, method: .manual([1, 5]))
        XCTAssertEqual(below.breaks, [1, 5, 8])
        XCTAssertEqual(below.counts, [2, 4, 3])
        // mc.UserDefined(np.arange(0, 9.), [1, 5, 10]) → [1, 5, 10], [2, 4, 3]
        let above = try Classification.classify((0...8).map { Double($0) }, method: .manual([1, 5, 10]))
        XCTAssertEqual(above.breaks, [1, 5, 10])
        XCTAssertEqual(above.counts, [2, 4, 3])
    }

    func testAllEqualValues() throws {
        // Head/tail: one class at the value (mc.HeadTailBreaks(np.array([5.,5,5])) → [5], [3]).
        let headTail = try Classification.classify([5, 5, 5], method: .headTail)
        XCTAssertEqual(headTail.breaks, [5])
        XCTAssertEqual(headTail.counts, [3])
        // Count-based methods: a clear error, not one class in disguise.
        for method in [ClassificationMethod.quantiles, .equalInterval, .fisherJenks] {
            XCTAssertThrowsError(try Classification.classify([5, 5, 5], method: method, classes: 2), method.name) { error in
                XCTAssertEqual((error as? ClassificationError)?.reason, .tooFewDistinctValues(distinct: 1, classes: 2))
                XCTAssertEqual("\(error)", "2 classes asked for but only 1 distinct value to classify: ask for at most 1 class")
            }
        }
    }

    func testMoreClassesThanDistinctValuesIsAClearError() {
        XCTAssertThrowsError(try Classification.classify([1, 2, 2, 3, 3, 3], method: .fisherJenks, classes: 4)) { error in
            XCTAssertEqual((error as? ClassificationError)?.reason, .tooFewDistinctValues(distinct: 3, classes: 4))
            XCTAssertTrue("\(error)".contains("only 3 distinct values"), "\(error)")
        }
    }

    func testClassCountOutsideTwoToTwelveIsAnError() {
        for k in [1, 13, 0, -3] {
            XCTAssertThrowsError(try Classification.classify((1...50).map { Double($0) }, method: .quantiles, classes: k)) { error in
                XCTAssertEqual((error as? ClassificationError)?.reason, .classCountOutOfRange(k))
                XCTAssertTrue("\(error)".contains("between 2 and 12"), "\(error)")
            }
        }
    }

    func testManualBreaksMustIncrease() {
        XCTAssertThrowsError(try Classification.classify([1, 2, 3], method: .manual([1, 3, 2]))) { error in
            XCTAssertEqual((error as? ClassificationError)?.reason, .manualBreaksNotIncreasing(index: 2))
        }
        XCTAssertThrowsError(try Classification.classify([1, 2, 3], method: .manual([1, 1]))) { error in
            XCTAssertEqual((error as? ClassificationError)?.reason, .manualBreaksNotIncreasing(index: 1))
        }
        XCTAssertThrowsError(try Classification.classify([1, 2, 3], method: .manual([]))) { error in
            XCTAssertEqual((error as? ClassificationError)?.reason, .noManualBreaks)
        }
        XCTAssertThrowsError(try Classification.classify([1, 2, 3], method: .manual([1, .nan]))) { error in
            XCTAssertEqual((error as? ClassificationError)?.reason, .manualBreakNotFinite(index: 1))
        }
    }

    func testNothingToClassifyIsAnError() {
        XCTAssertThrowsError(try Classification.classify([nil, .nan], method: .headTail)) { error in
            XCTAssertEqual((error as? ClassificationError)?.reason, .noValues)
        }
        XCTAssertThrowsError(try Classification.classify([0, 0, nil], method: .quantiles, classes: 2, zeroAsOwnClass: true)) { error in
            XCTAssertEqual((error as? ClassificationError)?.reason, .noValues)
            XCTAssertEqual("\(error)", "no value to classify: all 3 values are zero or missing")
        }
    }

    func testInfiniteValuesAreRejected() {
        XCTAssertThrowsError(try Classification.classify([1, .infinity, 3], method: .quantiles, classes: 2)) { error in
            XCTAssertEqual((error as? ClassificationError)?.reason, .infiniteValue(index: 1))
        }
    }

    func testZeroIsItsOwnClassOnlyWhenAskedFor() throws {
        let values: [Double?] = [0, 0, 1, 2, 3, 10, 11, 12, nil, .nan]
        let apart = try Classification.classify(values, method: .fisherJenks, classes: 2, zeroAsOwnClass: true)
        XCTAssertEqual(apart.breaks, [3, 12])
        XCTAssertEqual(apart.counts, [3, 3])
        XCTAssertEqual(apart.zeroCount, 2)
        XCTAssertEqual(apart.noDataCount, 2)
        XCTAssertEqual(apart.classOf(0), .zero)
        let together = try Classification.classify(values, method: .fisherJenks, classes: 2)
        XCTAssertEqual(together.breaks, [3, 12])
        XCTAssertEqual(together.counts, [5, 3])
        XCTAssertEqual(together.zeroCount, 0)
        XCTAssertEqual(together.classOf(0), .class(0))
    }

    func testClassOfUsesUpperBoundsInclusively() {
        let classification = Classification(method: .manual([10, 20, 30]), breaks: [10, 20, 30], counts: [1, 1, 1])
        XCTAssertEqual(classification.classOf(-5), .class(0))
        XCTAssertEqual(classification.classOf(10), .class(0))
        XCTAssertEqual(classification.classOf(10.000001), .class(1))
        XCTAssertEqual(classification.classOf(20), .class(1))
        XCTAssertEqual(classification.classOf(30), .class(2))
        XCTAssertEqual(classification.classOf(31), .class(2), "above the last bound: the last class")
        XCTAssertEqual(classification.classOf(nil), .noData)
        XCTAssertEqual(classification.classOf(.nan), .noData)
        XCTAssertEqual(classification.classOf(0), .class(0), "zero is an ordinary value unless zeroAsOwnClass")
    }

    func testCountsAreTheTallyOfClassOf() throws {
        let values = ClassificationSample.values(count: 500, seed: 11)
        let result = try Classification.classify(values, method: .quantiles, classes: 6)
        var tally = Array(repeating: 0, count: result.classCount)
        for value in values { if case .class(let i) = result.classOf(value) { tally[i] += 1 } }
        XCTAssertEqual(tally, result.counts)
        XCTAssertEqual(result.counts.reduce(0, +), 500)
    }

    func testMethodNames() {
        XCTAssertEqual([ClassificationMethod.quantiles, .equalInterval, .fisherJenks, .headTail, .manual([1])].map(\.name),
                       ["quantiles", "equal-interval", "fisher-jenks", "head-tail", "manual"])
        XCTAssertEqual(ClassificationMethod.fisherJenks.mapclassifyName, "FisherJenks")
    }
}
