import Geocoding
import TestSupport

/// A way users write an address differently from the town points, applied to the addresses of
/// the acceptance test (`WrittenAddress.make`). All but `cityWithoutWard` are the issue's; that
/// one is tested apart, since a town name found in several wards of the city is rightly
/// ambiguous.
enum AddressVariant: String, CaseIterable, Comparable {
    /// ３丁目５－２ (digits and dashes full-width).
    case fullWidthDigits
    /// 旭ケ丘3丁目, 北1条東6丁目 (the kanji numerals before 丁目, 丁, 条 and 線 in Arabic ones).
    case arabicNumerals
    /// 旭ケ丘3-5-2 (丁目 as "3-" before the house number).
    case chomeAsHyphen
    /// No prefecture.
    case noPrefecture
    /// No 郡 (当別町 for 石狩郡当別町).
    case noDistrict
    /// A designated city's ward without the city (北海道中央区).
    case wardWithoutCity
    /// A designated city without its ward (札幌市旭ケ丘): the town tells the ward.
    case cityWithoutWard
    /// 大字 added before a town that has none in the town points.
    case ooazaAdded
    /// The town's 大字 or 字 left out.
    case ooazaRemoved
    /// 字 written before the 小字.
    case azaBeforeKoaza
    /// A building, floor or room after the house number.
    case buildingName
    /// 12番地3, 12番3号 or 12番地 instead of 12-3.
    case banchiForm
    /// ヶ written ケ and ケ written ヶ.
    case smallKeSwapped
    /// Spaces between the parts.
    case spaces

    /// The variants of the issue's acceptance test.
    static let issueVariants = allCases.filter { $0 != .cityWithoutWard }

    static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// An address written from one row of the town points, with the variants it was written with.
struct WrittenAddress {
    let source: TownRecord
    let text: String
    let variants: [AddressVariant]

    /// The address of `row` written with `required` (when it applies) and some of the `variants`
    /// that apply to it (at least one in all, at most three, chosen by `generator`).
    static func make(from row: TownRecord, variants: [AddressVariant], required: AddressVariant? = nil,
                     using generator: inout SplitMix64) -> WrittenAddress {
        let parts = AddressParts(row)
        let applicable = variants.filter { parts.allows($0) }
        var chosen = applicable.filter { _ in generator.uniform(0, 1) < 0.3 }
        if chosen.isEmpty { chosen = [generator.pick(applicable)] }
        while chosen.count > 3 { chosen.remove(at: Int(generator.next() % UInt64(chosen.count))) }
        if let required, parts.allows(required), !chosen.contains(required) { chosen.append(required) }
        // Both take the city's name apart; a ward alone needs its prefecture.
        if chosen.contains(.noPrefecture) || chosen.contains(.cityWithoutWard) { chosen.removeAll { $0 == .wardWithoutCity } }
        return WrittenAddress(source: row, text: parts.written(with: Set(chosen), using: &generator), variants: chosen.sorted())
    }
}

/// The parts of a row's address, and how each variant rewrites them.
private struct AddressParts {
    let row: TownRecord
    /// The town as written ("" for "（大字なし）").
    let town: String
    /// The kanji numeral before the town's final 丁目 or 丁, and which of the two it is.
    let chome: (numeral: String, suffix: String)?

    init(_ row: TownRecord) {
        self.row = row
        town = row.town == "（大字なし）" ? "" : row.town
        chome = Self.splitChome(town)
    }

    func allows(_ variant: AddressVariant) -> Bool {
        switch variant {
        case .fullWidthDigits, .buildingName, .banchiForm, .spaces, .noPrefecture: return true
        case .arabicNumerals: return town.contains { Self.kanjiDigits.contains($0) }
        case .chomeAsHyphen: return chome != nil && row.koaza.isEmpty
        case .noDistrict: return row.city.contains("郡") && (row.city.hasSuffix("町") || row.city.hasSuffix("村")) && !row.city.hasPrefix("郡")
        case .wardWithoutCity, .cityWithoutWard: return row.city.hasSuffix("区") && row.city.dropLast().contains("市")
        case .ooazaAdded: return !town.isEmpty && !town.hasPrefix("大字") && !town.hasPrefix("字") && chome == nil
        case .ooazaRemoved: return town.hasPrefix("大字") || town.hasPrefix("字")
        case .azaBeforeKoaza: return !row.koaza.isEmpty && !row.koaza.hasPrefix("字")
        case .smallKeSwapped: return (row.city + town).contains { $0 == "ケ" || $0 == "ヶ" }
        }
    }

    func written(with variants: Set<AddressVariant>, using generator: inout SplitMix64) -> String {
        var city = row.city
        if variants.contains(.noDistrict), let district = city.firstIndex(of: "郡") {
            city = String(city[city.index(after: district)...])
        }
        if variants.contains(.wardWithoutCity), let cityEnd = city.firstIndex(of: "市") {
            city = String(city[city.index(after: cityEnd)...])
        }
        if variants.contains(.cityWithoutWard), let cityEnd = city.firstIndex(of: "市") {
            city = String(city[...cityEnd])
        }
        var town = self.town
        if variants.contains(.ooazaAdded) { town = "大字" + town }
        if variants.contains(.ooazaRemoved) { town = town.hasPrefix("大字") ? String(town.dropFirst(2)) : String(town.dropFirst()) }
        let first = 1 + Int(generator.next() % 30), second = 1 + Int(generator.next() % 20)
        var house = variants.contains(.banchiForm)
            ? generator.pick(["\(first)番地\(second)", "\(first)番\(second)号", "\(first)番地"])
            : "\(first)-\(second)"
        if variants.contains(.chomeAsHyphen), let chome {
            town = String(town.dropLast(chome.suffix.count + chome.numeral.count)) + "\(Self.arabic(chome.numeral))-\(house)"
            house = ""
        }
        if variants.contains(.arabicNumerals) { town = Self.arabicNumerals(in: town) }
        var koaza = row.koaza
        if variants.contains(.azaBeforeKoaza) { koaza = "字" + koaza }
        if variants.contains(.smallKeSwapped) {
            city = Self.swapSmallKe(city)
            town = Self.swapSmallKe(town)
        }
        var parts = [variants.contains(.noPrefecture) ? "" : row.prefecture, city, town + koaza, house]
        if variants.contains(.buildingName) {
            parts.append(generator.pick(["〇〇ビル5F", "△△マンション101号室", "メゾン旭ケ丘 203", "第2コーポ2階"]))
        }
        parts.removeAll { $0.isEmpty }
        var text = parts.joined(separator: variants.contains(.spaces) ? generator.pick([" ", "　"]) : "")
        if variants.contains(.fullWidthDigits) { text = Self.fullWidth(text) }
        return text
    }

    private static let kanjiDigits: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// "旭ケ丘三丁目" → ("三", "丁目"); also 二十三丁目 and 堺's 一丁.
    private static func splitChome(_ town: String) -> (numeral: String, suffix: String)? {
        let suffix = town.hasSuffix("丁目") ? "丁目" : town.hasSuffix("丁") ? "丁" : nil
        guard let suffix else { return nil }
        let body = town.dropLast(suffix.count)
        let numeral = String(body.reversed().prefix { kanjiDigits.contains($0) }.reversed())
        guard !numeral.isEmpty, numeral.count < body.count else { return nil }
        return (numeral, suffix)
    }

    /// The kanji numerals before 丁目, 丁, 条 and 線 written in Arabic numerals (北一条東六丁目 → 北1条東6丁目).
    private static func arabicNumerals(in town: String) -> String {
        var result = "", run = ""
        for character in town {
            if kanjiDigits.contains(character) {
                run.append(character)
                continue
            }
            result += ["丁", "条", "線"].contains(character) && !run.isEmpty ? String(arabic(run)) : run
            run = ""
            result.append(character)
        }
        return result + run
    }

    /// 一 … 九十九 as a number.
    private static func arabic(_ numeral: String) -> Int {
        let digits: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        guard let ten = numeral.firstIndex(of: "十") else { return numeral.reduce(0) { $0 * 10 + (digits[$1] ?? 0) } }
        let tens = numeral[..<ten].first.flatMap { digits[$0] } ?? 1
        let units = numeral[numeral.index(after: ten)...].first.flatMap { digits[$0] } ?? 0
        return tens * 10 + units
    }

    private static func swapSmallKe(_ text: String) -> String {
        String(text.map { $0 == "ケ" ? "ヶ" : $0 == "ヶ" ? "ケ" : $0 })
    }

    /// Digits and "-" in their full-width forms.
    private static func fullWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar {
            case "0"..."9": Unicode.Scalar(scalar.value - 0x30 + 0xFF10)!
            case "-": "\u{FF0D}"
            default: scalar
            }
        }))
    }
}
