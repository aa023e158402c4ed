import XCTest
import Cartography

/// investmap's breaks against mapclassify 2.10's on the same values: the seeded lognormal
/// sample of `ClassificationSample` (1,882 values, as many as the N03 wards and municipalities).
/// The expected bins and counts are literals printed once by
///
///     python3 Scripts/bench_peer/classify_peer.py --sample 1882 --seed 42 --k 7 --method METHOD --repeat 1
///
/// (mapclassify 2.10.0, numpy 2.4.6; `--sample N --seed S` generates the same values as
/// `ClassificationSample.values(count: N, seed: S)`), so they are equal to the bit, not nearly.
final class ClassificationMapclassifyTests: XCTestCase {
    let sample = ClassificationSample.values(count: 1882, seed: 42)

    func testTheSampleIsTheOneThePeerGenerates() {
        // classify_peer.py: lcg_sample(1882, 42)[:12], min, max, distinct values.
        XCTAssertEqual(Array(sample.prefix(12)), [22299621, 901126837, 1907919850, 3851149159, 12335256, 4806574800, 500326979,
                                                   4668721148, 1045126848, 12335256, 1217536237, 135218080])
        XCTAssertEqual(sample.min(), 486541)
        XCTAssertEqual(sample.max(), 676132997603)
        XCTAssertEqual(Set(sample).count, 1694)
    }

    func testFisherJenksEqualsMapclassifyOnTheSample() throws {
        // classify_peer.py --sample 1882 --seed 42 --k 7 --method fisher-jenks
        let result = try Classification.classify(sample, method: .fisherJenks, classes: 7)
        XCTAssertEqual(result.breaks, [10119702656.0, 33837280696.0, 80671120309.0, 141276100147.0, 187448724239.0, 393970012335.0, 676132997603.0])
        XCTAssertEqual(result.counts, [1667, 150, 47, 8, 6, 2, 2])
    }

    func testFisherJenksEqualsMapclassifyOnOtherSizesAndClassCounts() throws {
        // classify_peer.py --sample 300 --seed 7 --k 5 --method fisher-jenks
        let five = try Classification.classify(ClassificationSample.values(count: 300, seed: 7), method: .fisherJenks, classes: 5)
        XCTAssertEqual(five.breaks, [14741453171.0, 39565925200.0, 72483433948.0, 181579028996.0, 395398470548.0])
        XCTAssertEqual(five.counts, [273, 16, 6, 4, 1])
        // classify_peer.py --sample 200 --seed 3 --k 12 --method fisher-jenks
        let twelve = try Classification.classify(ClassificationSample.values(count: 200, seed: 3), method: .fisherJenks, classes: 12)
        XCTAssertEqual(twelve.breaks, [1340106620.0, 3843529059.0, 7508158842.0, 11677407898.0, 22132420922.0, 36452639422.0, 47500434171.0,
                                       68018041195.0, 98180996746.0, 138873643851.0, 175621430608.0, 1414989323722.0])
        XCTAssertEqual(twelve.counts, [103, 42, 27, 10, 5, 4, 3, 1, 2, 1, 1, 1])
        // classify_peer.py --sample 1000 --seed 11 --k 3 --method fisher-jenks
        let three = try Classification.classify(ClassificationSample.values(count: 1000, seed: 11), method: .fisherJenks, classes: 3)
        XCTAssertEqual(three.breaks, [31458157345.0, 165855730304.0, 893824969621.0])
        XCTAssertEqual(three.counts, [959, 38, 3])
        // classify_peer.py --sample 700 --seed 13 --k 6 --method fisher-jenks
        let six = try Classification.classify(ClassificationSample.values(count: 700, seed: 13), method: .fisherJenks, classes: 6)
        XCTAssertEqual(six.breaks, [7346991050.0, 28402244528.0, 73836825635.0, 125718527228.0, 261166530770.0, 345430933304.0])
        XCTAssertEqual(six.counts, [592, 85, 17, 3, 1, 2])
        // classify_peer.py --sample 100 --seed 5 --k 2 --method fisher-jenks
        let two = try Classification.classify(ClassificationSample.values(count: 100, seed: 5), method: .fisherJenks, classes: 2)
        XCTAssertEqual(two.breaks, [21556279009.0, 94869692538.0])
        XCTAssertEqual(two.counts, [94, 6])
    }

    func testQuantilesEqualMapclassifyOnTheSample() throws {
        // classify_peer.py --sample 1882 --seed 42 --k 7 --method quantiles
        let seven = try Classification.classify(sample, method: .quantiles, classes: 7)
        XCTAssertEqual(seven.breaks, [110319401.0, 320614553.0, 741588277.571429, 1517985024.5714307, 3049506366.0, 7863246281.857147, 676132997603.0])
        XCTAssertEqual(seven.counts, [269, 270, 268, 268, 270, 268, 269])
        // … --k 3
        let three = try Classification.classify(sample, method: .quantiles, classes: 3)
        XCTAssertEqual(three.breaks, [437682459.0, 2439983736.0000014, 676132997603.0])
        XCTAssertEqual(three.counts, [630, 625, 627])
        // … --k 12
        let twelve = try Classification.classify(sample, method: .quantiles, classes: 12)
        XCTAssertEqual(twelve.breaks, [56774090.500000015, 130686635.00000001, 248414768.0, 437682459.0, 716882994.5, 1020047792.5000018,
                                       1596728106.0, 2439983736.0000014, 3852115252.0, 6810296606.499996, 14936476448.000027, 676132997603.0])
        XCTAssertEqual(twelve.counts, [157, 157, 157, 159, 154, 157, 157, 157, 156, 157, 157, 157])
    }

    func testEqualIntervalEqualsMapclassifyOnTheSample() throws {
        // classify_peer.py --sample 1882 --seed 42 --k 7 --method equal-interval
        let seven = try Classification.classify(sample, method: .equalInterval, classes: 7)
        XCTAssertEqual(seven.breaks, [96590845264.14285, 193181203987.2857, 289771562710.4286, 386361921433.5714, 482952280156.71423,
                                      579542638879.857, 676132997603.0])
        XCTAssertEqual(seven.counts, [1865, 13, 0, 1, 1, 0, 2])
        // … --k 11
        let eleven = try Classification.classify(sample, method: .equalInterval, classes: 11)
        XCTAssertEqual(eleven.breaks, [61467078455.72727, 122933670370.45454, 184400262285.18182, 245866854199.9091, 307333446114.63635,
                                       368800038029.36365, 430266629944.09094, 491733221858.8182, 553199813773.5454, 614666405688.2727,
                                       676132997603.0])
        XCTAssertEqual(eleven.counts, [1852, 15, 10, 1, 1, 0, 1, 0, 0, 1, 1])
    }

    func testHeadTailBreaksEqualMapclassifyOnTheSample() throws {
        // classify_peer.py --sample 1882 --seed 42 --method head-tail (the means depend on the
        // values' order, to the last bit, through NumPy's pairwise summation)
        let result = try Classification.classify(sample, method: .headTail)
        XCTAssertEqual(result.breaks, [6501324680.210946, 31104979091.32012, 93519407343.51389, 224111704334.05554, 493555212265.5,
                                       642937898929.0, 676132997603.0])
        XCTAssertEqual(result.counts, [1554, 256, 54, 14, 2, 1, 1])
        // classify_peer.py --sample 300 --seed 7 --method head-tail
        let small = try Classification.classify(ClassificationSample.values(count: 300, seed: 7), method: .headTail)
        XCTAssertEqual(small.breaks, [7897789834.623333, 48398024321.90476, 128041422151.72728, 226844736041.0, 395398470548.0])
        XCTAssertEqual(small.counts, [258, 31, 7, 3, 1])
    }

    func testManualBreaksEqualMapclassifyOnTheSample() throws {
        // classify_peer.py --sample 1882 --seed 42 --method manual --breaks 1e8,1e9,1e10
        let result = try Classification.classify(sample, method: .manual([1e8, 1e9, 1e10]))
        XCTAssertEqual(result.breaks, [100000000.0, 1000000000.0, 10000000000.0, 676132997603.0])
        XCTAssertEqual(result.counts, [249, 685, 730, 218])
    }

    func testZerosAndMissingValuesKeptApartLeaveTheBreaksOfTheOtherValues() throws {
        // The sample with 50 zeros and 20 missing values appended: with zero as its own class,
        // the breaks are the sample's (zeros last, so even head/tail's order is unchanged).
        let padded: [Double?] = sample.map { $0 } + [Double?](repeating: 0, count: 50) + [Double?](repeating: nil, count: 20)
        for method in [ClassificationMethod.quantiles, .equalInterval, .fisherJenks, .headTail, .manual([1e8, 1e9, 1e10])] {
            let plain = try Classification.classify(sample, method: method, classes: 7)
            let kept = try Classification.classify(padded, method: method, classes: 7, zeroAsOwnClass: true)
            XCTAssertEqual(kept.breaks, plain.breaks, method.name)
            XCTAssertEqual(kept.counts, plain.counts, method.name)
            XCTAssertEqual(kept.zeroCount, 50, method.name)
            XCTAssertEqual(kept.noDataCount, 20, method.name)
            XCTAssertEqual(kept.classOf(0), .zero, method.name)
            XCTAssertEqual(kept.classOf(nil), .noData, method.name)
        }
    }

    func testFisherJenksOnTheSampleIsFast() throws {
        // O(n²·k): 1,882 values into 7 classes in milliseconds (mapclassify's pure-Python loop
        // takes seconds). The bound is loose on purpose: the test machine is shared.
        let started = Date()
        _ = try Classification.classify(sample, method: .fisherJenks, classes: 7)
        let seconds = Date().timeIntervalSince(started)
        XCTAssertLessThan(seconds, 0.5, "Fisher–Jenks on 1,882 values took \(seconds) s")
    }
}
