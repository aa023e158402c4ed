/// mapclassify.Quantiles: the scores at percentiles 100/k, 2·100/k, …, 100 (scipy's
/// `scoreatpercentile`, linear interpolation between the two nearest ranks), duplicates removed.
enum QuantileBreaks {
    static func breaks(sorted: [Double], classes k: Int) -> [Double] {
        let width = 100.0 / Double(k)
        var percentiles = NumPyArithmetic.arange(start: width, stop: 100 + width, step: width)
        if let last = percentiles.last, last > 100 { percentiles[percentiles.count - 1] = 100 }
        var scores = percentiles.map { score(sorted: sorted, percentile: $0) }
        scores.sort()
        var unique: [Double] = []
        for score in scores where unique.last != score { unique.append(score) }
        return unique
    }

    /// scipy.stats.scoreatpercentile(values, percentile) with `interpolation_method='fraction'`:
    /// rank = p/100·(n−1); between ranks i and i+1 the weights (i+1−rank) and (rank−i), their
    /// weighted sum divided by the sum of the weights, in scipy's order of operations.
    static func score(sorted: [Double], percentile: Double) -> Double {
        let rank = percentile / 100.0 * Double(sorted.count - 1)
        let lower = Int(rank)
        if Double(lower) == rank { return sorted[lower] }
        let upper = lower + 1
        let lowerWeight = Double(upper) - rank
        let upperWeight = rank - Double(lower)
        return (sorted[lower] * lowerWeight + sorted[upper] * upperWeight) / (lowerWeight + upperWeight)
    }
}
