/// The few NumPy operations whose rounding decides mapclassify's breaks, reproduced operation
/// for operation so investmap's breaks are bit-identical to mapclassify's (a mean or a
/// percentile computed another way can differ in the last bit, and a break that differs in the
/// last bit can move a value to the next class).
enum NumPyArithmetic {
    /// `np.arange(start, stop, step)` for doubles: ceil((stop - start) / step) values; the
    /// first is `start`, the second `start + step`, and the others `start + i * delta` with
    /// `delta` = second − first (NumPy's `DOUBLE_fill`).
    static func arange(start: Double, stop: Double, step: Double) -> [Double] {
        let length = ((stop - start) / step).rounded(.up)
        guard length >= 1, length.isFinite else { return [] }
        let count = Int(length)
        var values = [start]
        guard count > 1 else { return values }
        values.append(start + step)
        let delta = values[1] - values[0]
        for i in 2..<count { values.append(start + Double(i) * delta) }
        return values
    }

    /// `np.sum` of doubles: NumPy's pairwise summation (blocks of at most 128 values summed in
    /// eight interleaved accumulators, halves split on multiples of eight).
    static func sum(_ values: ArraySlice<Double>) -> Double {
        let n = values.count
        let start = values.startIndex
        if n < 8 {
            var result = 0.0
            for value in values { result += value }
            return result
        }
        if n <= 128 {
            var r = Array(values[start..<start + 8])
            var i = 8
            while i < n - n % 8 {
                for j in 0..<8 { r[j] += values[start + i + j] }
                i += 8
            }
            var result = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n {
                result += values[start + i]
                i += 1
            }
            return result
        }
        var half = n / 2
        half -= half % 8
        return sum(values[start..<start + half]) + sum(values[(start + half)...])
    }

    /// `np.mean` of doubles: the pairwise sum divided by the count.
    static func mean(_ values: [Double]) -> Double {
        sum(values[...]) / Double(values.count)
    }
}
