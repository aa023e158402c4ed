import Foundation
import Reference
import TestSupport

extension TestPaths {
    /// The repository's GeoData tables.
    static func loadTables() throws -> ReferenceTables {
        try ReferenceTables.load(from: geoData)
    }
}
