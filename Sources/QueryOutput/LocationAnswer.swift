import Foundation
import GeoFormats
import SpatialJoin

/// How `locate` shows one answer (the CLI and `/api/locate`).
public enum LocationAnswer {
    public static func text(_ l: PointLocation) -> String {
        func line(_ label: String, _ code: String?, _ name: String?) -> String {
            let value = [code, name].compactMap { $0 }.joined(separator: " ")
            return label.padding(toLength: 14, withPad: " ", startingAt: 0) + (value.isEmpty ? "-" : value)
        }
        return [
            line("municipality", l.municipalityCode, l.municipalityName),
            line("city", l.cityCode, l.cityName),
            line("prefecture", l.prefectureCode, l.prefectureName),
            line("bureau", l.bureauID, l.bureauName),
            line("match", l.match.description, nil),
        ].joined(separator: "\n")
    }

    struct Named: Encodable {
        var code: String?
        var name: String?
    }

    struct Answer: Encodable {
        var lon: Double
        var lat: Double
        var municipality: Named?
        var city: Named?
        var prefecture: Named?
        var bureau: Named?
        var match: String
        var distance_km: Double?
    }

    public static func json(_ l: PointLocation, lon: Double, lat: Double) throws -> String {
        func named(_ code: String?, _ name: String?) -> Named? {
            code == nil && name == nil ? nil : Named(code: code, name: name)
        }
        var distance: Double?
        if case .nearest(let km) = l.match { distance = km }
        let answer = Answer(
            lon: lon, lat: lat, municipality: named(l.municipalityCode, l.municipalityName),
            city: named(l.cityCode, l.cityName), prefecture: named(l.prefectureCode, l.prefectureName),
            bureau: named(l.bureauID, l.bureauName),
            match: { if case .nearest = l.match { return "nearest" }; return l.match.description }(),
            distance_km: distance)
        return try PrettyJSON.string(answer)
    }
}
