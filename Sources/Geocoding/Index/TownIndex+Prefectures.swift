/// One way an address may begin: with a prefecture (its index) or without, and where what
/// follows starts.
struct PrefectureReading: Sendable {
    let prefecture: Int32?
    let end: Int
}

extension TownIndex {
    /// The readings of `text` at `start`: a prefecture's full name is the only one (東京都); a
    /// name without its suffix (東京, 京都) is read both as the prefecture and as the start of a
    /// municipality (京都市); otherwise the address has no prefecture.
    func prefectureReadings(of text: NormalizedText, from start: Int) -> [PrefectureReading] {
        if let full = prefectures.indices.first(where: { text.hasPrefix(prefectures[$0].key, at: start) }) {
            return [PrefectureReading(prefecture: Int32(full), end: start + prefectures[full].key.count)]
        }
        var readings = prefectures.indices.compactMap { index -> PrefectureReading? in
            guard let key = prefectures[index].keyWithoutSuffix, text.hasPrefix(key, at: start) else { return nil }
            return PrefectureReading(prefecture: Int32(index), end: start + key.count)
        }
        readings.append(PrefectureReading(prefecture: nil, end: start))
        return readings
    }
}
