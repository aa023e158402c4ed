#!/usr/bin/env python3
"""Independent check of investmap's JSON tile pyramid against the store it was made from.

Usage: check_tiles.py STORE PYRAMID [--zooms 4-8] [--listed 20] [--lenient]

STORE is the GeoPackage the pyramid was made from (read only); PYRAMID the folder written by
`investmap tiles` (PYRAMID/{z}/{x}/{y}.json, XYZ tiles in Web Mercator, EPSG:3857). A tile is
{"layers":{LAYER:{"extent":4096,"features":[GeoJSON Feature]}}} with integer tile coordinates,
x right and y down from the tile's top-left corner. The polygon layer is "prefectures" below
zoom 6 and "municipalities" (the N03 units, the store's `wards`) from zoom 6 on; zoom z draws
the store's gap-free scale zN (`prefectures_zN` / `wards_zN`). Other layers are ignored.
Nothing is shared with investmap but GEOS (through shapely) and GDAL (through pyogrio): the
store is read with pyogrio, projected with pyproj, tested with shapely.

Checks, per zoom:
  a) membership  for every tile that intersects a unit of the zoom's scale (projected to
                 EPSG:3857), and every tile file present, the set of codes in the tile's
                 polygon layer equals the set of units that intersect the tile's square (the
                 tile without its buffer). A missing tile file with units under it is a
                 mismatch. Each mismatch is listed with the unit, the tile and its
                 intersection with the tile square in tile units (area, or length when the
                 area is zero: "touch only", listed apart; a missing unit with less than one
                 square unit inside the square is counted as a sliver); a code in the tile
                 that does not intersect the square is "extra", in the buffer only when it
                 meets the buffered square, and listed with its distance from the square.
  b) no gaps     each tile under the full-resolution `wards` (the land) is sampled at 256 x 256
                 pixel centres: land pixels (under a full-resolution unit, clipped to the tile
                 and moved into tile units), uncovered pixels (land that no polygon of the tile
                 covers; a centre on a polygon's edge counts as covered) and uncovered pixels
                 farther than one pixel (8-neighbourhood) from any covered pixel (the tile's
                 polygons are sampled one pixel into the buffer, so the neighbourhood is right at
                 the tile's edges). Each pixel beyond one pixel is attributed: to the scale when
                 no unit of the zoom's scale covers its centre either (the simplification lost
                 that land), to the tile when one does (the clipping or encoding lost it); its
                 distance to the nearest tile polygon is measured in tile units.
  "far"          besides, the uncovered pixels whose centre lies more than one pixel (16 tile
                 units) from every polygon of the tile: the 8-neighbourhood test also flags land
                 under a polygon too small or thin to cover a pixel centre (an islet drawn 0.7 px
                 away), which this distance does not.
Also counted (reported, not failures): features whose geometry shapely finds invalid, rings
wound against the tile format (exterior rings clockwise on screen) and codes twice in a tile.

Prints one JSON object on stdout and a summary on standard error. "ok" per zoom: no membership
mismatch other than touch only and no uncovered pixel beyond one pixel by the 8-neighbourhood;
"ok_lenient": no unit missing from a tile but slivers (less than one square tile unit inside
the tile's square: the integer grid cannot hold them), none extra beyond the buffered tile
(units in the buffer only are how vector tiles are usually cut: GDAL and tippecanoe keep them
too) and no uncovered pixel farther than one pixel. Exit status: 0 when every zoom is "ok" ("ok_lenient"
with --lenient), 1 when one is not, 2 on bad input.
"""
import argparse
import json
import math
import os
import sys
import time

import numpy
import pyogrio
import pyproj
import shapely

EXTENT = 4096
PIXELS = 256
PIXEL = EXTENT // PIXELS  # tile units per pixel
BUFFER = 64  # tile units beyond each edge that a tile's geometry may reach
HALF_WORLD = 20037508.342789244  # EPSG:3857 half width, metres
LISTED_DEFAULT = 20


def polygon_layer(zoom: int) -> tuple[str, str]:
    """The tile layer and the store layer of the scale drawn at this zoom."""
    if zoom < 6:
        return "prefectures", f"prefectures_z{zoom}"
    return "municipalities", f"wards_z{zoom}"


def read_projected(store: str, layer: str) -> tuple[list, numpy.ndarray]:
    """Codes and geometries of a store layer, projected to EPSG:3857."""
    table = pyogrio.read_dataframe(store, layer=layer, columns=["code"], read_geometry=True)
    source = pyproj.CRS.from_user_input(table.crs) if table.crs is not None else pyproj.CRS.from_epsg(4326)
    transformer = pyproj.Transformer.from_crs(source, "EPSG:3857", always_xy=True)

    def project(coordinates):
        x, y = transformer.transform(coordinates[:, 0], coordinates[:, 1])
        return numpy.column_stack([x, y])
    geometries = shapely.transform(numpy.asarray(table.geometry.values, dtype=object), project)
    return [str(c) for c in table["code"]], geometries


def tile_size(zoom: int) -> float:
    return 2 * HALF_WORLD / (1 << zoom)


def tile_box(zoom: int, x: int, y: int) -> tuple[float, float, float, float]:
    """The tile's square in EPSG:3857: minx, miny, maxx, maxy."""
    size = tile_size(zoom)
    minx, maxy = -HALF_WORLD + x * size, HALF_WORLD - y * size
    return minx, maxy - size, minx + size, maxy


def tile_range(zoom: int, bounds) -> tuple[range, range]:
    """The columns and rows of the tiles that can meet a box in EPSG:3857."""
    size, last = tile_size(zoom), (1 << zoom) - 1
    minx, miny, maxx, maxy = bounds
    x0 = max(0, int(math.floor((minx + HALF_WORLD) / size)))
    x1 = min(last, int(math.floor((maxx + HALF_WORLD) / size)))
    y0 = max(0, int(math.floor((HALF_WORLD - maxy) / size)))
    y1 = min(last, int(math.floor((HALF_WORLD - miny) / size)))
    return range(x0, x1 + 1), range(y0, y1 + 1)


def tiles_meeting(zoom: int, geometries: numpy.ndarray) -> dict:
    """{(x, y): indices of the geometries that intersect the tile's closed square}."""
    tree = shapely.STRtree(geometries)
    xs, ys = tile_range(zoom, shapely.total_bounds(geometries))
    keys = [(x, y) for x in xs for y in ys]
    boxes = shapely.box(*numpy.array([tile_box(zoom, x, y) for x, y in keys]).T)
    query_index, geometry_index = tree.query(boxes, predicate="intersects")
    meeting: dict = {}
    for q, g in zip(query_index, geometry_index):
        meeting.setdefault(keys[q], []).append(int(g))
    return meeting


def to_tile_units(geometry, zoom: int, x: int, y: int):
    """A geometry in EPSG:3857 moved into the tile's units (x right, y down)."""
    minx, _, _, maxy = tile_box(zoom, x, y)
    scale = EXTENT / tile_size(zoom)

    def move(coordinates):
        return numpy.column_stack([(coordinates[:, 0] - minx) * scale, (maxy - coordinates[:, 1]) * scale])
    return shapely.transform(geometry, move)


def read_tile(pyramid: str, zoom: int, x: int, y: int, layer: str):
    """(codes, geometries in tile units) of the tile's polygon layer; None when there is no file."""
    path = os.path.join(pyramid, str(zoom), str(x), f"{y}.json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        tile = json.load(f)
    features = tile.get("layers", {}).get(layer, {"features": []})
    extent = features.get("extent", EXTENT)
    if extent != EXTENT:
        raise ValueError(f"{path}: layer {layer} has extent {extent}, expected {EXTENT}")
    codes, geometries = [], []
    for feature in features["features"]:
        codes.append(str(feature["properties"]["code"]))
        geometries.append(shapely.from_geojson(json.dumps(feature["geometry"])))
    return codes, geometries


def tiles_present(pyramid: str, zoom: int) -> set:
    found = set()
    folder = os.path.join(pyramid, str(zoom))
    if not os.path.isdir(folder):
        return found
    for column in os.listdir(folder):
        if not column.isdigit():
            continue
        for name in os.listdir(os.path.join(folder, column)):
            if name.endswith(".json") and name[:-5].isdigit():
                found.add((int(column), int(name[:-5])))
    return found


def rasterise(geometries, first_centre: float, count: int, labels=None):
    """Which of count x count pixel centres (first_centre + PIXEL * i, in tile units) lie in
    or on one of the geometries; with labels also the label of the first geometry covering
    each centre (-1 when none). Each geometry only tests the centres inside its bounds."""
    covered = numpy.zeros((count, count), dtype=bool)
    owner = numpy.full((count, count), -1, dtype=numpy.int64) if labels is not None else None
    for k, geometry in enumerate(geometries):
        if geometry is None or shapely.is_empty(geometry):
            continue
        minx, miny, maxx, maxy = shapely.bounds(geometry)
        i0 = max(0, int(math.ceil((minx - first_centre) / PIXEL)))
        i1 = min(count - 1, int(math.floor((maxx - first_centre) / PIXEL)))
        j0 = max(0, int(math.ceil((miny - first_centre) / PIXEL)))
        j1 = min(count - 1, int(math.floor((maxy - first_centre) / PIXEL)))
        if i0 > i1 or j0 > j1:
            continue
        block = covered[j0:j1 + 1, i0:i1 + 1]
        todo = ~block
        if not todo.any():
            continue
        jj, ii = numpy.nonzero(todo)
        xs = first_centre + PIXEL * (ii + i0)
        ys = first_centre + PIXEL * (jj + j0)
        shapely.prepare(geometry)
        inside = shapely.intersects_xy(geometry, xs, ys)
        block[jj[inside], ii[inside]] = True
        if owner is not None:
            owner[j0 + jj[inside], i0 + ii[inside]] = labels[k]
    return covered, owner


def membership(zoom, codes, geometries, meeting, present, tiles, listed):
    """Check a) for one zoom."""
    size = tile_size(zoom)
    unit_area = (size / EXTENT) ** 2
    result = {"tiles_expected": len(meeting), "tiles_present": len(present), "tiles_checked": 0,
              "mismatches": 0, "missing_units": 0, "missing_slivers": 0, "extra_buffer_only": 0, "extra_beyond_buffer": 0,
              "touch_only": 0, "missing_files": 0,
              "missing": [], "extra": [], "buffer_only": [], "touch": []}
    index_of = {c: i for i, c in enumerate(codes)}
    for key in sorted(set(meeting) | present):
        x, y = key
        expected = {codes[i] for i in meeting.get(key, [])}
        tile = tiles.get(key)
        found = set(tile[0]) if tile is not None else set()
        result["tiles_checked"] += 1
        if tile is None and expected:
            result["missing_files"] += 1
        square = shapely.box(*tile_box(zoom, x, y))
        margin = BUFFER * size / EXTENT
        buffered = shapely.box(*(numpy.array(tile_box(zoom, x, y)) + [-margin, -margin, margin, margin]))
        for code in sorted(expected - found):
            part = shapely.intersection(geometries[index_of[code]], square)
            area = shapely.area(part) / unit_area
            entry = {"tile": f"{zoom}/{x}/{y}", "code": code, "file": tile is not None,
                     "area_units2": round(area, 6)}
            if area > 0:
                result["mismatches"] += 1
                # Under one square tile unit inside the square: a sliver the integer grid cannot hold.
                result["missing_units" if area >= 1 else "missing_slivers"] += 1
                minx, miny, maxx, maxy = shapely.bounds(part)
                entry["extent_units"] = round(max(maxx - minx, maxy - miny) / (size / EXTENT), 3)
                if len(result["missing"]) < listed:
                    result["missing"].append(entry)
            else:
                result["touch_only"] += 1
                entry["length_units"] = round(shapely.length(part) / (size / EXTENT), 3)
                entry["kind"] = part.geom_type if not shapely.is_empty(part) else "empty"
                if len(result["touch"]) < listed:
                    result["touch"].append(entry)
        for code in sorted(found - expected):
            result["mismatches"] += 1
            if code in index_of:
                unit = geometries[index_of[code]]
                distance = shapely.distance(unit, square) / (size / EXTENT)
                entry = {"tile": f"{zoom}/{x}/{y}", "code": code, "distance_units": round(distance, 3)}
                # Within the buffered square (a square band: up to 64·√2 units away at a corner).
                kind = "buffer_only" if shapely.intersects(unit, buffered) else "extra"
            else:
                entry = {"tile": f"{zoom}/{x}/{y}", "code": code, "distance_units": None,
                         "note": "code not in the scale's layer"}
                kind = "extra"
            result["extra_buffer_only" if kind == "buffer_only" else "extra_beyond_buffer"] += 1
            if len(result[kind]) < listed:
                result[kind].append(entry)
    return result


def gaps(zoom, land_codes, land, land_meeting, scale_tree, tiles, listed):
    """Check b) for one zoom."""
    result = {"tiles": 0, "land_pixels": 0, "uncovered": 0, "beyond_one_pixel": 0,
              "beyond_cause_scale": 0, "beyond_cause_tile": 0,
              "far": 0, "far_cause_scale": 0, "far_cause_tile": 0, "farthest_units": 0.0, "worst": []}
    per_tile = []
    inner = PIXEL / 2  # the first pixel centre inside the tile
    for key in sorted(land_meeting):
        x, y = key
        minx, miny, maxx, maxy = tile_box(zoom, x, y)
        indices = land_meeting[key]
        clipped = shapely.clip_by_rect(land[indices], minx, miny, maxx, maxy)
        clipped = [to_tile_units(g, zoom, x, y) for g in clipped]
        land_mask, owner = rasterise(clipped, inner, PIXELS, labels=numpy.array(indices))
        tile = tiles.get(key)
        polygons = tile[1] if tile is not None else []
        # The tile's polygons one pixel into the buffer all round: (PIXELS + 2)².
        covered_wide, _ = rasterise(polygons, inner - PIXEL, PIXELS + 2)
        covered = covered_wide[1:-1, 1:-1]
        near = numpy.zeros_like(covered)
        for dy in (0, 1, 2):
            for dx in (0, 1, 2):
                near |= covered_wide[dy:dy + PIXELS, dx:dx + PIXELS]
        uncovered = land_mask & ~covered
        beyond = uncovered & ~near
        land_count, uncovered_count, beyond_count = int(land_mask.sum()), int(uncovered.sum()), int(beyond.sum())
        result["tiles"] += 1
        result["land_pixels"] += land_count
        result["uncovered"] += uncovered_count
        result["beyond_one_pixel"] += beyond_count
        if uncovered_count == 0:
            continue
        entry = {"tile": f"{zoom}/{x}/{y}", "file": tile is not None, "land_pixels": land_count,
                 "uncovered": uncovered_count, "beyond_one_pixel": beyond_count}
        # Every uncovered pixel: how far its centre lies from the tile's polygons, and whether
        # the zoom's scale covers it (in EPSG:3857, where the scale lies).
        jj, ii = numpy.nonzero(uncovered)
        u, v = inner + PIXEL * ii, inner + PIXEL * jj
        if polygons:
            union = shapely.union_all([shapely.make_valid(p) for p in polygons])
            distances = shapely.distance(union, shapely.points(u, v))
        else:
            distances = numpy.full(len(u), numpy.inf)
        size = tile_size(zoom)
        points = shapely.points(minx + u * size / EXTENT, maxy - v * size / EXTENT)
        point_index, _ = scale_tree.query(points, predicate="intersects")
        in_scale = numpy.zeros(len(points), dtype=bool)
        in_scale[point_index] = True
        far = distances > PIXEL
        beyond_8n = beyond[jj, ii]
        counts = {"beyond_cause_scale": int((beyond_8n & ~in_scale).sum()),
                  "beyond_cause_tile": int((beyond_8n & in_scale).sum()),
                  "far": int(far.sum()),
                  "far_cause_scale": int((far & ~in_scale).sum()),
                  "far_cause_tile": int((far & in_scale).sum())}
        for name, value in counts.items():
            result[name] += value
        farthest = float(distances.max())
        result["farthest_units"] = max(result["farthest_units"], farthest)
        flagged = beyond_8n | far
        units = sorted({land_codes[o] for o in owner[jj[flagged], ii[flagged]] if o >= 0})
        entry.update(counts)
        entry.update({"farthest_units": None if math.isinf(farthest) else round(farthest, 1),
                      "farthest_pixels": None if math.isinf(farthest) else round(farthest / PIXEL, 2),
                      "farthest_at": [int(u[numpy.argmax(distances)]), int(v[numpy.argmax(distances)])],
                      "units": units[:10]})
        per_tile.append(entry)
    per_tile.sort(key=lambda e: (-(e["farthest_units"] if e.get("farthest_units") is not None else math.inf), -e["beyond_one_pixel"], -e["uncovered"], e["tile"]))
    if math.isinf(result["farthest_units"]):
        result["farthest_units"] = None
    else:
        result["farthest_units"] = round(result["farthest_units"], 1)
    result["tiles_with_uncovered"] = len(per_tile)
    result["worst"] = per_tile[:listed]
    return result


def geometry_notes(tiles) -> dict:
    """Invalid geometries, rings wound against the format, codes twice in a tile."""
    invalid, wrong_winding, duplicated, features = [], 0, 0, 0
    for (x, y), (codes, geometries) in tiles.items():
        duplicated += len(codes) - len(set(codes))
        for code, geometry in zip(codes, geometries):
            features += 1
            if not shapely.is_valid(geometry):
                invalid.append(f"{code} in {x}/{y}: {shapely.is_valid_reason(geometry)}")
            for polygon in shapely.get_parts(geometry):
                # y points down: a ring clockwise on screen is counter-clockwise in shapely's terms.
                if not shapely.is_ccw(shapely.get_exterior_ring(polygon)):
                    wrong_winding += 1
                for k in range(shapely.get_num_interior_rings(polygon)):
                    if shapely.is_ccw(shapely.get_interior_ring(polygon, k)):
                        wrong_winding += 1
    return {"features": features, "invalid": len(invalid), "invalid_listed": invalid[:10],
            "wrong_winding_rings": wrong_winding, "duplicated_codes": duplicated}


def parse_zooms(text: str) -> list:
    zooms = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        zooms += list(range(int(first), int(last or first) + 1))
    return sorted(set(zooms))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store")
    parser.add_argument("pyramid")
    parser.add_argument("--zooms", default="4-8", help="zooms to check: 4-8, 9-10, 4,6,8 (default 4-8)")
    parser.add_argument("--listed", type=int, default=LISTED_DEFAULT,
                        help=f"mismatches and tiles listed per zoom (default {LISTED_DEFAULT}); counts are complete")
    parser.add_argument("--lenient", action="store_true",
                        help="exit 0 when only buffer-only extras and sub-pixel gaps fail (see \"ok_lenient\")")
    args = parser.parse_args()
    try:
        zooms = parse_zooms(args.zooms)
    except ValueError:
        parser.error(f"--zooms: expected e.g. 4-8 or 4,6,8, got {args.zooms!r}")
    for path in (args.store, args.pyramid):
        if not os.path.exists(path):
            print(f"error: {path}: not found", file=sys.stderr)
            return 2

    started = time.perf_counter()
    land_codes, land = read_projected(args.store, "wards")
    read_seconds = time.perf_counter() - started
    report = {"store": args.store, "pyramid": args.pyramid, "zooms": {}, "ok": True, "ok_lenient": True,
              "seconds": {"read_full_resolution": round(read_seconds, 2)}}
    for zoom in zooms:
        zoom_started = time.perf_counter()
        layer, scale_layer = polygon_layer(zoom)
        codes, geometries = read_projected(args.store, scale_layer)
        meeting = tiles_meeting(zoom, geometries)
        present = tiles_present(args.pyramid, zoom)
        land_meeting = tiles_meeting(zoom, land)
        tiles = {}
        for key in sorted(set(meeting) | present | set(land_meeting)):
            tile = read_tile(args.pyramid, zoom, key[0], key[1], layer)
            if tile is not None:
                tiles[key] = tile
        a = membership(zoom, codes, geometries, meeting, present, tiles, args.listed)
        scale_tree = shapely.STRtree(geometries)
        b = gaps(zoom, land_codes, land, land_meeting, scale_tree, tiles, args.listed)
        notes = geometry_notes(tiles)
        ok = a["mismatches"] == 0 and b["beyond_one_pixel"] == 0
        ok_lenient = a["missing_units"] == 0 and a["extra_beyond_buffer"] == 0 and b["far"] == 0
        report["ok"] &= ok
        report["ok_lenient"] &= ok_lenient
        report["zooms"][str(zoom)] = {"layer": layer, "scale": scale_layer, "units": len(codes),
                                      "ok": ok, "ok_lenient": ok_lenient,
                                      "membership": a, "gaps": b, "geometry": notes,
                                      "seconds": round(time.perf_counter() - zoom_started, 2)}
        print(f"z{zoom} ({layer} from {scale_layer}): membership: {a['tiles_checked']} tiles, "
              f"{a['mismatches']} mismatches: {a['missing_units']} missing, {a['missing_slivers']} missing slivers (< 1 unit²), {a['extra_buffer_only']} extra in the buffer only, "
              f"{a['extra_beyond_buffer']} extra beyond it ({a['missing_files']} missing files), {a['touch_only']} touch only; "
              f"gaps: {b['tiles']} tiles, {b['land_pixels']} land px, {b['uncovered']} uncovered, "
              f"{b['beyond_one_pixel']} beyond 1 px by 8-neighbourhood (scale {b['beyond_cause_scale']}, tile {b['beyond_cause_tile']}), "
              f"{b['far']} farther than 1 px (scale {b['far_cause_scale']}, tile {b['far_cause_tile']}), farthest {b['farthest_units']} units; "
              f"invalid features {notes['invalid']}; {'ok' if ok else 'FAIL'}{'' if ok else ' (lenient: ' + ('ok' if ok_lenient else 'FAIL') + ')'} "
              f"({time.perf_counter() - zoom_started:.1f} s)", file=sys.stderr)
    report["seconds"]["total"] = round(time.perf_counter() - started, 2)
    report["versions"] = {"shapely": shapely.__version__, "geos": shapely.geos_version_string,
                          "pyproj": pyproj.__version__, "proj": pyproj.proj_version_str,
                          "pyogrio": pyogrio.__version__, "gdal": pyogrio.__gdal_version_string__}
    json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0 if report["ok_lenient" if args.lenient else "ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
