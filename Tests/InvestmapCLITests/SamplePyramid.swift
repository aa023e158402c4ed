import Foundation
import TestSupport

/// The sample store (`SampleStore`) at z4–z6 tiled as edition "sample", made once per test run
/// and shared by `TilesTests` and `ViewerTests`: the folder holds tiles.gpkg, the JSON pyramid
/// (`pyramid/`, with gzip variants and the viewer), its MBTiles file, the same layers as
/// Mapbox Vector Tiles (`pyramid-pbf/`, `pyramid-pbf.mbtiles`) and the z5 prefectures as GeoJSON.
enum SamplePyramid {
    static let environment = SampleStore.environment

    private static let fixture = TestFixture("tiles") { folder in
        let db = folder.appendingPathComponent("tiles.gpkg").path
        try CLI.runAll(try SampleStore.steps(db: db, levels: "z4,z5,z6") + [
            ["tiles", "--edition", "sample", "--minzoom", "4", "--maxzoom", "6", "--points-from-zoom", "6", "--gzip",
             "--out", folder.appendingPathComponent("pyramid").path,
             "--mbtiles", folder.appendingPathComponent("pyramid.mbtiles").path, "--db", db],
            ["tiles", "--edition", "sample", "--minzoom", "4", "--maxzoom", "6", "--points-from-zoom", "6",
             "--out", folder.appendingPathComponent("pyramid-pbf").path,
             "--mbtiles", folder.appendingPathComponent("pyramid-pbf.mbtiles").path, "--mbtiles-format", "pbf", "--db", db],
            ["export", "--level", "z5", "--unit", "prefecture", "--out", folder.appendingPathComponent("z5.geojson").path, "--db", db]],
                       environment: environment)
        return folder
    }

    /// The folder (made on first use; a failure is reported by every test that needs it).
    static func folder() throws -> URL { try fixture.value() }

    /// The JSON pyramid of edition "sample" at z4–z6, with the viewer beside its tiles.json.
    static func pyramid() throws -> URL { try folder().appendingPathComponent("pyramid") }
}
