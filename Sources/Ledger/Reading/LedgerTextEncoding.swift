/// The text encoding a ledger CSV file was read in. Government spreadsheets are exported either as
/// UTF-8 (often with a byte order mark, as Excel writes "CSV UTF-8") or as Shift_JIS in its
/// Windows form CP932; the reader tells them apart by content and reports which it used.
public enum LedgerTextEncoding: String, Sendable {
    /// UTF-8 without a byte order mark (plain ASCII included).
    case utf8 = "utf-8"
    /// UTF-8 starting with the byte order mark EF BB BF.
    case utf8WithBOM = "utf-8-bom"
    /// Shift_JIS as Windows writes it (CP932 / Windows-31J), decoded with the system's iconv.
    case cp932 = "cp932"
    /// UTF-16, as Excel saves "Unicode text", with or without a byte order mark.
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
}
