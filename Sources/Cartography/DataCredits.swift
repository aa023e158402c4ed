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
}
