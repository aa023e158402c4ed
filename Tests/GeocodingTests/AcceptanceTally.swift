import Foundation
import Geocoding

/// The acceptance tests' counts: right towns and municipalities, and the misses by kind and by
/// variant, with a description of each.
struct AcceptanceTally {
    enum Miss: String, CaseIterable {
        case wrongMunicipality = "wrong municipality"
        case ambiguous, unmatched
        case municipalityOnly = "municipality only"
        case wrongTown = "wrong town"
    }

    /// How many rows each town key (`townKey`) has: a town name that several rows share is right
    /// only within `sameTownDistance` of the source.
    private let rowsOfTown: [String: Int]
    private let sameTownDistance = 1_000.0
    /// How many misses of each kind the report lists.
    private let shownMisses = 25
    private(set) var count = 0
    private(set) var rightTown = 0
    private(set) var rightMunicipality = 0
    private var missesByVariant: [AddressVariant: [Miss: Int]] = [:]
    private var countByVariant: [AddressVariant: Int] = [:]
    /// Each miss, described.
    private var misses: [Miss: [String]] = [:]

    init(points: [TownRecord]) {
        var rows: [String: Int] = [:]
        for point in points { rows[Self.townKey(point.code5, point.town, point.koaza), default: 0] += 1 }
        rowsOfTown = rows
    }

    var wrongMunicipality: Int { misses[.wrongMunicipality]?.count ?? 0 }

    mutating func add(_ address: WrittenAddress, _ result: GeocodeResult) {
        count += 1
        for variant in address.variants { countByVariant[variant, default: 0] += 1 }
        let miss = self.miss(address.source, result)
        if miss == nil || miss == .wrongTown { rightMunicipality += 1 }
        guard let miss else {
            rightTown += 1
            return
        }
        for variant in address.variants { missesByVariant[variant, default: [:]][miss, default: 0] += 1 }
        let source = address.source
        misses[miss, default: []].append("\(address.text) [\(address.variants.map(\.rawValue).joined(separator: ", "))]: "
            + "\(source.code5) \(source.city) \(source.town) \(source.koaza) → \(Self.describe(result))")
    }

    private func miss(_ source: TownRecord, _ result: GeocodeResult) -> Miss? {
        switch result {
        case .town(let match):
            guard match.code5 == source.code5 else { return .wrongMunicipality }
            let sourceTown = Self.townKey(source.code5, source.town, source.koaza)
            guard Self.townKey(match.code5, match.town, match.koaza ?? "") == sourceTown else { return .wrongTown }
            if rowsOfTown[sourceTown, default: 0] > 1,
               Self.distance(match.latitude, match.longitude, source.latitude!, source.longitude!) > sameTownDistance {
                return .wrongTown
            }
            return nil
        case .municipality(let match, _):
            return match.code5 == source.code5 ? .municipalityOnly : .wrongMunicipality
        case .ambiguous:
            return .ambiguous
        case .unmatched:
            return .unmatched
        }
    }

    func report() -> String {
        var lines = [String(format: "right town %d/%d (%.2f %%), right municipality %d (%.3f %%)", rightTown, count,
                            100 * Double(rightTown) / Double(count), rightMunicipality, 100 * Double(rightMunicipality) / Double(count))]
        lines.append("misses: " + Miss.allCases.map { miss in "\(miss.rawValue) \(misses[miss]?.count ?? 0)" }.joined(separator: ", "))
        lines.append("by variant (addresses with it: misses by kind):")
        for variant in AddressVariant.allCases {
            let misses = missesByVariant[variant] ?? [:]
            let listed = Miss.allCases.compactMap { miss in misses[miss].map { "\(miss.rawValue) \($0)" } }
            lines.append("  \(variant.rawValue): \(countByVariant[variant] ?? 0)" + (listed.isEmpty ? "" : ": " + listed.joined(separator: ", ")))
        }
        for miss in Miss.allCases {
            let described = misses[miss] ?? []
            for description in described.prefix(shownMisses) { lines.append("  \(miss.rawValue): \(description)") }
            if described.count > shownMisses { lines.append("  \(miss.rawValue): … and \(described.count - shownMisses) more") }
        }
        return lines.joined(separator: "\n")
    }

    private static func describe(_ result: GeocodeResult) -> String {
        switch result {
        case .town(let match):
            "town \(match.code5) \(match.municipality.city) \(match.town) \(match.koaza ?? "")"
                + (match.municipality.inference.map { " (\($0))" } ?? "")
        case .municipality(let match, let note): "municipality \(match.code5) \(match.city): \(note)"
        case .ambiguous(let codes, let reason): "ambiguous \(codes.joined(separator: " ")): \(reason)"
        case .unmatched(let reason): "unmatched: \(reason)"
        }
    }

    /// The municipality and the town's normalised name without 大字 or 字; for the town
    /// "（大字なし）", its 小字, which addresses write as the town (八幡浜市愛宕 is the 小字 愛宕 of
    /// （大字なし） and also a town 愛宕).
    private static func townKey(_ code5: String, _ town: String, _ koaza: String) -> String {
        var key = AddressNormalizer.normalize(town == "（大字なし）" && !koaza.isEmpty ? koaza : town)
        for prefix in ["大字", "字"] where key.hasPrefix(prefix) && key.count > prefix.count {
            key.removeFirst(prefix.count)
            break
        }
        return code5 + " " + key
    }

    /// Metres between two points (haversine on a sphere of 6,371 km: enough for a 1 km test).
    private static func distance(_ latitude1: Double, _ longitude1: Double, _ latitude2: Double, _ longitude2: Double) -> Double {
        let radians = Double.pi / 180
        let dLatitude = (latitude2 - latitude1) * radians, dLongitude = (longitude2 - longitude1) * radians
        let a = sin(dLatitude / 2) * sin(dLatitude / 2)
            + cos(latitude1 * radians) * cos(latitude2 * radians) * sin(dLongitude / 2) * sin(dLongitude / 2)
        return 2 * 6_371_000 * asin(min(1, sqrt(a)))
    }
}
