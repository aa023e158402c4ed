/// Telling date and time formats from number formats: which built-in `numFmtId`s and which
/// format codes show a cell's number as a date or time (the reader makes those cells `.date`).
public enum XLSXNumberFormat {
    /// True for the built-in formats that show dates or times: 14–22 (the locale's short date,
    /// `d-mmm-yy`, … `m/d/yy h:mm`), 27–36 and 50–58 (the East Asian locales' dates, such as
    /// Japanese `yyyy"年"m"月"d"日"` and era dates `ge.m.d`), 45–47 (`mm:ss`, `[h]:mm:ss`,
    /// `mmss.0`).
    public static func isBuiltInDate(_ id: Int) -> Bool {
        (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id)
    }

    /// True when the format code shows a date or time: its first section has a date or time
    /// token (`y`, `m`, `d`, `h`, `s`, the era tokens `g` and `e`, or 年/月/日/時/分/秒) outside
    /// quoted literals, `[…]` (colours, conditions, locales such as `[$-411]`, elapsed-time
    /// brackets), `\`-escaped characters, and the character after `_` or `*`. `General`, and
    /// the `E+`/`E-` of scientific formats, are not tokens.
    ///
    /// `yyyy/m/d`, `[$-411]ggge"年"m"月"d"日"` and `h:mm` are dates; `#,##0"円"`, `[Red]0.0`,
    /// `0.00E+00` and `0"日"` are not. An elapsed time (`[h]:mm:ss`) counts as a time.
    public static func showsDate(_ code: String) -> Bool {
        let characters = Array(code.unicodeScalars)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case ";":
                return false
            case "\"":
                index += 1
                while index < characters.count, characters[index] != "\"" { index += 1 }
            case "[":
                while index < characters.count, characters[index] != "]" { index += 1 }
            case "\\", "_", "*":
                index += 1
            case "G" where matches("general", in: characters, at: index), "g" where matches("general", in: characters, at: index):
                index += 6
            case "E", "e":
                let next = index + 1 < characters.count ? characters[index + 1] : " "
                if next != "+" && next != "-" { return true }
            case "y", "Y", "m", "M", "d", "D", "h", "H", "s", "S", "g", "G", "年", "月", "日", "時", "分", "秒":
                return true
            default:
                break
            }
            index += 1
        }
        return false
    }

    /// True when the characters at `index` spell `word` (lowercase), ignoring case.
    private static func matches(_ word: String, in characters: [Unicode.Scalar], at index: Int) -> Bool {
        let letters = Array(word.unicodeScalars)
        guard index + letters.count <= characters.count else { return false }
        for (offset, letter) in letters.enumerated() where characters[index + offset].properties.lowercaseMapping != String(letter) {
            return false
        }
        return true
    }
}
