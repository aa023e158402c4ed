/// What `investmap stats` measures per unit.
public enum StatisticsMetric: String, CaseIterable, Sendable {
    /// Number of projects.
    case count
    /// Total investment, yen.
    case amount
    /// Total jobs.
    case jobs
    /// Yen per inhabitant (2020 census); no data where the population is unknown.
    case amountPerCapita = "amount_per_capita"
    /// Projects per 100,000 inhabitants.
    case countPer100k = "count_per_100k"
    /// Yen per km² of the unit's area on the ellipsoid.
    case amountPerKm2 = "amount_per_km2"

    /// Whether the metric divides by population.
    public var needsPopulation: Bool { self == .amountPerCapita || self == .countPer100k }
}

/// The levels statistics are given at: the store's unit levels plus the whole nation.
public enum StatisticsLevel: String, CaseIterable, Sendable {
    case ward
    case municipality
    case prefecture
    case bureau
    case nation
}
