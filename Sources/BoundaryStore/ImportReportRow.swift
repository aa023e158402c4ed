/// One finding of a boundary import (kept in the `import_report` table), e.g. kind "repair",
/// "census_missing", "census_unmatched".
public struct ImportReportRow: Sendable, Hashable {
    public var kind: String
    public var code: String?
    public var detail: String

    public init(kind: String, code: String?, detail: String) {
        self.kind = kind
        self.code = code
        self.detail = detail
    }
}
