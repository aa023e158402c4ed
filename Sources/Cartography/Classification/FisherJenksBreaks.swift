/// mapclassify.FisherJenks: Fisher's exact optimal partition of the sorted values into k
/// classes (minimum total within-class sum of squared deviations), by dynamic programming over
/// every (last value, class count) pair: O(n²·k) time (the k class counts of a row side by side in
/// one vector for k ≤ 7), O(n·k) memory. Written here because no
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
                        if width <= 8 {
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

    /// The same table with the class counts of one row in the lanes of a vector (up to 7
    /// classes, the usual case): the same single-precision sums, the same comparisons in the same
    /// order (the later candidate wins a tie), so the same table, about four times as fast. A
    /// row's costs stay in a register while its last class grows.
    private static func fillVectorised(first: UnsafeMutableBufferPointer<Int32>, cost: UnsafeMutableBufferPointer<Float>,
                                       single: UnsafeBufferPointer<Float>, n: Int, classes: Int) {
        let width = classes + 1
        // Lanes j = 2…classes take candidates (j = 1 is the whole series, set after the loop).
        var candidateLanes = SIMDMask<SIMD8<Int32>>(repeating: false)
        if classes >= 2 { for j in 2...classes { candidateLanes[j] = true } }
        let costBase = cost.baseAddress!
        for l in 2...n {
            let row = l * width
            var rowCost = SIMD8<Float>(repeating: .infinity)
            var rowFirst = SIMD8<Int32>(repeating: 0)
            var sum: Float = 0, sumOfSquares: Float = 0, count: Float = 0, variance: Float = 0
            for m in 1...l {
                let i3 = l - m + 1
                let value = single[i3 - 1]
                sumOfSquares += value * value
                sum += value
                count += 1
                variance = sumOfSquares - (sum * sum) / count
                let i4 = i3 - 1
                guard i4 != 0, classes >= 2 else { continue }
                // Lane j reads cost[previous + j - 1]: the row of i4, shifted by one.
                let shifted = UnsafeRawPointer(costBase + (i4 * width - 1)).loadUnaligned(as: SIMD8<Float>.self)
                let candidate = variance + shifted
                let better = (rowCost .>= candidate) .& candidateLanes
                rowCost.replace(with: candidate, where: better)
                rowFirst.replace(with: Int32(i3), where: better)
            }
            for j in 2..<max(2, classes + 1) {
                cost[row + j] = rowCost[j]
                first[row + j] = rowFirst[j]
            }
            first[row + 1] = 1
            cost[row + 1] = variance
        }
    }
}
