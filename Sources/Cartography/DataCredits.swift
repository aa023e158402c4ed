/// The data credits every map and export must carry (../shared/README.md): the boundaries are
/// MLIT's, edited; population is the 2020 census, edited; town points are Geolonia's.
public enum DataCredits {
    /// MLIT 国土数値情報（行政区域データ）: required on everything drawn from the boundaries.
    public static let boundaries = "国土数値情報（行政区域データ）（国土交通省）を加工して作成"
    /// The 2020 census: required wherever population enters (per-capita metrics).
    public static let census = "出典：総務省統計局『令和2年国勢調査』を加工して作成"
    /// Geolonia 住所データ: required where town points are used (the synthetic sample ledger).
    public static let townPoints = "Geolonia 住所データ（CC BY 4.0）"

    /// Every credit, in the order maps print them.
    public static let all = [boundaries, census, townPoints]

    /// The credit of the boundaries filled from a coarser coverage (`import boundaries
    /// --fill-from`): `sources` as "file（edition）", `units` how many of the drawn or exported
    /// units have some of their geometry from them. nil when none has.
    public static func fill(sources: [String], units: Int) -> String? {
        guard units > 0, !sources.isEmpty else { return nil }
        return "境界の一部（\(units)単位）は\(sources.joined(separator: "、"))の簡略化された境界で補完（海岸線などが粗い）"
    }

    /// Every credit, with the fill credit where there is one.
    public static func all(fill: String?) -> [String] {
        all + (fill.map { [$0] } ?? [])
    }
}
