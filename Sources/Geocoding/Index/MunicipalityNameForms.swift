/// The forms in which an address may name a municipality, derived from its name in the town
/// points: the name itself (石狩郡当別町, 札幌市中央区), without its 郡 (当別町), for a designated
/// city's ward the ward alone (中央区) and the city alone (札幌市), and the names it had before it
/// rose in rank (富谷町 for 富谷市, 〇〇村 for 〇〇町).
struct MunicipalityNameForms: Sendable {
    /// Without the 郡 (当別町 of 石狩郡当別町); nil when the name has none.
    let withoutDistrict: String?
    /// The designated city and the ward (札幌市, 中央区); nil when not a ward.
    let designatedCityWard: (city: String, ward: String)?
    /// The same stem with a lower rank: 町 and 村 for a city, 村 for a town.
    let formerRankNames: [String]

    /// The forms of `name`; `isDesignatedCity` says whether the "<city>市" of a "<city>市<ward>区"
    /// name is a designated city (a city with several wards), which only the full list of names
    /// can tell.
    init(of name: String, isDesignatedCity: (String) -> Bool) {
        withoutDistrict = Self.splitDistrict(name)?.rest
        if let split = Self.splitCityWard(name), isDesignatedCity(split.city) {
            designatedCityWard = split
            formerRankNames = []
        } else {
            designatedCityWard = nil
            let base = withoutDistrict ?? name
            let stem = base.dropLast()
            switch base.last {
            case "市" where !stem.isEmpty: formerRankNames = [stem + "町", stem + "村"]
            case "町" where !stem.isEmpty: formerRankNames = [stem + "村"]
            default: formerRankNames = []
            }
        }
    }

    /// "<郡>郡<町 or 村>" split after the first 郡 (赤穂郡上郡町 → 赤穂郡, 上郡町); nil for names with
    /// no such 郡 (郡山市, 大和郡山市 and 蒲郡市 are cities).
    static func splitDistrict(_ name: String) -> (district: String, rest: String)? {
        guard let last = name.last, last == "町" || last == "村",
              let district = name.firstIndex(of: "郡"), district > name.startIndex else { return nil }
        let rest = name[name.index(after: district)...]
        guard rest.count >= 2 else { return nil }
        return (String(name[...district]), String(rest))
    }

    /// "<市>市<区>区" split after the first 市 (札幌市中央区 → 札幌市, 中央区); whether the city is
    /// a designated city is for the caller to say.
    static func splitCityWard(_ name: String) -> (city: String, ward: String)? {
        guard name.last == "区", let city = name.firstIndex(of: "市"), city > name.startIndex else { return nil }
        let ward = name[name.index(after: city)...]
        guard ward.count >= 2 else { return nil }
        return (String(name[...city]), String(ward))
    }
}
