import Foundation

/// Numbers as a Japanese legend writes them: thousands separated by commas, a fixed number of
/// decimals shared by the whole legend (the fewest that still tell every bound apart).
public enum JapaneseNumberText {
    /// `value` with `decimals` decimals and comma-separated thousands: "12,345.6".
    public static func text(_ value: Double, decimals: Int) -> String {
        var fixed = String(format: "%.\(decimals)f", value)
        if Double(fixed) == 0 { fixed = String(format: "%.\(decimals)f", 0.0) }  // no "-0.0"
        let negative = fixed.hasPrefix("-")
        if negative { fixed.removeFirst() }
        let parts = fixed.split(separator: ".", maxSplits: 1)
        let whole = Array(parts[0])
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + grouped + fraction
    }

    /// The fewest decimals (0 … 4) with which the increasing `values` stay distinct and no
    /// non-zero value reads as 0.
    public static func decimals(for values: [Double]) -> Int {
        for decimals in 0...3 {
            let texts = values.map { text($0, decimals: decimals) }
            let distinct = zip(values, values.dropFirst()).enumerated().allSatisfy { index, pair in
                pair.0 == pair.1 || texts[index] != texts[index + 1]
            }
            let noFalseZero = zip(values, texts).allSatisfy { value, text in value == 0 || Double(text.replacingOccurrences(of: ",", with: "")) != 0 }
            if distinct && noFalseZero { return decimals }
        }
        return 4
    }
}
