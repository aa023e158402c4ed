/// What `investmap stats`, the maps, the tiles and the service measure per unit.
public enum StatisticsMetric: String, CaseIterable, Sendable {
    /// Number of cases (投資支援件数).
    case count
    /// Total support granted, yen (投資支援総額).
    case support
    /// Total investment, private share included, yen (総投資額).
    case totalInvestment = "total_investment"
    /// Total jobs.
    case jobs
    /// Support per inhabitant (2020 census); no data where the population is unknown.
    case supportPerCapita = "support_per_capita"
    /// Total investment per inhabitant.
    case totalInvestmentPerCapita = "total_investment_per_capita"
    /// Cases per 100,000 inhabitants.
    case countPer100k = "count_per_100k"
    /// Support per km² of the unit's area on the ellipsoid.
    case supportPerKm2 = "support_per_km2"
    /// Total investment per km².
    case totalInvestmentPerKm2 = "total_investment_per_km2"

    /// The names before the ledger had two amounts: the one amount was the total investment,
    /// so `amount`, `amount_per_capita` and `amount_per_km2` still name these metrics.
    public static let formerNames: [String: StatisticsMetric] = [
        "amount": .totalInvestment, "amount_per_capita": .totalInvestmentPerCapita, "amount_per_km2": .totalInvestmentPerKm2,
    ]

    /// The metric a name means: its own name, or a former one.
    public init?(name: String) {
        guard let metric = StatisticsMetric(rawValue: name) ?? Self.formerNames[name] else { return nil }
        self = metric
    }

    /// Every name a metric may be given by, its own first.
    public static var allNames: [String] { allCases.map(\.rawValue) + formerNames.keys.sorted() }

    /// Whether the metric divides by population.
    public var needsPopulation: Bool { [.supportPerCapita, .totalInvestmentPerCapita, .countPer100k].contains(self) }

    /// Whether the metric divides by area.
    public var needsArea: Bool { self == .supportPerKm2 || self == .totalInvestmentPerKm2 }
}

/// The levels statistics are given at: the store's unit levels plus the whole nation.
public enum StatisticsLevel: String, CaseIterable, Sendable {
    case ward
    case municipality
    case prefecture
    case bureau
    case nation
}
