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
        var cost = [Float](repeating: 0, count: (n + 1) * width)
        let single = values.map { Float($0) }
        if n >= 1 {
            for j in 1...classes { firstOfLastClass[width + j] = 1 }
        }
        if n >= 2 {
            firstOfLastClass.withUnsafeMutableBufferPointer { first in
                cost.withUnsafeMutableBufferPointer { cost in
                    single.withUnsafeBufferPointer { single in
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
}
