import Foundation
import GeoFormats
import TestSupport
import XCTest

/// `investmap tiles` on a store made from the simplified national TopoJSON (imported,
/// simplified at z4–z6, with the fictional sample ledger and sites as edition "sample"): a valid
/// TileJSON 3.0.0 document, tiles that parse with integer coordinates in the buffered extent, the
/// right units in each z5 tile, every project counted once per zoom (clusters at z4–z5, points at
/// z6), every site once, gzip variants, the viewer's files, the MBTiles file holding the same
/// tiles, deterministic output, and clear failures that leave a previous pyramid intact.
final class TilesTests: XCTestCase {
    static let environment = SampleStore.environment

    private func folder() throws -> URL { try SamplePyramid.folder() }

    private var db: String { get throws { try folder().appendingPathComponent("tiles.gpkg").path } }

    /// Every tile file of a pyramid, "z/x/y" → path.
    private func tileFiles(_ pyramid: URL) throws -> [String: URL] {
        var files: [String: URL] = [:]
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: pyramid, includingPropertiesForKeys: nil))
        for case let url as URL in enumerator where url.pathExtension == "json" && url.lastPathComponent != "tiles.json" {
            let parts = url.pathComponents.suffix(3)
            files["\(parts[parts.startIndex])/\(parts[parts.startIndex + 1])/\(url.deletingPathExtension().lastPathComponent)"] = url
        }
        return files
    }

    private func json(_ url: URL) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any], url.path)
    }

    func testTileJSONIsValidTileJSON300() throws {
        let document = try json(folder().appendingPathComponent("pyramid/tiles.json"))
        XCTAssertEqual(document["tilejson"] as? String, "3.0.0")
        let tiles = try XCTUnwrap(document["tiles"] as? [String])
        XCTAssertEqual(tiles, ["{z}/{x}/{y}.json"])
        XCTAssertEqual(document["minzoom"] as? Int, 4)
        XCTAssertEqual(document["maxzoom"] as? Int, 6)
        let bounds = try XCTUnwrap(Self.numbers(document["bounds"]))
        XCTAssertEqual(bounds.count, 4)
        XCTAssertTrue(bounds[0] > 122 && bounds[0] < 124 && bounds[2] > 153 && bounds[2] < 154.5, "\(bounds)")
        XCTAssertTrue(bounds[1] > 20 && bounds[1] < 24.5 && bounds[3] > 45 && bounds[3] < 46, "\(bounds)")
        let center = try XCTUnwrap(Self.numbers(document["center"]))
        XCTAssertEqual(center.count, 3)
        XCTAssertTrue(center[0] >= bounds[0] && center[0] <= bounds[2] && center[1] >= bounds[1] && center[1] <= bounds[3])
        XCTAssertTrue((4...6).contains(Int(center[2])))
        let version = try XCTUnwrap(document["version"] as? String)
        XCTAssertNotNil(version.range(of: #"^\d+\.\d+\.\d+"#, options: .regularExpression), "semver: \(version)")
        XCTAssertTrue(version.hasSuffix("sample"))
        XCTAssertEqual(document["investmap_edition"] as? String, "sample")
        XCTAssertTrue(try XCTUnwrap(document["attribution"] as? String).contains("国土数値情報（行政区域データ）（国土交通省）を加工して作成"))
        XCTAssertNotNil(document["legend"] as? String, "TileJSON's legend is a string")
        let layers = try XCTUnwrap(document["vector_layers"] as? [[String: Any]])
        XCTAssertEqual(layers.compactMap { $0["id"] as? String }, ["municipalities", "prefectures", "projects", "sites"])
        for layer in layers {
            let fields = try XCTUnwrap(layer["fields"] as? [String: String])
            switch layer["id"] as? String {
            case "projects": XCTAssertEqual(Set(fields.keys), ["kind", "count", "amount_jpy", "id", "name", "plan", "field", "status", "code"])
            case "sites": XCTAssertEqual(Set(fields.keys), ["kind", "id", "name", "plan", "fields", "status"])
            default: XCTAssertEqual(Set(fields.keys), ["code", "name", "value", "class", "fill"])
            }
        }
        // The TileJSON 3.0.0 schema's types: strings, integer zooms 0–30, number arrays.
        for key in ["name", "description", "attribution", "scheme", "legend", "version"] {
            XCTAssertNotNil(document[key] as? String, "\(key) is a string")
        }
        for key in ["minzoom", "maxzoom"] { XCTAssertTrue((0...30).contains(try XCTUnwrap(document[key] as? Int)), key) }
        for layer in layers {
            XCTAssertNotNil(layer["id"] as? String)
            XCTAssertNotNil(layer["fields"] as? [String: String], "fields map names to strings")
            for key in ["minzoom", "maxzoom"] { XCTAssertNotNil(layer[key] as? Int, key) }
        }
        let legend = try XCTUnwrap(document["investmap_legend"] as? [String: [String: Any]])
        for name in ["municipalities", "prefectures"] {
            let classes = try XCTUnwrap(legend[name]?["classes"] as? [[String: Any]])
            XCTAssertFalse(classes.isEmpty)
            XCTAssertTrue(classes.allSatisfy { ($0["color"] as? String)?.hasPrefix("#") == true })
        }
    }

    func testEveryTileParsesWithIntegerCoordinatesInTheBufferedExtent() throws {
        let files = try tileFiles(folder().appendingPathComponent("pyramid"))
        XCTAssertFalse(files.isEmpty)
        XCTAssertEqual(Set(files.keys.map { $0.split(separator: "/")[0] }), ["4", "5", "6"])
        for (key, url) in files {
            let layers = try XCTUnwrap(json(url)["layers"] as? [String: [String: Any]], key)
            let name = Int(key.split(separator: "/")[0])! >= 6 ? "municipalities" : "prefectures"
            XCTAssertTrue(Set(layers.keys).isSubset(of: [name, "projects", "sites"]), "\(key): \(layers.keys.sorted())")
            for (layerName, layer) in layers {
                XCTAssertEqual(layer["extent"] as? Int, 4096)
                XCTAssertFalse(try XCTUnwrap(layer["features"] as? [[String: Any]]).isEmpty, "\(key) \(layerName): empty layers are left out")
            }
            for feature in try XCTUnwrap(layers["projects"]?["features"] as? [[String: Any]] ?? []) + (layers["sites"]?["features"] as? [[String: Any]] ?? []) {
                let geometry = try XCTUnwrap(feature["geometry"] as? [String: Any])
                guard geometry["type"] as? String == "Point" else { continue }
                let point = try XCTUnwrap(geometry["coordinates"] as? [Int], "\(key): integer coordinates")
                XCTAssertTrue(point.count == 2 && point.allSatisfy { (0...4096).contains($0) }, "\(key): a point lies in its own tile: \(point)")
            }
            guard let layer = layers[name] else { continue }  // a tile with points only (a project at sea)
            let features = try XCTUnwrap(layer["features"] as? [[String: Any]])
            for feature in features {
                let properties = try XCTUnwrap(feature["properties"] as? [String: Any])
                XCTAssertEqual(Set(properties.keys), ["code", "name", "value", "class", "fill"], key)
                let geometry = try XCTUnwrap(feature["geometry"] as? [String: Any])
                XCTAssertEqual(geometry["type"] as? String, "MultiPolygon")
                let polygons = try XCTUnwrap(geometry["coordinates"] as? [[[[Int]]]], "\(key): integer coordinates")
                for ring in polygons.flatMap({ $0 }) {
                    XCTAssertEqual(ring.first, ring.last, "\(key): closed rings")
                    XCTAssertGreaterThanOrEqual(ring.count, 4)
                    for point in ring { XCTAssertTrue(point.allSatisfy { (-64...4160).contains($0) }, "\(key): \(point)") }
                }
                for polygon in polygons {
                    XCTAssertGreaterThan(Self.doubledArea(polygon[0]), 0, "\(key): exterior clockwise on screen")
                    for hole in polygon.dropFirst() { XCTAssertLessThan(Self.doubledArea(hole), 0, "\(key): holes counter-clockwise") }
                }
            }
        }
    }

    func testCodesOfEachZoom5TileAreTheUnitsReachingIt() throws {
        let folder = try folder()
        let geojson = try json(folder.appendingPathComponent("z5.geojson"))
        let features = try XCTUnwrap(geojson["features"] as? [[String: Any]])
        var boxes: [String: (minX: Double, minY: Double, maxX: Double, maxY: Double)] = [:]
        var anchors: [String: (Double, Double)] = [:]
        for feature in features {
            let properties = try XCTUnwrap(feature["properties"] as? [String: Any])
            let code = try XCTUnwrap((properties["code"] ?? properties["prefecture_code"]) as? String, "\(properties)")
            let geometry = try XCTUnwrap(feature["geometry"] as? [String: Any])
            let raw = try XCTUnwrap(geometry["coordinates"] as? [Any])
            let coordinates: [[[[Double]]]] = try (geometry["type"] as? String == "Polygon" ? [raw] : raw).map { polygon in
                try XCTUnwrap(polygon as? [Any]).map { ring in
                    try XCTUnwrap(ring as? [Any]).map { point in try XCTUnwrap(Self.numbers(point)) }
                }
            }
            var box = (minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity)
            var largest = 0.0
            for polygon in coordinates {
                let xs = polygon[0].map { $0[0] }, ys = polygon[0].map { $0[1] }
                box = (min(box.minX, xs.min()!), min(box.minY, ys.min()!), max(box.maxX, xs.max()!), max(box.maxY, ys.max()!))
                let size = (xs.max()! - xs.min()!) * (ys.max()! - ys.min()!)
                if size > largest { largest = size; anchors[code] = (polygon[0][0][0], polygon[0][0][1]) }
            }
            boxes[code] = box
        }
        XCTAssertEqual(boxes.count, 47)
        let files = try tileFiles(folder.appendingPathComponent("pyramid")).filter { $0.key.hasPrefix("5/") }
        var tileCodes: [String: Set<String>] = [:]
        for (key, url) in files {
            let layer = try XCTUnwrap((json(url)["layers"] as? [String: [String: Any]])?["prefectures"])
            tileCodes[key] = Set(try XCTUnwrap(layer["features"] as? [[String: Any]]).compactMap { ($0["properties"] as? [String: Any])?["code"] as? String })
        }
        let n = 32.0, margin = 64.0 / 4096
        for (key, codes) in tileCodes {
            let parts = key.split(separator: "/").map { Double($0)! }
            let (x, y) = (parts[1], parts[2])
            let west = Self.longitude((x - margin) / n), east = Self.longitude((x + 1 + margin) / n)
            let north = Self.latitude((y - margin) / n), south = Self.latitude((y + 1 + margin) / n)
            let reaching = Set(boxes.filter { $0.value.maxX >= west && $0.value.minX <= east && $0.value.maxY >= south && $0.value.minY <= north }.keys)
            XCTAssertTrue(codes.isSubset(of: reaching), "\(key): \(codes.subtracting(reaching).sorted()) do not reach the tile")
        }
        for (code, anchor) in anchors {
            let tile = "5/\(Int(((anchor.0 + 180) / 360 * n).rounded(.down)))/\(Int((Self.worldY(anchor.1) * n).rounded(.down)))"
            XCTAssertTrue(tileCodes[tile]?.contains(code) == true, "\(code) is missing from \(tile), which holds its vertex \(anchor)")
        }
    }

    /// The edition's projects as `investmap projects` lists them: id → status.
    private func projectStatuses() throws -> [String: String] {
        let result = try CLI.run(["projects", "--edition", "sample", "--format", "csv", "--db", db], environment: Self.environment)
        XCTAssertEqual(result.status, 0, result.stderr)
        var statuses: [String: String] = [:]
        let records = try CSVReader.records(in: result.stdout)
        let status = try XCTUnwrap(records.first?.firstIndex(of: "status"))
        for fields in records.dropFirst() { statuses[fields[0]] = fields[status] }
        return statuses
    }

    func testProjectsLayerCountsEveryProjectOncePerZoom() throws {
        let statuses = try projectStatuses()
        let shown = Set(statuses.filter { $0.value != "withdrawn" }.keys)
        XCTAssertGreaterThan(shown.count, 1_500)
        let files = try tileFiles(folder().appendingPathComponent("pyramid"))
        for zoom in 4...6 {
            var clustered = 0, ids: [String] = [], clusteredTiles = Set<String>()
            for (key, url) in files where key.hasPrefix("\(zoom)/") {
                let features = (try json(url)["layers"] as? [String: [String: Any]])?["projects"]?["features"] as? [[String: Any]] ?? []
                for feature in features {
                    let properties = try XCTUnwrap(feature["properties"] as? [String: Any])
                    if properties["kind"] as? String == "cluster" {
                        clustered += try XCTUnwrap(properties["count"] as? Int, key)
                        XCTAssertNotNil(properties["total_investment_jpy"] as? NSNumber, key)
                        if zoom == 6 { clusteredTiles.insert(key) }
                    } else {
                        XCTAssertEqual(zoom, 6, "\(key): single projects only from --points-from-zoom")
                        XCTAssertEqual(properties["kind"] as? String, "project", key)
                        ids.append(try XCTUnwrap(properties["id"] as? String, key))
                    }
                }
            }
            XCTAssertEqual(clustered + ids.count, shown.count, "z\(zoom): every project that is not withdrawn counted once")
            if zoom < 6 {
                XCTAssertTrue(ids.isEmpty, "z\(zoom): clusters only")
            } else {
                XCTAssertEqual(Set(ids).count, ids.count, "z6: no project twice")
                XCTAssertTrue(Set(ids).isSubset(of: shown), "z6: only projects that are not withdrawn")
                // Tiles too full to list their projects under the cap hold clusters (reported by the run).
                XCTAssertLessThan(clusteredTiles.count, 3, "\(clusteredTiles.sorted())")
                XCTAssertGreaterThan(ids.count, shown.count / 2)
            }
        }
    }

    func testSitesLayerHoldsEveryPointSiteOncePerZoom() throws {
        let files = try tileFiles(folder().appendingPathComponent("pyramid"))
        for zoom in 4...6 {
            var points: [String] = [], areas = Set<String>()
            for (key, url) in files where key.hasPrefix("\(zoom)/") {
                let features = (try json(url)["layers"] as? [String: [String: Any]])?["sites"]?["features"] as? [[String: Any]] ?? []
                for feature in features {
                    let properties = try XCTUnwrap(feature["properties"] as? [String: Any])
                    XCTAssertEqual(properties["kind"] as? String, "site")
                    XCTAssertNotEqual(properties["status"] as? String, "withdrawn")
                    let id = try XCTUnwrap(properties["id"] as? String)
                    if (feature["geometry"] as? [String: Any])?["type"] as? String == "Point" { points.append(id) } else { areas.insert(id) }
                }
            }
            XCTAssertEqual(points.count, Set(points).count, "z\(zoom): a point site is in one tile only")
            XCTAssertGreaterThan(points.count, 50, "z\(zoom)")
            XCTAssertGreaterThan(areas.count, 20, "z\(zoom): sites given as areas are drawn as areas")
            XCTAssertTrue(Set(points).isDisjoint(with: areas))
        }
    }

    func testGzipVariantsAndTheViewerAreWrittenBesideTheTiles() throws {
        let pyramid = try folder().appendingPathComponent("pyramid")
        let files = try tileFiles(pyramid)
        for (key, url) in files.sorted(by: { $0.key < $1.key }).prefix(40) {
            let gzip = url.appendingPathExtension("gz")
            let unpacked = try Program.run("gzip", ["-dc", gzip.path])
            XCTAssertEqual(unpacked.status, 0, "\(key).json.gz")
            XCTAssertEqual(unpacked.stdout, try Data(contentsOf: url), "\(key).json.gz holds the tile")
        }
        for name in ["index.html", "viewer.js", "tiles.json.gz"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: pyramid.appendingPathComponent(name).path), name)
        }
    }

    func testMBTilesHoldsTheSameTiles() throws {
        let folder = try folder()
        let mbtiles = folder.appendingPathComponent("pyramid.mbtiles").path
        let count = try Self.sqlite(mbtiles, "SELECT count(*) FROM tiles")
        XCTAssertEqual(Int(count), try tileFiles(folder.appendingPathComponent("pyramid")).count)
        XCTAssertEqual(try Self.sqlite(mbtiles, "SELECT value FROM metadata WHERE name = 'format'"), "application/json")
        XCTAssertEqual(try Self.sqlite(mbtiles, "SELECT value FROM metadata WHERE name = 'minzoom'"), "4")
        let json = try Self.sqlite(mbtiles, "SELECT value FROM metadata WHERE name = 'json'")
        XCTAssertTrue(json.contains("\"vector_layers\""))
        // TMS rows: the XYZ tile 5/28/12 is row 31 - 12 = 19.
        let tokyo = try Self.sqlite(mbtiles, "SELECT count(*) FROM tiles WHERE zoom_level = 5 AND tile_column = 28 AND tile_row = 19")
        XCTAssertEqual(tokyo, "1")
        let bytes = try Self.sqlite(mbtiles, "SELECT length(tile_data) FROM tiles WHERE zoom_level = 5 AND tile_column = 28 AND tile_row = 19")
        let file = try Data(contentsOf: folder.appendingPathComponent("pyramid/5/28/12.json"))
        XCTAssertEqual(Int(bytes), file.count)
    }

    func testGDALOpensTheVectorTileMBTiles() throws {
        let folder = try folder()
        let mbtiles = folder.appendingPathComponent("pyramid-pbf.mbtiles").path
        XCTAssertEqual(try Self.sqlite(mbtiles, "SELECT value FROM metadata WHERE name = 'format'"), "pbf")
        XCTAssertEqual(Int(try Self.sqlite(mbtiles, "SELECT count(*) FROM tiles")),
                       try tileFiles(folder.appendingPathComponent("pyramid")).count, "the same tiles as the folder")
        // Zoom 6: the layer municipalities, every project as a point.
        let ogrinfo = try Program.run("ogrinfo", ["-ro", "-so", "-oo", "ZOOM_LEVEL=6", mbtiles, "municipalities", "projects", "sites"])
        let text = ogrinfo.output
        XCTAssertEqual(ogrinfo.status, 0, ogrinfo.errors)
        XCTAssertTrue(text.contains("using driver `MBTiles' successful"), text)
        for layer in ["municipalities", "projects", "sites"] { XCTAssertTrue(text.contains("Layer name: \(layer)"), text) }
        let counts = text.components(separatedBy: "Feature Count: ").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        XCTAssertEqual(counts.count, 3, text)
        XCTAssertGreaterThan(counts.first ?? 0, 1_700, "municipal features of every z6 tile")
        let statuses = try projectStatuses()
        // Every project once, a few tiles' as clusters (too many to list under the cap).
        let projectFeatures = try XCTUnwrap(counts.dropFirst().first)
        XCTAssertLessThanOrEqual(projectFeatures, statuses.values.filter { $0 != "withdrawn" }.count)
        XCTAssertGreaterThan(projectFeatures, statuses.values.filter { $0 != "withdrawn" }.count / 2)
        for field in ["code: String", "name: String", "fill: String"] { XCTAssertTrue(text.contains(field), "\(field) in \(text)") }
    }

    func testBaseURLMakesTheTileURLsAbsolute() throws {
        let out = try TemporaryFolder.url(for: self).appendingPathComponent("served")
        let result = try CLI.run(["tiles", "--edition", "sample", "--minzoom", "4", "--maxzoom", "4", "--base-url", "https://example.org/maps/tiles",
                                  "--out", out.path, "--db", db], environment: Self.environment)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try json(out.appendingPathComponent("tiles.json"))["tiles"] as? [String], ["https://example.org/maps/tiles/{z}/{x}/{y}.json"])
        let bad = try CLI.run(["tiles", "--minzoom", "4", "--maxzoom", "4", "--base-url", "tiles/", "--out", out.path, "--db", db],
                              environment: Self.environment)
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("absolute http(s) address"), bad.stderr)
    }

    func testSameInputGivesTheSameBytes() throws {
        let folder = try folder()
        let again = try TemporaryFolder.url(for: self).appendingPathComponent("again")
        let result = try CLI.run(["tiles", "--edition", "sample", "--minzoom", "4", "--maxzoom", "6", "--points-from-zoom", "6", "--gzip",
                                  "--out", again.path, "--db", db], environment: Self.environment)
        XCTAssertEqual(result.status, 0, result.stderr)
        let first = try tileFiles(folder.appendingPathComponent("pyramid")), second = try tileFiles(again)
        XCTAssertEqual(Set(first.keys), Set(second.keys))
        for (key, url) in first {
            XCTAssertEqual(try Data(contentsOf: url), try Data(contentsOf: XCTUnwrap(second[key])), key)
            XCTAssertEqual(try Data(contentsOf: url.appendingPathExtension("gz")),
                           try Data(contentsOf: XCTUnwrap(second[key]).appendingPathExtension("gz")), "\(key).json.gz")
        }
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("pyramid/tiles.json")), try Data(contentsOf: again.appendingPathComponent("tiles.json")))
    }

    func testTilesOverTheCapAreCoarsenedAndReported() throws {
        let folder = try folder()
        let out = try TemporaryFolder.url(for: self).appendingPathComponent("capped")
        let result = try CLI.run(["tiles", "--edition", "sample", "--minzoom", "6", "--maxzoom", "6", "--max-tile-bytes", "1000",
                                  "--out", out.path, "--db", db], environment: Self.environment)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("drawn from scale z4"), result.stderr)
        XCTAssertTrue(result.stderr.contains("over the cap of 1000 bytes"), result.stderr)
        let capped = try tileFiles(out), full = try tileFiles(folder.appendingPathComponent("pyramid")).filter { $0.key.hasPrefix("6/") }
        XCTAssertEqual(Set(capped.keys), Set(full.keys))
        let cappedBytes = try capped.values.reduce(0) { $0 + (try Data(contentsOf: $1).count) }
        let fullBytes = try full.values.reduce(0) { $0 + (try Data(contentsOf: $1).count) }
        XCTAssertLessThan(cappedBytes, fullBytes, "coarser geometry")
    }

    func testBadInputFailsClearlyAndLeavesThePreviousPyramid() throws {
        let out = try TemporaryFolder.url(for: self).appendingPathComponent("out")
        let first = try CLI.run(["tiles", "--edition", "sample", "--minzoom", "4", "--maxzoom", "4", "--out", out.path, "--db", db],
                                environment: Self.environment)
        XCTAssertEqual(first.status, 0, first.stderr)
        let before = try Data(contentsOf: out.appendingPathComponent("tiles.json"))
        for (arguments, expected) in [(["--minzoom", "5", "--maxzoom", "4"], "above --maxzoom"),
                                      (["--minzoom", "4", "--maxzoom", "23"], "0–22"),
                                      (["--minzoom", "4", "--maxzoom", "4", "--edition", "no-such-edition"], "no-such-edition")] {
            let result = try CLI.run(["tiles"] + arguments + ["--out", out.path, "--db", db], environment: Self.environment)
            XCTAssertNotEqual(result.status, 0, arguments.joined(separator: " "))
            XCTAssertTrue(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
        }
        let missing = try CLI.run(["tiles", "--minzoom", "4", "--maxzoom", "4", "--out", "/nonexistent-folder/tiles", "--db", db],
                                  environment: Self.environment)
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("does not exist"), missing.stderr)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("tiles.json")), before, "the previous pyramid is intact")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "no staging folder left behind")
    }

    /// An array of JSON numbers as doubles (integers included, whichever way Foundation bridged them).
    static func numbers(_ value: Any?) -> [Double]? {
        guard let array = value as? [Any] else { return nil }
        let numbers = array.compactMap { element -> Double? in
            if let number = element as? NSNumber { return number.doubleValue }
            if let integer = element as? Int { return Double(integer) }
            return element as? Double
        }
        return numbers.count == array.count ? numbers : nil
    }

    static func doubledArea(_ ring: [[Int]]) -> Int {
        zip(ring, ring.dropFirst()).reduce(0) { $0 + $1.0[0] * $1.1[1] - $1.1[0] * $1.0[1] }
    }

    static func longitude(_ worldX: Double) -> Double { worldX * 360 - 180 }
    static func latitude(_ worldY: Double) -> Double { atan(sinh(Double.pi * (1 - 2 * worldY))) * 180 / Double.pi }
    static func worldY(_ latitude: Double) -> Double {
        let phi = latitude * Double.pi / 180
        return (1 - log(tan(phi) + 1 / cos(phi)) / Double.pi) / 2
    }

    static func sqlite(_ path: String, _ sql: String) throws -> String {
        try Program.run("/usr/bin/sqlite3", [path, sql]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
