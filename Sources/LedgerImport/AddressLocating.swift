import GeoCore

/// What an address geocoder made of one address (`ProjectPlacer` takes any geocoder through
/// this, so the importer does not depend on how addresses are matched).
public enum AddressMatch: Sendable, Equatable {
    /// Located to a town (町丁目 / 大字): its municipality code, name and representative point.
    case town(code5: String, town: String, point: Coordinate)
    /// The municipality is certain, the town is not: why (the note a row carries).
    case municipality(code5: String, note: String)
    /// Several municipalities fit (美郷町 without its prefecture): their codes and why.
    case ambiguous(codes: [String], reason: String)
    /// No municipality fits.
    case unmatched(reason: String)
}

/// Geocodes addresses to towns and municipalities.
public protocol AddressLocating: Sendable {
    func locate(address: String) -> AddressMatch
}
