import GeoFormats
/// Writes one tile as the pyramid's JSON: `{"layers":{NAME:{"extent":4096,"features":[…]}}}`,
/// layers in name order, each feature a GeoJSON Feature (keys sorted: geometry, properties,
/// type) whose coordinates are integer tile units. Written byte by byte rather than through a
/// JSON encoder: a tile is mostly integers, and the output must be byte-identical run to run.
public enum TileJSONWriter {
    /// The JSON bytes of a tile with `layers` (empty layers are left out).
    public static func bytes(_ layers: [TileLayer]) -> [UInt8] {
        var out: [UInt8] = []
        out += Array("{\"layers\":{".utf8)
        var first = true
        for layer in layers.sorted(by: { $0.name < $1.name }) where !layer.features.isEmpty {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONValue.writeString(layer.name, to: &out)
            out += Array(":{\"extent\":\(layer.extent),\"features\":[".utf8)
            for (index, feature) in layer.features.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out += Array("{\"geometry\":{\"coordinates\":".utf8)
                switch feature.geometry {
                case .multiPolygon(let polygons):
                    writeCoordinates(polygons, to: &out)
                    out += Array(",\"type\":\"MultiPolygon\"},\"properties\":".utf8)
                case .point(let x, let y):
                    out += Array("[\(x),\(y)],\"type\":\"Point\"},\"properties\":".utf8)
                }
                out += feature.propertiesJSON
                out += Array(",\"type\":\"Feature\"}".utf8)
            }
            out += Array("]}".utf8)
        }
        out += Array("}}".utf8)
        return out
    }

    static func writeCoordinates(_ polygons: [[[[Int]]]], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (p, polygon) in polygons.enumerated() {
            if p > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            for (r, ring) in polygon.enumerated() {
                if r > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "["))
                for (i, point) in ring.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    out += Array("[\(point[0]),\(point[1])]".utf8)
                }
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
    }
}
