/// Locates Japanese addresses in the town points, reading them left to right: the prefecture
/// (optional, with or without 都/府/県), the municipality (its 郡 optional; a designated city's
/// ward with or without the city, or the city alone when the town tells the ward), the town
/// (longest match, 大字/字 optional, 丁目 in any numerals or as "3-"), its 小字 when named; the
/// rest (番地, 号, building) is ignored. A municipality is never given on a guess: when the
/// address fits several and exactly one of them has a town that the address names, that one is
/// chosen (and `MunicipalityMatch.inference` says so); otherwise the answer is `.ambiguous`.
public struct AddressGeocoder: Sendable {
    public let index: TownIndex

    public init(index: TownIndex) {
        self.index = index
    }

    /// Where `address` is, as precisely as the town points allow (see `GeocodeResult`).
    public func geocode(_ address: String) -> GeocodeResult {
        var text = AddressNormalizer.normalizedText(address)
        let start = Self.endOfPostalCode(in: text)
        guard start < text.count else { return .unmatched(reason: "empty address") }
        text.closeFinalNumber()
        let readings = index.prefectureReadings(of: text, from: start)
        var candidates: [MunicipalityCandidate] = []
        for reading in readings {
            guard let name = index.municipalityName(in: text, from: reading.end, prefecture: reading.prefecture) else { continue }
            let written = text.writtenText(from: reading.end, to: name.end)
            for target in name.targets {
                for municipality in target.municipalities where !candidates.contains(where: { $0.municipality == municipality }) {
                    candidates.append(MunicipalityCandidate(municipality: municipality, kind: target.kind, written: written, townStart: name.end))
                }
            }
        }
        guard !candidates.isEmpty else { return unmatched(text, readings: readings) }
        if candidates.count == 1 { return located(candidates[0], in: text, among: 1) }
        return decided(among: candidates, in: text)
    }

    /// One municipality an address may name, and where its town would start.
    private struct MunicipalityCandidate {
        let municipality: Int32
        let kind: TownIndex.NameKind
        /// The municipality's name as the address writes it.
        let written: String
        let townStart: Int
    }

    /// The result for the municipality of `candidate`, chosen among `count` that the name fits.
    private func located(_ candidate: MunicipalityCandidate, in text: NormalizedText, among count: Int) -> GeocodeResult {
        let municipality = index.municipalities[Int(candidate.municipality)]
        let match = MunicipalityMatch(code5: municipality.code5, prefecture: index.prefectures[Int(municipality.prefecture)].name,
                                      city: municipality.city, inference: inference(candidate, among: count))
        guard let hit = index.town(in: candidate.municipality, of: text, from: candidate.townStart, housesOfUnnamedTown: true) else {
            let rest = text.writtenText(from: candidate.townStart)
            return .municipality(match, note: rest.isEmpty ? "the address names no town after \(municipality.city)"
                                                          : "town not found in \(municipality.city): '\(rest)'")
        }
        let town = index.towns[Int(hit.town)]
        let koaza = hit.koaza.map { index.koazas[Int($0)] }
        if let point = koaza?.point {
            return .town(TownMatch(municipality: match, town: town.name, koaza: koaza?.name, latitude: point.latitude, longitude: point.longitude))
        }
        guard let point = town.point else {
            return .municipality(match, note: "town \(town.name) of \(municipality.city) has no point in the town points")
        }
        return .town(TownMatch(municipality: match, town: town.name, koaza: nil, latitude: point.latitude, longitude: point.longitude))
    }

    /// The one candidate whose towns the address names, or `.ambiguous`.
    private func decided(among candidates: [MunicipalityCandidate], in text: NormalizedText) -> GeocodeResult {
        let withTown = candidates.filter { candidate in
            index.town(in: candidate.municipality, of: text, from: candidate.townStart, housesOfUnnamedTown: false) != nil
        }
        if withTown.count == 1 { return located(withTown[0], in: text, among: candidates.count) }
        let codes = candidates.map { index.municipalities[Int($0.municipality)].code5 }.sorted()
        let rest = text.writtenText(from: candidates[0].townStart)
        let town = withTown.isEmpty ? (rest.isEmpty ? "no town is given" : "none has a town '\(rest)'")
                                    : "\(withTown.count) have a town '\(rest)'"
        return .ambiguous(codes: codes, reason: "'\(candidates[0].written)' fits \(candidates.count) municipalities (\(names(of: candidates))); \(town)")
    }

    /// "北海道札幌市中央区 01101, 東京都中央区 13102, …", the first few.
    private func names(of candidates: [MunicipalityCandidate]) -> String {
        let shown = 6
        let listed = candidates.prefix(shown).map { candidate in
            let municipality = index.municipalities[Int(candidate.municipality)]
            return "\(index.prefectures[Int(municipality.prefecture)].name)\(municipality.city) \(municipality.code5)"
        }
        return listed.joined(separator: ", ") + (candidates.count > shown ? ", …" : "")
    }

    /// What `MunicipalityMatch.inference` says for `candidate`, chosen among `count`.
    private func inference(_ candidate: MunicipalityCandidate, among count: Int) -> String? {
        let decidedByTown = count > 1 ? "decided by the town among the \(count) municipalities '\(candidate.written)' fits" : nil
        switch candidate.kind {
        case .official, .withoutDistrict, .wardWithoutCity:
            return decidedByTown
        case .cityWithoutWard(let city):
            return "the ward decided by the town (\(city) written without its ward)"
        case .alias(let name):
            return ["old name \(name)", decidedByTown].compactMap { $0 }.joined(separator: "; ")
        case .formerRank(let written):
            let city = index.municipalities[Int(candidate.municipality)].city
            return ["written \(written), now \(city)", decidedByTown].compactMap { $0 }.joined(separator: "; ")
        }
    }

    private func unmatched(_ text: NormalizedText, readings: [PrefectureReading]) -> GeocodeResult {
        guard let prefecture = readings.first?.prefecture, let end = readings.first?.end else {
            return .unmatched(reason: "no municipality matches '\(text.writtenText(from: readings.last?.end ?? 0))'")
        }
        let name = index.prefectures[Int(prefecture)].name
        let rest = text.writtenText(from: end)
        return .unmatched(reason: rest.isEmpty ? "only the prefecture \(name) is given" : "no municipality of \(name) matches '\(rest)'")
    }

    /// Just past a leading postal code (〒 optional; "060-0001" or "0600001"), else past a lone
    /// 〒, else 0.
    private static func endOfPostalCode(in text: NormalizedText) -> Int {
        let start = text.scalars.first == "〒" ? 1 : 0
        func digits(from offset: Int, count: Int) -> Bool {
            (offset..<offset + count).allSatisfy { text.isDigit(at: $0) } && !text.isDigit(at: offset + count)
        }
        if text.isDigit(at: start + 2), text.hasPrefix(["-"], at: start + 3), digits(from: start + 4, count: 4),
           digits(from: start, count: 3) {
            return start + 8
        }
        return digits(from: start, count: 7) ? start + 7 : start
    }
}
