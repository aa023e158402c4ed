/// Characters that Japanese addresses write in more than one way, each folded to one of its
/// forms, and the characters that separate rather than name. Folding is applied alike to the town
/// points' names and to the addresses, so which form is chosen does not matter; what matters is
/// that no two names that differ in fact are folded together, which is why only these well-known
/// alternations are listed. (Switches rather than tables: they run for every scalar of 277,676
/// names and of every address.)
enum CharacterVariants {
    /// The folded form of `scalar` (itself when it has no variant).
    static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        // The small ke of 旭ヶ丘, written ケ, ヵ or が (旭ケ丘, 旭が丘); NFKC has already made
        // half-width ｹ a ケ.
        case "ケ", "ヵ", "が": "ヶ"
        // The genitive no of 一ノ宮: の, ノ or 之.
        case "の", "之": "ノ"
        // Old and simplified forms of kanji frequent in place names.
        case "齋": "斎"
        case "齊": "斉"
        case "邊", "邉": "辺"
        case "澤": "沢"
        case "濱": "浜"
        case "嶋", "嶌": "島"
        case "龍": "竜"
        case "髙": "高"
        case "﨑", "嵜": "崎"
        case "國": "国"
        case "櫻": "桜"
        case "廣": "広"
        case "舘": "館"
        case "檜": "桧"
        case "冨": "富"
        case "德": "徳"
        case "瀨": "瀬"
        case "淺": "浅"
        case "驒": "騨"
        case "曾": "曽"
        case "條": "条"
        case "藪": "薮"
        case "槇": "槙"
        case "鰺": "鯵"
        case "籠": "篭"
        default: scalar
        }
    }

    /// Whether `scalar` is a dash that separates numbers (丁目-番-号) in addresses. The long-vowel
    /// mark ー counts only after a digit (`AddressNormalizer` checks that): elsewhere it belongs to
    /// katakana names (センター).
    static func isDash(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x2010...0x2015, 0x2043, 0x2212, 0x2500, 0x2501, 0xFE58: true
        default: false
        }
    }

    static let longVowelMark: Unicode.Scalar = "ー"

    /// Whether `scalar` only separates the parts of an address: white space (NFKC has made the
    /// ideographic space an ordinary one) and the commas 、 and ,.
    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x20, 0x2C, 0x7F...0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0x3001, 0xFEFF: true
        default: false
        }
    }
}
