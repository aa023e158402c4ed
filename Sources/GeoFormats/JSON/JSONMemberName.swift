/// The members a reader looks for in a JSON object, as an enum whose raw values are the member
/// names and whose `other` case stands for every member it skips.
protocol JSONMemberName: CaseIterable, RawRepresentable, Equatable where RawValue == String {
    static var other: Self { get }
}

extension JSONMemberName {
    /// The case named by the member's raw UTF-8 bytes, or `other`.
    init(_ name: UnsafeRawBufferPointer) {
        for candidate in Self.allCases where candidate != .other && name.elementsEqual(candidate.rawValue.utf8) {
            self = candidate
            return
        }
        self = .other
    }
}
