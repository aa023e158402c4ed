import GeoCore
import BoundaryStore

/// Re-validates every stored geometry with GEOS: what `investmap check` prints, and what the
/// acceptance "every geometry valid" is measured with.
public enum StoreCheck {
    public struct LevelResult: Sendable {
        public var level: UnitLevel
        public var units: Int
        public var vertices: Int
        public var invalid: [(code: String, problem: String)]
    }

    public static func run(_ store: BoundaryStore) throws -> [LevelResult] {
        try UnitLevel.allCases.map { level in
            let units = try store.units(level)
            let problems = try units.concurrentMap { unit -> String? in
                let context = GEOSContext()
                return try GEOSGeometry(unit.geometry, context: context).validityProblem()?.description
            }
            let invalid = zip(units, problems).compactMap { unit, problem in
                problem.map { (unit.code ?? unit.name, $0) }
            }
            return LevelResult(level: level, units: units.count,
                               vertices: units.reduce(0) { $0 + $1.geometry.vertexCount }, invalid: invalid)
        }
    }
}
