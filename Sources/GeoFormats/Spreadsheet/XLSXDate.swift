/// A calendar date (proleptic Gregorian) and a time of day, as a spreadsheet cell holds it: a
/// serial number of days, shown through a date format.
///
/// Serials follow Excel's two date systems:
/// - 1900 (the default): serial 1 is 1900-01-01; serial 60 is the fictitious 1900-02-29 that
///   Excel keeps for Lotus 1-2-3, so from serial 61 (1900-03-01) on, serial n is n days after
///   1899-12-30. Serial 0 is 1899-12-31 (Excel shows "1900-01-00").
/// - 1904 (`date1904` in the workbook, old Mac workbooks): serial 0 is 1904-01-01.
///
/// Times are the fraction of the day, rounded to the second.
public struct XLSXDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int
    /// Seconds since midnight, 0..<86400.
    public let secondsOfDay: Int

    /// The date, or nil when the day does not exist. 1900-02-29 is accepted: it is Excel's
    /// serial 60.
    public init?(year: Int, month: Int, day: Int, secondsOfDay: Int = 0) {
        guard (1...9999).contains(year), (1...12).contains(month), (0..<86_400).contains(secondsOfDay),
              day >= 1, day <= Self.daysIn(month: month, year: year) || (year == 1900 && month == 2 && day == 29) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
        self.secondsOfDay = secondsOfDay
    }

    /// Reads an ISO 8601 date, `YYYY-MM-DD`, optionally followed by `T` or a space and a time
    /// `hh:mm` or `hh:mm:ss` (a fraction of a second and a trailing `Z` are ignored).
    public init?(iso text: some StringProtocol) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for index in range {
                let digit = bytes[index] &- ASCII.zero
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        var seconds = 0
        if bytes.count > 10 {
            guard bytes[10] == UInt8(ascii: "T") || bytes[10] == ASCII.space, bytes.count >= 16, bytes[13] == ASCII.colon,
                  let hour = number(11..<13), let minute = number(14..<16), hour < 24, minute < 60 else { return nil }
            var second = 0
            var end = 16
            if bytes.count >= 19, bytes[16] == ASCII.colon {
                guard let value = number(17..<19), value < 60 else { return nil }
                second = value
                end = 19
            }
            if end < bytes.count, bytes[end] == UInt8(ascii: ".") {
                end += 1
                while end < bytes.count, bytes[end] &- ASCII.zero < 10 { end += 1 }
            }
            if end < bytes.count, bytes[end] == UInt8(ascii: "Z") { end += 1 }
            guard end == bytes.count else { return nil }
            seconds = hour * 3600 + minute * 60 + second
        }
        self.init(year: year, month: month, day: day, secondsOfDay: seconds)
    }

    /// The date a serial stands for, or nil when it stands for none (negative, or after
    /// 9999-12-31, or not finite).
    public init?(serial: Double, date1904: Bool = false) {
        guard serial.isFinite, serial >= 0 else { return nil }
        var wholeDays = serial.rounded(.down)
        var seconds = ((serial - wholeDays) * 86_400).rounded()
        if seconds >= 86_400 {
            wholeDays += 1
            seconds = 0
        }
        guard wholeDays <= 2_958_465 else { return nil } // 9999-12-31
        let days = Int(wholeDays)
        let civil: (year: Int, month: Int, day: Int)
        if date1904 {
            civil = Self.civil(fromDays: Self.days(fromCivil: 1904, 1, 1) + days)
        } else if days == 60 {
            civil = (1900, 2, 29)
        } else if days < 60 {
            civil = Self.civil(fromDays: Self.days(fromCivil: 1899, 12, 31) + days)
        } else {
            civil = Self.civil(fromDays: Self.days(fromCivil: 1899, 12, 30) + days)
        }
        self.init(year: civil.year, month: civil.month, day: civil.day, secondsOfDay: Int(seconds))
    }

    /// The serial of this date and time, or nil when the date system cannot hold it (before
    /// 1899-12-31, or before 1904-01-01 in the 1904 system).
    public func serial(date1904: Bool = false) -> Double? {
        let fraction = Double(secondsOfDay) / 86_400
        if year == 1900 && month == 2 && day == 29 {
            return date1904 ? nil : 60 + fraction
        }
        let days = Self.days(fromCivil: year, month, day)
        let wholeDays: Int
        if date1904 {
            wholeDays = days - Self.days(fromCivil: 1904, 1, 1)
        } else if days >= Self.days(fromCivil: 1900, 3, 1) {
            wholeDays = days - Self.days(fromCivil: 1899, 12, 30)
        } else {
            wholeDays = days - Self.days(fromCivil: 1899, 12, 31)
        }
        return wholeDays < 0 ? nil : Double(wholeDays) + fraction
    }

    /// `2025-04-01`.
    public var isoDate: String {
        "\(Self.digits(year, 4))-\(Self.digits(month, 2))-\(Self.digits(day, 2))"
    }

    /// `2025-04-01`, or `2025-04-01T09:30:00` when there is a time of day.
    public var isoText: String {
        guard secondsOfDay > 0 else { return isoDate }
        let time = "\(Self.digits(secondsOfDay / 3600, 2)):\(Self.digits(secondsOfDay / 60 % 60, 2)):\(Self.digits(secondsOfDay % 60, 2))"
        return "\(isoDate)T\(time)"
    }

    public var description: String { isoText }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.secondsOfDay) < (rhs.year, rhs.month, rhs.day, rhs.secondsOfDay)
    }

    // MARK: - Calendar arithmetic (days since 1970-01-01, H. Hinnant's civil algorithms)

    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
