/// The remote islands a map shows in a box of their own instead of at their place, as Japanese
/// national maps do: Okinawa (prefecture 47) in the sea north-west of Kyushu, the Ogasawara
/// islands (小笠原村, 13421) in the Pacific. Units drawn in an inset are not in the main frame.
public enum MapInset: String, CaseIterable, Sendable {
    /// Prefecture 47, 沖縄県 (the okinawa bureau block at bureau level).
    case okinawa
    /// 小笠原村 (13421): the Ogasawara and Iwo islands; 南鳥島 and 沖ノ鳥島, far outside the
    /// box, are left out with a note.
    case ogasawara

    /// The inset's caption.
    public var caption: String {
        switch self {
        case .okinawa: "沖縄県"
        case .ogasawara: "小笠原諸島"
        }
    }

    /// The insets a map of `extent` gets when its spec names none: Okinawa and Ogasawara on
    /// national maps, Ogasawara on maps of the Kanto block and of Tokyo.
    public static func defaults(for extent: MapExtent) -> [MapInset] {
        switch extent {
        case .nation: [.okinawa, .ogasawara]
        case .bureau(let id): id == "kanto" ? [.ogasawara] : []
        case .prefecture(let code): code == "13" ? [.ogasawara] : []
        }
    }

    /// Whether the inset can apply to `extent` (it must hold the islands, and more).
    public func applies(to extent: MapExtent) -> Bool {
        switch (self, extent) {
        case (_, .nation): true
        case (.ogasawara, .bureau(let id)): id == "kanto"
        case (.ogasawara, .prefecture(let code)): code == "13"
        default: false
        }
    }
}
