extension XLSXWriter {
    /// A value to write into a cell.
    public enum Value: Sendable, Hashable {
        /// Text, kept as a shared string. An empty string is `.empty`.
        case text(String)
        /// A number (cell type n). Not finite: written as the error `#NUM!`.
        case number(Double)
        /// A whole number (cell type n). Excel holds 15 significant digits.
        case integer(Int)
        /// A date, written as its serial with the format `yyyy-mm-dd` (`yyyy-mm-dd hh:mm:ss` when
        /// it has a time of day). A date before 1899-12-31, which no serial stands for, is
        /// written as its ISO text.
        case date(XLSXDate)
        /// No cell.
        case empty
    }
}
