import BoundaryStore
import Reference

/// A unit named on the command line: a ward (N03 unit) code, a municipality code (designated
/// cities included), a prefecture code or a bureau id.
public struct ResolvedUnit: Sendable, Equatable {
    public var level: UnitLevel
    public var code: String
    public var name: String
    /// The join column that selects the unit's projects.
    public var column: ProjectUnitColumn
}

/// Finds units by code, with suggestions for codes that match none.
public struct UnitResolver: Sendable {
    let units: [UnitLevel: [String: String]]

    public init(store: BoundaryStore) throws {
        var units: [UnitLevel: [String: String]] = [:]
        for level in [UnitLevel.ward, .municipality, .prefecture, .bureau] {
            var names: [String: String] = [:]
            for unit in try store.units(level, withGeometry: false) { if let code = unit.code { names[code] = unit.name } }
            units[level] = names
        }
        self.units = units
    }

    /// The unit with `code`: a municipality before a ward with the same code (an ordinary
    /// municipality is both; its projects are the same).
    /// - Throws: `QueryError.unknownUnit` with the closest codes.
    public func resolve(_ code: String) throws -> ResolvedUnit {
        for level in Self.order {
            if let name = units[level]?[code] { return ResolvedUnit(level: level, code: code, name: name, column: Self.column(level)) }
        }
        var known: [String] = []
        for level in Self.order { known += (units[level] ?? [:]).keys.sorted() }
        throw QueryError.unknownUnit(code: code, closest: ClosestNames.closest(to: code, in: known, limit: 5))
    }

    static let order: [UnitLevel] = [.municipality, .ward, .prefecture, .bureau]

    static func column(_ level: UnitLevel) -> ProjectUnitColumn {
        switch level {
        case .ward: .ward
        case .prefecture: .prefecture
        case .bureau: .bureau
        default: .municipality
        }
    }

    /// The name of a unit of `level`.
    public func name(_ level: UnitLevel, _ code: String) -> String? { units[level]?[code] }

    /// The bureau ids.
    public var bureaus: [String] { units[.bureau]?.keys.sorted() ?? [] }
}
