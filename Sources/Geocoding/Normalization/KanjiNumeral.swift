/// Kanji numerals as addresses write them: 一 … 九 and 〇 read digit by digit ("二〇" = 20), or
/// with one 十 ("十一" = 11, "二十三" = 23, "十" = 10). Larger units (百, 千) are left alone: no
/// 丁目, 条 or 線 goes that high, and names such as 百人町 must stay as written.
enum KanjiNumeral {
    /// The run of kanji numerals starting at `offset` of `scalars` (nil when there is none):
    /// how many scalars it spans, and its value in decimal digits, or nil when it cannot be read as
    /// one number (two 十, or more than one digit on either side of 十: then it stays as written).
    static func run(in scalars: [Unicode.Scalar], at offset: Int) -> (length: Int, digits: String?)? {
        var end = offset
        while end < scalars.count, isNumeral(scalars[end]) { end += 1 }
        guard end > offset else { return nil }
        return (end - offset, value(of: scalars[offset..<end]))
    }

    private static let ten: Unicode.Scalar = "十"

    private static func digit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "〇": 0
        case "一": 1
        case "二": 2
        case "三": 3
        case "四": 4
        case "五": 5
        case "六": 6
        case "七": 7
        case "八": 8
        case "九": 9
        default: nil
        }
    }

    private static func isNumeral(_ scalar: Unicode.Scalar) -> Bool {
        scalar == ten || digit(scalar) != nil
    }

    /// The run's value as decimal digits (positional runs keep their leading zeros).
    private static func value(of run: ArraySlice<Unicode.Scalar>) -> String? {
        guard let tenOffset = run.firstIndex(of: ten) else {
            return String(run.map { Character(String(digit($0)!)) })
        }
        let tens = run[run.startIndex..<tenOffset], units = run[(tenOffset + 1)...]
        guard tens.count <= 1, units.count <= 1 else { return nil }
        let tensDigit = tens.first.map { digit($0) } ?? 1
        let unitsDigit = units.first.map { digit($0) } ?? 0
        guard let tensDigit, let unitsDigit, tensDigit > 0, units.isEmpty || unitsDigit > 0 else { return nil }
        return String(tensDigit * 10 + unitsDigit)
    }
}
