/// mapclassify.FisherJenks: Fisher's exact optimal partition of the sorted values into k
/// classes (minimum total within-class sum of squared deviations), by dynamic programming over
/// every (last value, class count) pair: O(n²·k) time, O(n·k) memory. Written here because no
/// Swift package offers it; it follows mapclassify's `_fisher_jenks_means` step for step,
/// including its single-precision (Float32) sums and costs and its tie rule (the later
/// candidate wins), so the breaks are the same data values mapclassify returns. In single
/// precision the sums of squares of large values (yen amounts, ~1e12) lose low digits, so the
/// partition is optimal up to that rounding — exactly as mapclassify's is.
enum FisherJenksBreaks {
    static func breaks(sorted values: [Double], classes: Int) -> [Double] {
        let n = values.count
        let width = classes + 1
        // firstOfLastClass[l·width + j]: 1-based index of the first value of the last class in
        // the best partition of values 1…l into j classes (mapclassify's mat1);
        // cost[l·width + j]: that partition's cost (mat2).
        var firstOfLastClass = [Int32](repeating: 0, count: (n + 1) * width)
        // Eight values of padding: the vector loads below read up to 7 past a row's start.
        var cost = [Float](repeating: 0, count: (n + 1) * width + 8)
        let single = values.map { Float($0) }
        if n >= 1 {
            for j in 1...classes { firstOfLastClass[width + j] = 1 }
        }
        if n >= 2 {
            firstOfLastClass.withUnsafeMutableBufferPointer { first in
                cost.withUnsafeMutableBufferPointer { cost in
                    single.withUnsafeBufferPointer { single in
                        if width <= 8 && n < 1 << 24 {
                            Self.fillVectorised(first: first, cost: cost, single: single, n: n, classes: classes)
                        } else {
                            Self.fill(first: first, cost: cost, single: single, n: n, classes: classes)
                        }
                    }
                }
            }
        }
        // Walk back from the whole series; indices below 0 wrap around as NumPy's do.
        var bounds = [Double](repeating: 0, count: classes + 1)
        bounds[classes] = values[n - 1]
        bounds[0] = values[0]
        var k = n
        var classNumber = classes
        while classNumber > 1 {
            let row = k >= 0 ? k : n + 1 + k
            let pivot = Int(firstOfLastClass[row * width + classNumber])
            let index = pivot - 2
            bounds[classNumber - 1] = values[index >= 0 ? index : n + index]
            k = pivot - 1
            classNumber -= 1
        }
        return Array(bounds.dropFirst())
    }

    /// The table, one candidate at a time (any number of classes).
    private static func fill(first: UnsafeMutableBufferPointer<Int32>, cost: UnsafeMutableBufferPointer<Float>,
                             single: UnsafeBufferPointer<Float>, n: Int, classes: Int) {
        let width = classes + 1
        for l in 2...n {
            for j in 1...classes { cost[l * width + j] = .infinity }
        }
        for l in 2...n {
            let row = l * width
            var sum: Float = 0, sumOfSquares: Float = 0, count: Float = 0, variance: Float = 0
            // The last class runs from value i3 to value l, growing downwards.
            for m in 1...l {
                let i3 = l - m + 1
                let value = single[i3 - 1]
                sumOfSquares += value * value
                sum += value
                count += 1
                variance = sumOfSquares - (sum * sum) / count
                let i4 = i3 - 1
                guard i4 != 0, classes >= 2 else { continue }
                let previous = i4 * width
                for j in 2...classes {
                    let candidate = variance + cost[previous + j - 1]
                    if cost[row + j] >= candidate {
                        first[row + j] = Int32(i3)
                        cost[row + j] = candidate
                    }
                }
            }
            first[row + 1] = 1
            cost[row + 1] = variance
        }
    }

    /// The same table in SIMD8 vectors (up to 7 classes, the usual case), about three times as
    /// fast: the class sums of eight rows at once, one row per lane, and then, row by row, the
    /// class counts side by side in the lanes, the row's costs in a register while its last
    /// class grows. Each lane does exactly the scalar single-precision operations and the
    /// comparisons come in the same order (the later candidate wins a tie), so the table is the
    /// same value for value.
    private static func fillVectorised(first: UnsafeMutableBufferPointer<Int32>, cost: UnsafeMutableBufferPointer<Float>,
                                       single: UnsafeBufferPointer<Float>, n: Int, classes: Int) {
        let width = classes + 1
        // Values with 8 zeros in front: lane k of the rows from l0 reads value l0 + k − m + 1
        // (1-based) at padded[l0 + k − m + 8].
        let padded = UnsafeMutableBufferPointer<Float>.allocate(capacity: n + 16)
        defer { padded.deallocate() }
        padded.initialize(repeating: 0)
        for i in 0..<n { padded[i + 8] = single[i] }
        // The cost of one class over values l−m+1…l of eight rows l0…l0+7 (one per lane), for
        // m = 1…l0+7: vector m − 1.
        let variances = UnsafeMutableRawPointer.allocate(byteCount: (n + 8) * MemoryLayout<SIMD8<Float>>.stride,
                                                          alignment: MemoryLayout<SIMD8<Float>>.alignment)
        defer { variances.deallocate() }
        // NaN in the lanes that take no candidate (j = 0, 1 and above the class count): no cost
        // is ≥ NaN, and adding 0 leaves the others exactly as they are.
        var laneBias = SIMD8<Float>(repeating: .nan)
        if classes >= 2 { for j in 2...classes { laneBias[j] = 0 } }
        let costBase = cost.baseAddress!, values = padded.baseAddress!
        var l0 = 2
        while l0 <= n {
            // Summed from l downwards as the scalar loop sums, each lane doing exactly its
            // operations (so the same single-precision values), the divisions eight at once.
            var sum = SIMD8<Float>(repeating: 0), sumOfSquares = SIMD8<Float>(repeating: 0), count = SIMD8<Float>(repeating: 0)
            let last = min(n, l0 + 7)
            for m in 1...last {
                let value = UnsafeRawPointer(values + (l0 - m + 8)).loadUnaligned(as: SIMD8<Float>.self)
                sumOfSquares += value * value
                sum += value
                count += 1
                variances.storeBytes(of: sumOfSquares - (sum * sum) / count, toByteOffset: (m - 1) * MemoryLayout<SIMD8<Float>>.stride,
                                     as: SIMD8<Float>.self)
            }
            let lanes = variances.assumingMemoryBound(to: Float.self)
            for l in l0...last {
                let lane = l - l0, row = l * width
                var rowCost = SIMD8<Float>(repeating: .infinity)
                // Value indices as floats (exact below 2^24): one comparison mask serves both.
                var rowFirst = SIMD8<Float>(repeating: 0)
                if classes >= 2 {
                    for m in 1..<l {
                        let i3 = l - m + 1
                        // Lane j takes cost[(i3 − 1)·width + j − 1]: the row of i3 − 1, shifted by one.
                        let shifted = UnsafeRawPointer(costBase + ((i3 - 1) * width - 1)).loadUnaligned(as: SIMD8<Float>.self)
                        let candidate = (lanes[(m - 1) * 8 + lane] + shifted) + laneBias
                        let better = rowCost .>= candidate
                        rowCost.replace(with: candidate, where: better)
                        rowFirst.replace(with: Float(i3), where: better)
                    }
                }
                for j in 2..<max(2, classes + 1) {
                    cost[row + j] = rowCost[j]
                    first[row + j] = Int32(rowFirst[j])
                }
                first[row + 1] = 1
                cost[row + 1] = lanes[(l - 1) * 8 + lane]
            }
            l0 += 8
        }
    }
}
