import Foundation

/// A scale to simplify to: a name (used in table names) and a ground tolerance in metres.
/// Named scales cover the report maps and the web tile zooms; `500m` or `2km` give a tolerance
/// directly.
public struct ScaleSpecification: Sendable, Equatable {
    public var name: String
    public var toleranceMetres: Double
    /// For a tile zoom's scale: no source point may end farther than this from the simplified
    /// boundaries (metres at the equator, times the cosine of the latitude: a fraction of a Web
    /// Mercator pixel wherever it is), so a tile rasterised at 256 pixels misses no land pixel by
    /// more than a pixel.
    public var displacementLimitAtEquator: Double?

    public init(name: String, toleranceMetres: Double, displacementLimitAtEquator: Double? = nil) {
        self.name = name
        self.toleranceMetres = toleranceMetres
        self.displacementLimitAtEquator = displacementLimitAtEquator
    }

    /// 0.6 of a 256-pixel Web Mercator tile pixel at zoom `zoom` at the equator (scaled by the
    /// cosine of the latitude where it is applied).
    static func tileDisplacementLimit(zoom: Int) -> Double {
        0.6 * 156_543.033_928 / Double(1 << zoom)
    }

    /// Half a 256-pixel Web Mercator tile pixel at 35°N, the middle of Japan.
    static func tileTolerance(zoom: Int) -> Double {
        (156_543.033_928 * cos(35 * Double.pi / 180) / Double(1 << zoom) / 2).rounded()
    }

    /// The named scales: national (about 1:10,000,000), bureau block and prefecture maps, and
    /// one per tile zoom 4–10 (half a pixel at that zoom, drifting at most 0.6 of a pixel).
    public static let named: [ScaleSpecification] = [
        ScaleSpecification(name: "national", toleranceMetres: 1_000),
        ScaleSpecification(name: "bureau", toleranceMetres: 300),
        ScaleSpecification(name: "prefecture", toleranceMetres: 100),
    ] + (4...10).map {
        ScaleSpecification(name: "z\($0)", toleranceMetres: tileTolerance(zoom: $0), displacementLimitAtEquator: tileDisplacementLimit(zoom: $0))
    }

    /// The default set `investmap simplify` builds.
    public static var defaults: [ScaleSpecification] { named }

    /// The largest tolerance accepted: beyond it whole prefectures would shrink to triangles.
    public static let maximumToleranceMetres = 50_000.0

    /// Parses `national`, `z7`, `500m`, `2km` or `1.5km`.
    /// - Throws: `ScaleError` for an unknown name or a tolerance that is not a positive number
    ///   of metres up to 50 km.
    public static func parse(_ text: String) throws -> ScaleSpecification {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let named = named.first(where: { $0.name == word }) { return named }
        var number = Substring(word)
        var factor = 1.0
        if number.hasSuffix("km") {
            number = number.dropLast(2)
            factor = 1_000
        } else if number.hasSuffix("m") {
            number = number.dropLast()
        } else {
            throw ScaleError("\(text): not a level (\(named.map(\.name).joined(separator: ", "))) nor a tolerance such as 500m or 2km")
        }
        guard let value = Double(number), value.isFinite else {
            throw ScaleError("\(text): the tolerance is not a number")
        }
        let metres = value * factor
        guard metres > 0 else { throw ScaleError("\(text): the tolerance must be positive") }
        guard metres <= maximumToleranceMetres else {
            throw ScaleError("\(text): a tolerance over \(Int(maximumToleranceMetres / 1_000)) km would reduce prefectures to a few points")
        }
        let name = metres.truncatingRemainder(dividingBy: 1_000) == 0 && metres >= 1_000
            ? "\(Int(metres / 1_000))km" : (metres == metres.rounded() ? "\(Int(metres))m" : String(format: "%.1fm", metres).replacingOccurrences(of: ".", with: "_"))
        return ScaleSpecification(name: name, toleranceMetres: metres)
    }
}

/// A scale the user named that investmap cannot build.
public struct ScaleError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
