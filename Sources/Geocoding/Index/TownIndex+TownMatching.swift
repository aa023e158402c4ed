/// A town found in an address, with its 小字 when the address names one.
struct TownHit: Sendable {
    let town: Int32
    let koaza: Int32?
}

/// Finding the town of an address within one municipality.
extension TownIndex {
    /// The town (and 小字) that `text` names at `start` in `municipality` (see `namedTown`).
    /// Kyoto's street directions (寺町通御池上る) are passed over when a town follows them. With
    /// `housesOfUnnamedTown`, a house number straight after the municipality gives its town
    /// "（大字なし）" when it has one (a weak reading, which the geocoder does not let decide
    /// between municipalities).
    func town(in municipality: Int32, of text: NormalizedText, from start: Int, housesOfUnnamedTown: Bool) -> TownHit? {
        if let afterDirections = Self.endOfStreetDirections(in: text, from: start),
           let hit = namedTown(in: municipality, of: text, from: afterDirections) {
            return hit
        }
        if let hit = namedTown(in: municipality, of: text, from: start) { return hit }
        if housesOfUnnamedTown, let unnamed = municipalities[Int(municipality)].unnamedTown, text.isDigit(at: start) {
            return TownHit(town: unnamed, koaza: nil)
        }
        return nil
    }

    /// The reading of `text` at `start` that goes furthest: a town name (its 大字 or 字
    /// optional; a name ending in a digit never stops inside a number), then one of its 小字 (小字
    /// or 字 optional) if any follows; or a 小字 of the municipality's town "（大字なし）", which
    /// addresses write where a town would be. Of readings that end alike, the
    /// one with a point, then the one with the longer town name, then the town written exactly as
    /// the address writes it (大字黒石 and 黒石, 上の段 and 上之段), then the first in the town
    /// points.
    private func namedTown(in municipality: Int32, of text: NormalizedText, from start: Int) -> TownHit? {
        var best: TownReading?
        func consider(_ town: Int32, townEnd: Int, koaza: (koaza: Int32, end: Int)?) {
            let hasPoint = (koaza.flatMap { koazas[Int($0.koaza)].point } ?? towns[Int(town)].point) != nil
            let reading = TownReading(hit: TownHit(town: town, koaza: koaza?.koaza), end: koaza?.end ?? townEnd,
                                      hasPoint: hasPoint, townEnd: townEnd)
            guard let current = best else {
                best = reading
                return
            }
            let (candidateRank, currentRank) = (reading.rank, current.rank)
            if candidateRank > currentRank
                || candidateRank == currentRank && isWrittenAlike(reading, in: text, from: start) && !isWrittenAlike(current, in: text, from: start) {
                best = reading
            }
        }
        let root = municipalities[Int(municipality)].townRoot
        for offset in Self.offsets(afterOptional: Self.townPrefixes, in: text, at: start) {
            for match in names(under: root, in: text, from: offset) {
                for town in match.values { consider(town, townEnd: match.end, koaza: koaza(of: town, in: text, from: match.end)) }
            }
        }
        // The 小字 of the town "（大字なし）" are written where a town would be.
        if let unnamed = municipalities[Int(municipality)].unnamedTown, let koaza = koaza(of: unnamed, in: text, from: start) {
            consider(unnamed, townEnd: start, koaza: koaza)
        }
        return best?.hit
    }

    /// One way to read a town (and 小字) in an address.
    private struct TownReading {
        let hit: TownHit
        /// Just past the 小字, else past the town.
        let end: Int
        let hasPoint: Bool
        let townEnd: Int

        /// Greater is better: further, with a point, with a longer town name.
        var rank: (Int, Int, Int) { (end, hasPoint ? 1 : 0, townEnd) }
    }

    /// Whether the address writes the reading's town exactly as the town points do.
    private func isWrittenAlike(_ reading: TownReading, in text: NormalizedText, from start: Int) -> Bool {
        towns[Int(reading.hit.town)].name.utf8.elementsEqual(text.writtenText(from: start, to: reading.townEnd).utf8)
    }

    /// The longest 小字 of `town` that `text` names at `start` (小字 or 字 optional).
    private func koaza(of town: Int32, in text: NormalizedText, from start: Int) -> (koaza: Int32, end: Int)? {
        guard let root = towns[Int(town)].koazaRoot else { return nil }
        var best: (koaza: Int32, end: Int)?
        for offset in Self.offsets(afterOptional: Self.koazaPrefixes, in: text, at: start) {
            if let match = names(under: root, in: text, from: offset).last, match.end > best?.end ?? start {
                best = (match.values[0], match.end)
            }
        }
        return best
    }

    /// The names under `root` that `text` has at `start`, shortest first, but for those that end
    /// inside a number (a town "…1" is not read from "…12").
    private func names(under root: Int32, in text: NormalizedText, from start: Int) -> [(end: Int, values: [Int32])] {
        places.prefixes(of: text.scalars, from: start, under: root).filter { !text.continuesNumber(at: $0.end) }
    }

    /// `start`, and past each of `prefixes` that `text` has there.
    private static func offsets(afterOptional prefixes: [[Unicode.Scalar]], in text: NormalizedText, at start: Int) -> [Int] {
        [start] + prefixes.filter { text.hasPrefix($0, at: start) }.map { start + $0.count }
    }

    /// Kyoto writes the street and a direction before the town (寺町通御池上る上本能寺前町): just
    /// past the last direction (上る, 下る, 西入る, 東入る, with る or ル, 上がる) that follows a
    /// 通, if there is one.
    private static func endOfStreetDirections(in text: NormalizedText, from start: Int) -> Int? {
        let street: Unicode.Scalar = "通"
        guard let streetOffset = text.scalars[start...].firstIndex(of: street) else { return nil }
        var end: Int?
        for direction in streetDirections {
            var offset = streetOffset + 1
            while offset + direction.count <= text.count {
                if text.hasPrefix(direction, at: offset) { end = max(end ?? 0, offset + direction.count) }
                offset += 1
            }
        }
        return end
    }

    private static let streetDirections: [[Unicode.Scalar]] = ["上ル", "上る", "下ル", "下る", "入ル", "入る", "上ヶル", "上ヶる", "下ヶル", "下ヶる"]
        .map { Array($0.unicodeScalars) }
}
