/// Numbers as text the way people and CSV readers expect them: the shortest decimal that reads
/// back as the same `Double`, without an exponent, and integers without ".0".
enum NumberText {
    /// 3 → `3`, 0.1 → `0.1`, 12345678901 → `12345678901`, 1e-7 → `0.0000001`,
    /// 1.5e20 → `150000000000000000000`, -0 → `0`. The value must be finite.
    static func plain(_ value: Double) -> String {
        if value == 0 { return "0" }
        // Up to 2^53 every integer is exact.
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
        let shortest = "\(value)"
        guard let exponentMark = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }),
              let exponent = Int(shortest[shortest.index(after: exponentMark)...]) else {
            return shortest.hasSuffix(".0") ? String(shortest.dropLast(2)) : shortest
        }
        var mantissa = shortest[..<exponentMark]
        let sign = mantissa.hasPrefix("-") ? "-" : ""
        if !sign.isEmpty { mantissa = mantissa.dropFirst() }
        let pointIndex = mantissa.firstIndex(of: ".")
        let integerDigits = pointIndex.map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        var digits = mantissa.filter { $0 != "." }
        while digits.count > 1, digits.hasSuffix("0") { digits.removeLast() }
        let point = integerDigits + exponent
        if point <= 0 {
            return sign + "0." + String(repeating: "0", count: -point) + digits
        }
        if point >= digits.count {
            return sign + digits + String(repeating: "0", count: point - digits.count)
        }
        let split = digits.index(digits.startIndex, offsetBy: point)
        return sign + digits[..<split] + "." + digits[split...]
    }
}
