import Reference

/// How a metric reads on a map: its Japanese name and the unit its legend uses. Yen figures are
/// shown in 億円 (10⁸ yen) or 万円 (10⁴ yen) as Japanese reports write them, chosen by the largest
/// value drawn; counts in 件, jobs in 人.
public struct MetricPresentation: Sendable, Equatable {
    /// E.g. "投資額".
    public var name: String
    /// E.g. "億円", "件/10万人".
    public var unit: String
    /// Values are divided by this before they are written.
    public var divisor: Double
    /// Whether the metric only takes whole values (counts, jobs): class ranges then start at the
    /// next whole number ("3 – 5" rather than "2 – 5").
    public var integral: Bool

    public init(name: String, unit: String, divisor: Double, integral: Bool) {
        self.name = name
        self.unit = unit
        self.divisor = divisor
        self.integral = integral
    }

    /// The presentation of `metric` for values up to `largest` (its absolute value).
    public static func of(_ metric: StatisticsMetric, largest: Double) -> MetricPresentation {
        func yen(_ name: String, per suffix: String) -> MetricPresentation {
            let magnitude = abs(largest)
            if magnitude >= 1e8 { return MetricPresentation(name: name, unit: "億円" + suffix, divisor: 1e8, integral: false) }
            if magnitude >= 1e4 { return MetricPresentation(name: name, unit: "万円" + suffix, divisor: 1e4, integral: false) }
            return MetricPresentation(name: name, unit: "円" + suffix, divisor: 1, integral: false)
        }
        switch metric {
        case .count: return MetricPresentation(name: "投資支援件数", unit: "件", divisor: 1, integral: true)
        case .support: return yen("投資支援総額", per: "")
        case .totalInvestment: return yen("総投資額", per: "")
        case .jobs: return MetricPresentation(name: "雇用創出数", unit: "人", divisor: 1, integral: true)
        case .supportPerCapita: return yen("人口1人あたり投資支援額", per: "/人")
        case .totalInvestmentPerCapita: return yen("人口1人あたり総投資額", per: "/人")
        case .countPer100k: return MetricPresentation(name: "人口10万人あたり投資支援件数", unit: "件/10万人", divisor: 1, integral: false)
        case .supportPerKm2: return yen("面積1km²あたり投資支援額", per: "/km²")
        case .totalInvestmentPerKm2: return yen("面積1km²あたり総投資額", per: "/km²")
        }
    }

    /// "投資額（億円）".
    public var heading: String { "\(name)（\(unit)）" }
}
