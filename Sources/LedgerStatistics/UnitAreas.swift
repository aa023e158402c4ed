import BoundaryStore
import GeoCore
import Reference

/// Unit areas on the GRS80 ellipsoid (km²), from the full-resolution boundaries: computed once
/// per boundary edition and kept in the store (`unit_areas`), since reading and measuring 12 M
/// vertices per level would cost seconds on every `stats`.
public enum UnitAreas {
    static let levels: [UnitLevel] = [.ward, .municipality, .prefecture, .bureau]

    /// The stored areas, computed and stored first when missing (kept in memory only when the
    /// store is read-only).
    public static func areas(in store: BoundaryStore) throws -> [UnitLevel: [String: Double]] {
        guard let edition = try store.boundaryEdition() else { return [:] }
        let stored = try store.unitAreas(boundaryEdition: edition)
        if levels.allSatisfy({ stored[$0]?.isEmpty == false }) { return stored }
        let computed = try compute(store)
        if !store.isReadOnly { try store.storeUnitAreas(computed, boundaryEdition: edition) }
        return computed
    }

    /// Measures every unit with a code at the levels statistics use.
    public static func compute(_ store: BoundaryStore) throws -> [UnitLevel: [String: Double]] {
        var result: [UnitLevel: [String: Double]] = [:]
        for level in levels {
            var areas: [String: Double] = [:]
            for unit in try store.units(level) {
                guard let code = unit.code else { continue }
                areas[code] = EllipsoidalArea.grs80.squareMetres(of: unit.geometry) / 1_000_000
            }
            result[level] = areas
        }
        return result
    }
}
