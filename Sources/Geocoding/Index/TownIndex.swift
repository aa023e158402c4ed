/// The town points indexed for geocoding, built once: the prefectures, the municipalities under
/// every name an address may give them (see `MunicipalityNameForms`, plus the aliases), and the
/// normalised names of their towns and 小字 (see `AddressNormalizer`).
public struct TownIndex: Sendable {
    /// A prefecture, as addresses write it: with its suffix, or without (東京, 青森; not 北海道).
    struct Prefecture: Sendable {
        let name: String
        let key: [Unicode.Scalar]
        let keyWithoutSuffix: [Unicode.Scalar]?
    }

    struct Municipality: Sendable {
        let code5: String
        let prefecture: Int32
        /// As in the town points: 石狩郡当別町, 札幌市中央区.
        let city: String
        /// The root of its towns in `places`.
        let townRoot: Int32
        /// Its town "（大字なし）", whose 小字 are written as towns (本庄市台町) and whose point is
        /// that of an address giving a house number straight after the municipality.
        var unnamedTown: Int32?
    }

    /// One 町丁目/大字 name of a municipality (its rows: the plain one and its 小字).
    struct Town: Sendable {
        let municipality: Int32
        let name: String
        /// The plain row's point; for a town that has only 小字 rows, the mean of their points.
        var point: Point?
        /// The root of its 小字 in `places`, when it has any.
        var koazaRoot: Int32?
    }

    struct Koaza: Sendable {
        let name: String
        let point: Point?
    }

    struct Point: Sendable, Equatable {
        let latitude: Double
        let longitude: Double
    }

    /// How a name in `names` designates its municipalities.
    enum NameKind: Sendable, Equatable {
        /// As the town points write it (石狩郡当別町, 札幌市中央区, 千代田区).
        case official
        /// Without its 郡 (当別町).
        case withoutDistrict
        /// A designated city's ward without the city (中央区).
        case wardWithoutCity
        /// A designated city without its ward (札幌市): all its wards.
        case cityWithoutWard(String)
        /// An alias given to the index (`MunicipalityAlias`), with its name.
        case alias(String)
        /// The name a town or village had before it became a town or city (富谷町 for 富谷市),
        /// read only when no other name matches.
        case formerRank(written: String)
    }

    /// What one name designates: its municipalities within one prefecture.
    struct NameTarget: Sendable {
        let municipalities: [Int32]
        let prefecture: Int32
        let kind: NameKind
    }

    // The tables, filled by `init` only.
    var prefectures: [Prefecture] = []
    var municipalities: [Municipality] = []
    var towns: [Town] = []
    var koazas: [Koaza] = []
    /// The municipalities' names; the values are indexes into `nameTargets`.
    var names = PrefixTrie()
    var nameRoot: Int32 = 0
    var nameTargets: [NameTarget] = []
    /// Towns (values: indexes into `towns`) under each municipality's root, and 小字 (values:
    /// indexes into `koazas`) under each town's root.
    var places = PrefixTrie()

    /// The aliases given to `init` that the index does not use, and why: a code that is not in
    /// the town points, an unknown prefecture, or a name the town points already give to a
    /// municipality of that prefecture (the town points' own names win, so the codes returned
    /// are always those of the town points' vintage).
    public internal(set) var unusedAliases: [UnusedAlias] = []

    /// Indexes `points` (the rows of `town_points.csv`) and `aliases`.
    public init(points: [TownRecord], aliases: [MunicipalityAlias] = []) {
        nameRoot = names.addRoot()
        addPrefecturesAndMunicipalities(of: points)
        addTowns(of: points)
        addMunicipalityNames()
        addAliases(aliases)
    }

    /// How many municipalities and towns (町丁目/大字 names) the index holds.
    public var municipalityCount: Int { municipalities.count }
    public var townCount: Int { towns.count }

    /// 大字 and 字 before a town name, 小字 and 字 before a 小字 name: optional in addresses.
    static let townPrefixes: [[Unicode.Scalar]] = [Array("大字".unicodeScalars), Array("字".unicodeScalars)]
    static let koazaPrefixes: [[Unicode.Scalar]] = [Array("小字".unicodeScalars), Array("字".unicodeScalars)]
    static let unnamedTownName = "（大字なし）"

    /// The normalised `name` without the first of `prefixes` it starts with.
    static func key(_ name: String, droppingAnyOf prefixes: [[Unicode.Scalar]]) -> [Unicode.Scalar] {
        let key = AddressNormalizer.normalizedText(name).scalars
        for prefix in prefixes where key.count > prefix.count && key.starts(with: prefix) {
            return Array(key.dropFirst(prefix.count))
        }
        return key
    }

    private mutating func addPrefecturesAndMunicipalities(of points: [TownRecord]) {
        var prefectureOfName: [String: Int32] = [:]
        var municipalityOfCode: [String: Int32] = [:]
        for point in points where municipalityOfCode[point.code5] == nil {
            let prefecture: Int32
            if let known = prefectureOfName[point.prefecture] {
                prefecture = known
            } else {
                prefecture = Int32(prefectures.count)
                prefectureOfName[point.prefecture] = prefecture
                prefectures.append(Self.prefecture(named: point.prefecture))
            }
            municipalityOfCode[point.code5] = Int32(municipalities.count)
            municipalities.append(Municipality(code5: point.code5, prefecture: prefecture, city: point.city,
                                               townRoot: places.addRoot(), unnamedTown: nil))
        }
    }

    private static func prefecture(named name: String) -> Prefecture {
        let key = AddressNormalizer.normalizedText(name).scalars
        let suffixes: Set<Unicode.Scalar> = ["都", "府", "県"]
        let withoutSuffix = key.count > 2 && suffixes.contains(key[key.count - 1]) ? Array(key.dropLast()) : nil
        return Prefecture(name: name, key: key, keyWithoutSuffix: withoutSuffix)
    }

    /// One `Town` per (municipality, town name), its 小字 under it. Rows are matched to their
    /// town through the trie (the towns at the node of its key) and compared byte for byte:
    /// `String`'s own hashing and equality, Unicode-aware, cost more than the rest of the index.
    private mutating func addTowns(of points: [TownRecord]) {
        var municipalityOfCode: [String: Int32] = [:]
        for (index, municipality) in municipalities.enumerated() { municipalityOfCode[municipality.code5] = Int32(index) }
        var koazaPoints: [Int32: [Point]] = [:]
        var townsWithPlainRow = Set<Int32>()
        places.reserveCapacity(forNames: points.count)
        var previousTown: Int32?
        for point in points {
            let municipality = municipalityOfCode[point.code5]!
            let location = point.latitude.flatMap { latitude in point.longitude.map { Point(latitude: latitude, longitude: $0) } }
            // The rows of a town usually follow one another.
            let town = previousTown.flatMap { previous in
                towns[Int(previous)].municipality == municipality && towns[Int(previous)].name.utf8.elementsEqual(point.town.utf8) ? previous : nil
            } ?? townIndex(named: point.town, in: municipality)
            previousTown = town
            if point.koaza.isEmpty {
                towns[Int(town)].point = location
                townsWithPlainRow.insert(town)
            } else {
                let root = towns[Int(town)].koazaRoot ?? places.addRoot()
                towns[Int(town)].koazaRoot = root
                places.insert(Self.key(point.koaza, droppingAnyOf: Self.koazaPrefixes), under: root, value: Int32(koazas.count))
                koazas.append(Koaza(name: point.koaza, point: location))
                if let location { koazaPoints[town, default: []].append(location) }
            }
        }
        // A row without coordinates gives no point, but a town known only by its 小字 gets theirs.
        for (town, points) in koazaPoints where !townsWithPlainRow.contains(town) {
            towns[Int(town)].point = Point(latitude: points.map(\.latitude).reduce(0, +) / Double(points.count),
                                           longitude: points.map(\.longitude).reduce(0, +) / Double(points.count))
        }
    }

    /// The index of the town `name` of `municipality`, added if new.
    private mutating func townIndex(named name: String, in municipality: Int32) -> Int32 {
        let isUnnamed = name.utf8.elementsEqual(Self.unnamedTownName.utf8)
        if isUnnamed, let unnamed = municipalities[Int(municipality)].unnamedTown { return unnamed }
        let node = isUnnamed ? nil : places.node(of: Self.key(name, droppingAnyOf: Self.townPrefixes),
                                                  under: municipalities[Int(municipality)].townRoot)
        if let node, let known = places.values(at: node).first(where: { towns[Int($0)].name.utf8.elementsEqual(name.utf8) }) {
            return known
        }
        let town = Int32(towns.count)
        towns.append(Town(municipality: municipality, name: name, point: nil, koazaRoot: nil))
        if let node {
            places.add(town, at: node)
        } else {
            municipalities[Int(municipality)].unnamedTown = town
        }
        return town
    }
}
