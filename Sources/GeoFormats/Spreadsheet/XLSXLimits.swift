/// How much an .xlsx file may make the reader do. A workbook over a limit is refused with an
/// `XLSXError` naming the limit, before the part concerned is inflated where the zip's
/// central directory tells (and while inflating, for a directory that understates a size).
public struct XLSXLimits: Sendable, Equatable {
    /// The largest .xlsx file, in bytes (256 MiB).
    public var maxFileBytes: Int
    /// The largest part (zip member) once inflated, in bytes (1 GiB): a 340,000-row × 12-column
    /// sheet is about 150 MB.
    public var maxPartBytes: Int
    /// The largest ratio of a part's inflated size to its compressed size (200: sheets compress
    /// about 5–15 times, even a million identical rows only 11 times, their row numbers
    /// differing; a zip bomb about 1000 times), checked for parts larger than
    /// `compressionRatioFloorBytes`.
    public var maxCompressionRatio: Int
    /// Parts up to this size (16 MiB) may compress at any ratio: they cost little to inflate.
    public var compressionRatioFloorBytes: Int
    /// The most rows a sheet may have (1,048,576, Excel's limit).
    public var maxRows: Int
    /// The most cells (`<c>` elements) a sheet may have (50 million).
    public var maxCells: Int

    public init(maxFileBytes: Int = 256 << 20, maxPartBytes: Int = 1 << 30, maxCompressionRatio: Int = 200,
                compressionRatioFloorBytes: Int = 16 << 20, maxRows: Int = 1_048_576, maxCells: Int = 50_000_000) {
        self.maxFileBytes = maxFileBytes
        self.maxPartBytes = maxPartBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.compressionRatioFloorBytes = compressionRatioFloorBytes
        self.maxRows = maxRows
        self.maxCells = maxCells
    }

    /// The limits above.
    public static let standard = XLSXLimits()
}
