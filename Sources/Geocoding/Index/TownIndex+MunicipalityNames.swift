/// The municipalities' names: building them (from the town points and the aliases) and finding
/// them at the start of an address.
extension TownIndex {
    /// The longest municipality name that `text` has at `start` among those of `prefecture` (of
    /// every prefecture when nil): its end and what it designates. A name the municipality had
    /// before it rose in rank (富谷町 for 富谷市) is read only when no other name matches, then
    /// also after a 郡 the town points no longer have (黒川郡富谷町).
    func municipalityName(in text: NormalizedText, from start: Int, prefecture: Int32?) -> (end: Int, targets: [NameTarget])? {
        let matches = names.prefixes(of: text.scalars, from: start, under: nameRoot).reversed()
        func longest(_ matches: some Sequence<(end: Int, values: [Int32])>, formerRank: Bool) -> (end: Int, targets: [NameTarget])? {
            for match in matches {
                let targets = match.values.map { nameTargets[Int($0)] }.filter { target in
                    (prefecture == nil || target.prefecture == prefecture) && target.kind.isFormerRank == formerRank
                }
                if !targets.isEmpty { return (match.end, targets) }
            }
            return nil
        }
        if let found = longest(matches, formerRank: false) ?? longest(matches, formerRank: true) { return found }
        guard let districtEnd = Self.endOfDistrict(in: text, from: start) else { return nil }
        return longest(names.prefixes(of: text.scalars, from: districtEnd, under: nameRoot).reversed(), formerRank: true)
    }

    /// Just past a 郡 of one to five characters at `start` ("黒川郡"), if there is one.
    private static func endOfDistrict(in text: NormalizedText, from start: Int) -> Int? {
        let district: Unicode.Scalar = "郡"
        let limit = min(text.count - 1, start + 5)
        guard start + 1 <= limit else { return nil }
        return (start + 1...limit).first { text.scalars[$0] == district }.map { $0 + 1 }
    }

    /// Every form of every municipality's name (`MunicipalityNameForms`).
    mutating func addMunicipalityNames() {
        struct DesignatedCity: Hashable { let prefecture: Int32; let name: String }
        var wardsOfCity: [DesignatedCity: [Int32]] = [:]
        for (index, municipality) in municipalities.enumerated() {
            if let split = MunicipalityNameForms.splitCityWard(municipality.city) {
                wardsOfCity[DesignatedCity(prefecture: municipality.prefecture, name: split.city), default: []].append(Int32(index))
            }
        }
        for (index, municipality) in municipalities.enumerated() {
            let forms = MunicipalityNameForms(of: municipality.city) { city in
                (wardsOfCity[DesignatedCity(prefecture: municipality.prefecture, name: city)]?.count ?? 0) >= 2
            }
            let only = [Int32(index)], prefecture = municipality.prefecture
            addName(municipality.city, designating: only, in: prefecture, as: .official)
            if let name = forms.withoutDistrict { addName(name, designating: only, in: prefecture, as: .withoutDistrict) }
            if let split = forms.designatedCityWard { addName(split.ward, designating: only, in: prefecture, as: .wardWithoutCity) }
            for name in forms.formerRankNames { addName(name, designating: only, in: prefecture, as: .formerRank(written: name)) }
        }
        for (city, wards) in wardsOfCity.sorted(by: { $0.value[0] < $1.value[0] }) where wards.count >= 2 {
            addName(city.name, designating: wards, in: city.prefecture, as: .cityWithoutWard(city.name))
        }
    }

    /// Each alias under its name, and without its 郡 when it has one, unless the town points
    /// already give that name to a municipality of the prefecture (then the alias is unused, or
    /// for the 郡-less form only, that form is skipped).
    mutating func addAliases(_ aliases: [MunicipalityAlias]) {
        var municipalityOfCode: [String: Int32] = [:]
        for (index, municipality) in municipalities.enumerated() { municipalityOfCode[municipality.code5] = Int32(index) }
        for alias in aliases {
            guard let municipality = municipalityOfCode[alias.code5] else {
                unusedAliases.append(UnusedAlias(alias: alias, reason: "code \(alias.code5) is not in the town points"))
                continue
            }
            guard let prefecture = prefectures.firstIndex(where: { $0.name == alias.prefecture }).map(Int32.init) else {
                unusedAliases.append(UnusedAlias(alias: alias, reason: "prefecture \(alias.prefecture) is not in the town points"))
                continue
            }
            if let owner = ownerOfName(alias.name, in: prefecture) {
                let named = municipalities[Int(owner)]
                unusedAliases.append(UnusedAlias(alias: alias, reason: "\(alias.prefecture)\(alias.name) is already the town points' name of \(named.code5) \(alias.prefecture)\(named.city)"))
                continue
            }
            addName(alias.name, designating: [municipality], in: prefecture, as: .alias(alias.name))
            if let name = MunicipalityNameForms.splitDistrict(alias.name)?.rest, ownerOfName(name, in: prefecture) == nil {
                addName(name, designating: [municipality], in: prefecture, as: .alias(alias.name))
            }
        }
    }

    /// The municipality of `prefecture` to which the town points give `name` (in any form but a
    /// former rank), if any.
    private func ownerOfName(_ name: String, in prefecture: Int32) -> Int32? {
        names.values(of: AddressNormalizer.normalizedText(name).scalars, under: nameRoot)
            .map { nameTargets[Int($0)] }
            .first { $0.prefecture == prefecture && !$0.kind.isFormerRank && !$0.kind.isAlias }?
            .municipalities.first
    }

    private mutating func addName(_ name: String, designating municipalities: [Int32], in prefecture: Int32, as kind: NameKind) {
        names.insert(AddressNormalizer.normalizedText(name).scalars, under: nameRoot, value: Int32(nameTargets.count))
        nameTargets.append(NameTarget(municipalities: municipalities, prefecture: prefecture, kind: kind))
    }
}

extension TownIndex.NameKind {
    var isFormerRank: Bool {
        if case .formerRank = self { return true }
        return false
    }

    var isAlias: Bool {
        if case .alias = self { return true }
        return false
    }
}
