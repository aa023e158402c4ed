import GeoCore
import BoundaryStore
import Reference

/// Re-validates every stored geometry with GEOS: what `investmap check` prints, and what the
/// acceptance "every geometry valid" is measured with.
public enum StoreCheck {
    public struct LevelResult: Sendable {
        public var level: UnitLevel
        /// The simplified scale, nil at full resolution.
        public var scale: String?
        public var units: Int
        public var vertices: Int
        public var invalid: [(code: String, problem: String)]
    }

    /// Every layer: full resolution, then each simplified scale.
    public static func run(_ store: BoundaryStore) throws -> [LevelResult] {
        let scales: [String?] = [nil] + (try store.simplifiedLevels().map(\.name))
        return try scales.flatMap { scale in try UnitLevel.allCases.map { level in try check(store, level, scale) } }
    }

    private static func check(_ store: BoundaryStore, _ level: UnitLevel, _ scale: String?) throws -> LevelResult {
        let units = try store.units(level, scale: scale)
        let problems = try units.concurrentMap { unit -> String? in
            let context = GEOSContext()
            return try GEOSGeometry(unit.geometry, context: context).validityProblem()?.description
        }
        let invalid = zip(units, problems).compactMap { unit, problem in
            problem.map { (unit.code ?? unit.name, $0) }
        }
        return LevelResult(level: level, scale: scale, units: units.count,
                           vertices: units.reduce(0) { $0 + $1.geometry.vertexCount }, invalid: invalid)
    }
}
