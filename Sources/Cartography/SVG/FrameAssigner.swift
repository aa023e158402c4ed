import GeoCore

/// Decides which frame draws each polygon (and project): Okinawa's in the Okinawa inset,
/// Ogasawara's in the Ogasawara inset when the map has them, everything else in the main frame.
/// Ogasawara's far islands (南鳥島 at 154°E, 沖ノ鳥島 at 20°N) lie outside the inset's box
/// and are left out (the inset says so).
struct FrameAssigner {
    /// 0 is the main frame; inset i of the spec is frame i + 1.
    let okinawaFrame: Int?
    let ogasawaraFrame: Int?

    /// The Ogasawara inset's box (lon/lat): the Ogasawara (Bonin), Volcano and Nishinoshima islands.
    static let ogasawaraBox = BoundingBox(minX: 140.5, minY: 24.0, maxX: 142.6, maxY: 28.0)
    /// South of this latitude, Tokyo's and the Kanto block's land is 小笠原村's (the Izu islands
    /// end at 青ヶ島, 32.4°N).
    static let ogasawaraNorthLimit = 29.0

    init(insets: [MapInset]) {
        okinawaFrame = insets.firstIndex(of: .okinawa).map { $0 + 1 }
        ogasawaraFrame = insets.firstIndex(of: .ogasawara).map { $0 + 1 }
    }

    /// The frame of a feature at `point` (a polygon's bounding-box centre, a project's location)
    /// of a unit in `prefectureCode` (nil for a bureau block, then `bureauID`); nil when the
    /// feature is left out.
    func frame(prefectureCode: String?, bureauID: String?, at point: Coordinate) -> Int? {
        if let okinawaFrame, prefectureCode == "47" || (prefectureCode == nil && bureauID == "okinawa") {
            return okinawaFrame
        }
        if let ogasawaraFrame, prefectureCode == "13" || (prefectureCode == nil && bureauID == "kanto"),
           point.y < Self.ogasawaraNorthLimit {
            return Self.ogasawaraBox.contains(point) ? ogasawaraFrame : nil
        }
        return 0
    }

    func frame(of polygon: Polygon, prefectureCode: String?, bureauID: String?) -> Int? {
        var box = BoundingBox.empty
        for c in polygon.exterior.coordinates { box.extend(c) }
        guard !box.isEmpty else { return nil }
        return frame(prefectureCode: prefectureCode, bureauID: bureauID,
                     at: Coordinate(x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2))
    }
}
