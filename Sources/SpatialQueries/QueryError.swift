/// Why a spatial query cannot be answered: each names what was asked and, for unknown names,
/// the closest valid ones.
public enum QueryError: Error, CustomStringConvertible, Equatable {
    case unknownUnit(code: String, closest: [String])
    case unknownBureau(id: String, closest: [String])
    case unknownPrefecture(code: String, bureau: String?, closest: [String])
    case badDistance(String)
    case outsideJapan(lon: Double, lat: Double)

    public var description: String {
        switch self {
        case let .unknownUnit(code, closest):
            "no unit with code '\(code)' (ward, municipality, prefecture code or bureau id); closest: \(closest.joined(separator: ", "))"
        case let .unknownBureau(id, closest):
            "no bureau '\(id)'; closest: \(closest.joined(separator: ", "))"
        case let .unknownPrefecture(code, bureau, closest):
            "no prefecture '\(code)'\(bureau.map { " in bureau \($0)" } ?? ""); closest: \(closest.joined(separator: ", "))"
        case let .badDistance(reason):
            reason
        case let .outsideJapan(lon, lat):
            "\(lon) \(lat) is outside Japan (longitude 122–154, latitude 20–46)"
        }
    }

    /// Japan's extent with its remote islands, for checking query coordinates.
    public static let japan = (minLon: 122.0, maxLon: 154.0, minLat: 20.0, maxLat: 46.0)

    /// Throws `outsideJapan` for a point outside `japan` (or not a number).
    public static func checkInJapan(lon: Double, lat: Double) throws {
        guard lon.isFinite, lat.isFinite, lon >= japan.minLon, lon <= japan.maxLon, lat >= japan.minLat, lat <= japan.maxLat else {
            throw QueryError.outsideJapan(lon: lon, lat: lat)
        }
    }

    /// The largest search radius the queries accept: Japan is about 3,000 km end to end.
    public static let maximumKilometres = 3_000.0

    /// Throws `badDistance` unless `km` is a positive number within `maximumKilometres`.
    public static func checkKilometres(_ km: Double, option: String = "--km") throws {
        guard km.isFinite, km > 0 else { throw QueryError.badDistance("\(option) must be a positive number of kilometres, got \(km)") }
        guard km <= maximumKilometres else {
            throw QueryError.badDistance("\(option) \(km) is more than Japan's extent (\(Int(maximumKilometres)) km)")
        }
    }
}
