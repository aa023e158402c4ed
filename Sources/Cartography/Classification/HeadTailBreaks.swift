/// mapclassify.HeadTailBreaks: the mean of the values, then the mean of the values above it
/// (the head), and so on while the head holds more than one distinct value. A mean equal to the
/// previous one ends the series (mapclassify's guard against floating-point loops).
enum HeadTailBreaks {
    static func breaks(_ values: [Double]) -> [Double] {
        var cuts: [Double] = []
        var head = values
        while true {
            let mean = NumPyArithmetic.mean(head)
            if let last = cuts.last, last == mean { return cuts }
            cuts.append(mean)
            guard let first = head.first, head.contains(where: { $0 != first }) else { return cuts }
            head = head.filter { $0 > mean }
        }
    }
}
