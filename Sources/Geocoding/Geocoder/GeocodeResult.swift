/// What `AddressGeocoder.geocode` found for an address, from the most to the least precise.
public enum GeocodeResult: Sendable, Equatable {
    /// The town (町丁目/大字, and its 小字 when the address names one) and its representative point.
    case town(TownMatch)
    /// The municipality is certain but no town with a point matched; `note` says why
    /// ("town not found in 札幌市中央区: '旭ケ丘九丁目5'").
    case municipality(MunicipalityMatch, note: String)
    /// The address fits several municipalities and nothing in it decides between them: their
    /// codes (sorted) and why ("'美郷町' fits 3 municipalities …").
    case ambiguous(codes: [String], reason: String)
    /// No municipality matches the address; `reason` says what was read.
    case unmatched(reason: String)
}

/// The municipality an address was located in.
public struct MunicipalityMatch: Sendable, Equatable {
    /// The 5-digit code of the town points (a designated city's ward, not the city).
    public var code5: String
    /// The prefecture as the town points write it (北海道).
    public var prefecture: String
    /// The municipality as the town points write it (札幌市中央区, 石狩郡当別町).
    public var city: String
    /// How the municipality was decided when the address does not name it as the town points do,
    /// for example "old name 篠山市" or "the ward decided by the town (札幌市 without its ward)";
    /// nil when the address names it (with or without its 郡, prefecture or designated city).
    public var inference: String?

    public init(code5: String, prefecture: String, city: String, inference: String? = nil) {
        self.code5 = code5
        self.prefecture = prefecture
        self.city = city
        self.inference = inference
    }
}

/// The town an address was located in, with its point.
public struct TownMatch: Sendable, Equatable {
    public var municipality: MunicipalityMatch
    /// The town as the town points write it (旭ケ丘一丁目, 字近文七線, （大字なし）).
    public var town: String
    /// The 小字 named by the address, when the town points have it; nil otherwise.
    public var koaza: String?
    /// The point of the 小字, else of the town (WGS 84 degrees).
    public var latitude: Double
    public var longitude: Double

    public init(municipality: MunicipalityMatch, town: String, koaza: String?, latitude: Double, longitude: Double) {
        self.municipality = municipality
        self.town = town
        self.koaza = koaza
        self.latitude = latitude
        self.longitude = longitude
    }

    /// The municipality's code (`municipality.code5`).
    public var code5: String { municipality.code5 }
}
