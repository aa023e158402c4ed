/// A scale bar's length: the longest round distance (1, 2 or 5 × 10ⁿ km, or metres below 1 km)
/// whose bar fits in `maximumPixels` at `pixelsPerKilometre` — true along the parallel at the
/// frame's centre (the projection's scale there is folded into `pixelsPerKilometre`).
public struct ScaleBar: Sendable, Equatable {
    /// Ground length, kilometres.
    public var kilometres: Double
    /// Bar length on the page.
    public var pixels: Double

    public init(kilometres: Double, pixels: Double) {
        self.kilometres = kilometres
        self.pixels = pixels
    }

    /// The longest round bar not longer than `maximumPixels`.
    public static func fitting(maximumPixels: Double, pixelsPerKilometre: Double) -> ScaleBar {
        var best = ScaleBar(kilometres: 0.001, pixels: 0.001 * pixelsPerKilometre)
        for magnitude in [0.001, 0.01, 0.1, 1, 10, 100, 1_000, 10_000, 100_000] {
            for factor in [1.0, 2.0, 5.0] {
                let kilometres = factor * magnitude
                let pixels = kilometres * pixelsPerKilometre
                if pixels <= maximumPixels { best = ScaleBar(kilometres: kilometres, pixels: pixels) }
            }
        }
        return best
    }

    /// "200 km", "500 m".
    public var label: String {
        if kilometres >= 1 { return "\(JapaneseNumberText.text(kilometres, decimals: 0)) km" }
        return "\(JapaneseNumberText.text(kilometres * 1000, decimals: 0)) m"
    }
}
