#!/usr/bin/env python3
"""Independent acceptance check of `investmap import boundaries … --fill-from …` (the coverage fill).

The full-resolution N03 2022 file lacks 20 municipalities (geodata/N03-22_220101_fullres.MISSING.tsv);
investmap fills them from the complete 1 %-simplified N03 2021 TopoJSON. This script checks the
result from the outside, with GEOS through shapely, on investmap's exports and its `locate` command:

  1. coverage, on each export given (the full-resolution and the `national` municipal GeoJSON, with
     the 所属未定地 exports joined to them when given):
     * every polygon valid (shapely.is_valid, with GEOS's reason) and `shapely.coverage_is_valid` on
       the whole coverage (no overlaps, every shared border matched vertex for vertex); when it is
       not, the edges that make it so (coverage_invalid_edges with gap_width 0);
     * `shapely.coverage_invalid_edges(geoms, gap_width=100)` with the geometries projected to Albers
       equal-area for Japan (+proj=aea +lat_1=30 +lat_2=40 +lat_0=35 +lon_0=136 +datum=WGS84
       +units=m): GEOS flags unmatched border or coast edges that run within 100 m of another unit
       (narrow gaps, enclosed or open to the sea). Every edge is listed with its ends (lon/lat), its
       length and the units near it; counted overall, and of or touching (1 m) the 20 filled units
       and the 所属未定地 areas (which the import fills from the same source);
     * enclosed gaps: holes of the coverage's union bounded by two units or more, any width, with
       area, width, place and units (a hole inside a single unit, e.g. an enclosed harbour of the
       primary data, is not a gap and is left out);
  2. the area of each of the 20 filled units against its area in the fill source (the TopoJSON is
     decoded here: quantized, delta-encoded arcs; several geometries of one N03_007 code are united),
     both in the same equal-area projection: relative difference per unit, the worst. Acceptance:
     within --area-tolerance (2 %) on the full-resolution export. On `national` (a 1 km-tolerance
     simplification) the same figures are reported with each unit's change against its own
     full-resolution area and that change's spread over all the other units, and are enforced only
     with --national-area-tolerance;
  3. that all 1,902 N03-22 codes are there (the primary file's N03_007 codes ∪ the 20 missing):
     in the store (`investmap units --level ward`), and in each municipal export (a designated-city
     ward counts through its city, `city_code` of the store's ward list);
  4. the city hall / town or village office of each of the 20 (Tests/Fixtures/filled_municipal_offices.csv,
     columns code,name,office,lon,lat,source) must be located by `investmap locate LON LAT --format json`
     in its own municipality; and one town point of each (the first row of the code with coordinates in
     town_points.csv, in file order) by `investmap locate --csv`. All the town points of the 20 are
     located as well and counted (reported, not an acceptance item); a miss is reported with where
     it landed and its distance to its own unit.

One JSON object with every figure goes to standard output (and to --out); progress goes to
standard error. With --strict the exit status is 1 when an acceptance item fails (it is 0
otherwise, and 2 on bad input).

Acceptance items: every polygon of each export valid and the coverage valid (coverage_is_valid);
the filled units' areas within 2 % of the source's (full resolution); all 1,902 codes; 20/20
offices and 20/20 first town points in their own municipality. Opt-in: --max-filled-invalid-edges N
(invalid edges at the filled units), --max-filled-gap-m2 A (enclosed gaps at the filled units),
--national-area-tolerance T.

Requirements: Python 3.9+, shapely >= 2.1 (coverage_is_valid, coverage_invalid_edges), pyproj, numpy:
    python3 -m pip install --quiet 'shapely>=2.1' pyproj numpy
(where pip refuses with "externally-managed-environment", use a venv:
    python3 -m venv /tmp/fillcheck/venv && /tmp/fillcheck/venv/bin/pip install 'shapely>=2.1' pyproj numpy
and run the script with /tmp/fillcheck/venv/bin/python3.)

Usage (build the store and the exports into WORKDIR if they are not there yet, then check):
    Scripts/check_fill.py --workdir /tmp/fillcheck --binary /tmp/fillcheck/investmap \\
        --primary ../shared/geodata/N03-22_220101_fullres.geojson.xz [--decimals 9] [--strict] [--out results.json]
(the import takes about 40 s, simplify about a minute, the check about a minute and a half.)

or on a store and exports made by hand:
    investmap import boundaries N03-22_220101_fullres.geojson \\
        --fill-from ../shared/geodata/N03-21_210101_s0010.topojson --db S.gpkg
    investmap simplify --db S.gpkg
    investmap export --level full --unit municipality --out full.geojson --db S.gpkg
    investmap export --level national --unit municipality --out national.geojson --db S.gpkg
    investmap export --level full --unit unassigned --out unassigned_full.geojson --db S.gpkg       # optional
    investmap export --level national --unit unassigned --out unassigned_national.geojson --db S.gpkg
    Scripts/check_fill.py --full full.geojson --national national.geojson \\
        [--unassigned-full unassigned_full.geojson --unassigned-national unassigned_national.geojson] \\
        --primary N03-22_220101_fullres.geojson[.xz] --binary investmap --db S.gpkg [--strict]

Defaults: --fill-source, --missing and --town-points from the shared folder (../shared beside the
repository, or $INVESTMAP_SHARED), --offices Tests/Fixtures/filled_municipal_offices.csv. The
binary needs INVESTMAP_GEODATA (the repository's GeoData/) when it runs outside the repository;
the script sets it when it is unset. The 所属未定地 exports, when given, join the coverage (their
borders must match their neighbours' too); without them their outlines are holes of the coverage.
"""

import argparse
import collections
import csv
import io
import json
import lzma
import os
import re
import subprocess
import sys
import tempfile
import time

try:
    import numpy as np
    import pyproj
    import shapely
except ImportError as error:  # pragma: no cover - environment problem, said plainly
    sys.exit(f"check_fill.py needs shapely >= 2.1, pyproj and numpy ({error}); "
             "python3 -m pip install --quiet 'shapely>=2.1' pyproj numpy")

if not hasattr(shapely, "coverage_invalid_edges") or not hasattr(shapely, "coverage_is_valid"):
    sys.exit(f"check_fill.py needs shapely >= 2.1 (found {shapely.__version__})")

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AEA = "+proj=aea +lat_1=30 +lat_2=40 +lat_0=35 +lon_0=136 +datum=WGS84 +units=m +no_defs"
EXPECTED_CODES = 1902
TOUCH_M = 1.0  # an invalid edge within this distance of a filled unit "touches" it
NEAR_M = 100.0  # units within this distance of an invalid edge are named with it

TO_AEA = pyproj.Transformer.from_crs("EPSG:4326", AEA, always_xy=True)
FROM_AEA = pyproj.Transformer.from_crs(AEA, "EPSG:4326", always_xy=True)


def log(message):
    print(f"[check_fill] {message}", file=sys.stderr, flush=True)


def open_text(path):
    """A text file, .xz decompressed on the fly."""
    if path.endswith(".xz"):
        return io.TextIOWrapper(lzma.open(path, "rb"), encoding="utf-8")
    return open(path, encoding="utf-8")


def shared_dir():
    env = os.environ.get("INVESTMAP_SHARED")
    if env:
        return env
    return os.path.join(os.path.dirname(REPO), "shared")


# ---------------------------------------------------------------------------------------------
# geometry helpers

def project(geoms):
    """lon/lat → Albers equal-area metres (vectorized)."""
    def fn(coords):
        x, y = TO_AEA.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])
    return shapely.transform(geoms, fn)


def to_lonlat(point):
    lon, lat = FROM_AEA.transform(point.x, point.y)
    return [round(lon, 6), round(lat, 6)]


def polygon_from_rings(rings):
    shell = shapely.linearrings(np.asarray(rings[0], dtype=float))
    holes = [shapely.linearrings(np.asarray(r, dtype=float)) for r in rings[1:]]
    return shapely.polygons(shell, holes or None)


def geometry_from_geojson(geometry):
    kind = geometry["type"]
    if kind == "Polygon":
        return polygon_from_rings(geometry["coordinates"])
    if kind == "MultiPolygon":
        return shapely.multipolygons([polygon_from_rings(p) for p in geometry["coordinates"]])
    raise ValueError(f"unexpected geometry type {kind}")


def load_export(path, label):
    """Features of an investmap GeoJSON export: list of (code, name, geometry)."""
    with open_text(path) as handle:
        data = json.load(handle)
    rows = []
    for index, feature in enumerate(data["features"]):
        props = feature.get("properties") or {}
        code = props.get("code")
        if code is None:
            code = f"{label}:{props.get('prefecture_code') or index}"
        rows.append((code, props.get("name"), geometry_from_geojson(feature["geometry"])))
    return data, rows


def decode_topojson(path):
    """Fill source: {code: (name, geometry lon/lat)}, several geometries of a code united."""
    with open(path, encoding="utf-8") as handle:
        topo = json.load(handle)
    transform = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        points = np.asarray(arc, dtype=float)
        if transform:
            points = np.cumsum(points, axis=0)
            points[:, 0] = points[:, 0] * transform["scale"][0] + transform["translate"][0]
            points[:, 1] = points[:, 1] * transform["scale"][1] + transform["translate"][1]
        arcs.append(points)

    def ring(indices):
        parts = []
        for position, index in enumerate(indices):
            points = arcs[index] if index >= 0 else arcs[~index][::-1]
            parts.append(points if position == 0 else points[1:])
        return np.concatenate(parts)

    def polygon(rings):
        return polygon_from_rings([ring(r) for r in rings])

    pieces = collections.defaultdict(list)
    names = {}
    for obj in topo["objects"].values():
        geometries = obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]
        for geometry in geometries:
            props = geometry.get("properties") or {}
            code = props.get("N03_007")
            if not code:
                continue
            if geometry["type"] == "Polygon":
                pieces[code].append(polygon(geometry["arcs"]))
            elif geometry["type"] == "MultiPolygon":
                pieces[code].extend(polygon(p) for p in geometry["arcs"])
            names[code] = (props.get("N03_003") or "") + (props.get("N03_004") or "")
    units = {}
    for code, polys in pieces.items():
        geometry = shapely.union_all(shapely.make_valid(np.array(polys, dtype=object)))
        units[code] = (names[code], geometry)
    return units


# ---------------------------------------------------------------------------------------------
# checks

def describe_edges(edges, rows, projected, tree, skip_self=True):
    """Each part of each invalid-edge geometry: where it is, how long, what is near it."""
    out = collections.OrderedDict()
    for i, edge in enumerate(edges):
        if edge is None or shapely.is_empty(edge):
            continue
        parts = []
        for part in shapely.get_parts(edge):
            coords = shapely.get_coordinates(part)
            near = []
            for j in tree.query(part, predicate="dwithin", distance=NEAR_M):
                if j != i:
                    near.append((round(float(shapely.distance(part, projected[j])), 1), rows[j][0]))
            parts.append({"length_m": round(float(part.length), 1),
                          "from": to_lonlat(shapely.points(coords[0])),
                          "to": to_lonlat(shapely.points(coords[-1])),
                          "vertices": len(coords),
                          "nearest_other_units_m": {c: d for d, c in sorted(near)[:3]}})
        out[rows[i][0]] = {"name": rows[i][1], "edges": len(parts),
                           "length_m": round(sum(p["length_m"] for p in parts), 1), "parts": parts}
    return out


def touching(entries, codes_of_interest):
    """Entries of (or with an edge within TOUCH_M of) the given codes."""
    result = {}
    for code, entry in entries.items():
        if code in codes_of_interest:
            result[code] = dict(entry, own=True)
            continue
        parts = [p for p in entry["parts"]
                 if any(c in codes_of_interest and d <= TOUCH_M
                        for c, d in p["nearest_other_units_m"].items())]
        if parts:
            result[code] = dict(entry, own=False, edges=len(parts), parts=parts,
                                length_m=round(sum(p["length_m"] for p in parts), 1))
    return result


def enclosed_gaps(rows, projected, tree):
    """Holes of the coverage's union bounded by two units or more (gaps between units, of any
    width; a hole inside one unit is that unit's own, e.g. an enclosed harbour, and is left out)."""
    method = "coverage_union_all"
    try:
        union = shapely.coverage_union_all(projected)
    except shapely.errors.GEOSException:
        # an invalid coverage (overlaps) is no input for the coverage union: the overlay union
        # (slower, about two minutes at full resolution) of the polygons made valid
        method = "union_all(make_valid)"
        union = shapely.union_all(shapely.make_valid(projected))
    gaps = []
    holes = 0
    for polygon in shapely.get_parts(union):
        if polygon.geom_type != "Polygon":  # make_valid may leave collapsed lines
            continue
        for ring in polygon.interiors:
            holes += 1
            hole = shapely.Polygon(ring)
            near = sorted({rows[j][0] for j in tree.query(hole, predicate="dwithin", distance=0.01)})
            if len(near) < 2:
                continue
            width = 2 * float(shapely.length(shapely.maximum_inscribed_circle(hole, tolerance=0.01)))
            gaps.append({"area_m2": round(float(hole.area), 2), "width_m": round(width, 2),
                         "at": to_lonlat(hole.representative_point()), "units": near})
    gaps.sort(key=lambda g: -g["area_m2"])
    return {"union": method, "holes_of_union": holes, "between_units": gaps}


def coverage_check(rows, filled, unassigned, gap_width):
    codes = [r[0] for r in rows]
    geoms = np.array([r[2] for r in rows], dtype=object)
    valid_mask = shapely.is_valid(geoms)
    invalid = {codes[i]: shapely.is_valid_reason(geoms[i]) for i in np.flatnonzero(~valid_mask)}
    t0 = time.time()
    valid = bool(shapely.coverage_is_valid(geoms))
    t_valid = time.time() - t0
    projected = project(geoms)
    tree = shapely.STRtree(projected)
    mismatched = {}
    if not valid:  # the edges that make it invalid (overlaps, unmatched shared borders)
        mismatched = describe_edges(shapely.coverage_invalid_edges(projected, gap_width=0),
                                    rows, projected, tree)
    t0 = time.time()
    valid_gap = bool(shapely.coverage_is_valid(projected, gap_width=gap_width))
    edges = describe_edges(shapely.coverage_invalid_edges(projected, gap_width=gap_width),
                           rows, projected, tree)
    t_edges = time.time() - t0
    t0 = time.time()
    gaps = enclosed_gaps(rows, projected, tree)
    t_gaps = time.time() - t0
    at_filled = touching(edges, filled)
    at_unassigned = touching(edges, unassigned)
    return {
        "features": len(rows),
        "invalid_polygons": invalid,
        "coverage_is_valid": valid,
        "mismatched_edges_gap_0": mismatched,
        f"coverage_is_valid_gap_{gap_width:g}m": valid_gap,
        "gap_width_m": gap_width,
        "invalid_edges": {
            "units_with_invalid_edges": len(edges),
            "edges": sum(e["edges"] for e in edges.values()),
            "length_m": round(sum(e["length_m"] for e in edges.values()), 1),
            "codes": list(edges),
            "by_code": edges,
        },
        "invalid_edges_at_filled_units": {
            "edges": sum(e["edges"] for e in at_filled.values()),
            "codes": sorted(at_filled),
            "filled_codes": sorted(c for c, e in at_filled.items() if e["own"]),
            "by_code": at_filled,
        },
        "invalid_edges_at_unassigned_areas": {
            "edges": sum(e["edges"] for e in at_unassigned.values()),
            "codes": sorted(at_unassigned),
        },
        "enclosed_gaps": dict(gaps, at_filled_units=[g for g in gaps["between_units"]
                                                      if set(g["units"]) & set(filled)]),
        "seconds": {"coverage_is_valid": round(t_valid, 1), "invalid_edges": round(t_edges, 1),
                    "enclosed_gaps": round(t_gaps, 1)},
    }, projected


def area_check(rows, projected, filled, source, tolerance, reference=None):
    """Area of each filled unit against the fill source's (equal-area projection). With reference
    ({code: area m² in the full-resolution export}), also against the unit's own full-resolution
    area, and the same change for every other unit of the export, to tell the scale's own
    simplification from the fill."""
    index = {r[0]: i for i, r in enumerate(rows)}
    areas = shapely.area(projected)
    per_unit = {}
    worst = None
    missing = []
    for code in sorted(filled):
        if code not in index or code not in source:
            missing.append(code)
            continue
        export_area = float(areas[index[code]])
        source_area = float(shapely.area(project(np.array([source[code][1]], dtype=object))[0]))
        rel = (export_area - source_area) / source_area
        per_unit[code] = {"name": filled[code], "export_km2": round(export_area / 1e6, 3),
                          "source_km2": round(source_area / 1e6, 3), "rel_diff": round(rel, 5),
                          "rel_diff_pct": round(rel * 100, 3)}
        if reference and code in reference:
            per_unit[code]["vs_full_export_pct"] = round((export_area / reference[code] - 1) * 100, 3)
        if worst is None or abs(rel) > abs(per_unit[worst]["rel_diff"]):
            worst = code
    max_abs = abs(per_unit[worst]["rel_diff"]) if worst else None
    result = {
        "tolerance": tolerance,
        "max_abs_rel_diff": round(max_abs, 5) if max_abs is not None else None,
        "max_abs_rel_diff_pct": round(max_abs * 100, 3) if max_abs is not None else None,
        "worst": {"code": worst, **per_unit[worst]} if worst else None,
        "over_tolerance": sorted(c for c, u in per_unit.items()
                                 if tolerance is not None and abs(u["rel_diff"]) > tolerance),
        "missing": missing,
        "per_unit": per_unit,
        "ok": (not missing and max_abs is not None and max_abs <= tolerance)
              if tolerance is not None else None,
    }
    if reference:
        changes = np.array([abs(float(areas[i]) / reference[c] - 1) for c, i in index.items()
                            if c in reference and c not in filled and reference[c] > 0])
        result["other_units_vs_full_export"] = {
            "units": int(len(changes)),
            "over_2pct": int((changes > 0.02).sum()),
            "over_5pct": int((changes > 0.05).sum()),
            "median_abs_pct": round(float(np.median(changes)) * 100, 3),
            "p95_abs_pct": round(float(np.percentile(changes, 95)) * 100, 3),
            "max_abs_pct": round(float(changes.max()) * 100, 3),
        }
    return result


def primary_codes_exact(path):
    pattern = re.compile(r'"N03_007"\s*:\s*"(\d{5})"')
    codes = set()
    tail = ""
    with open_text(path) as handle:
        while True:
            chunk = handle.read(1 << 24)
            if not chunk:
                break
            text = tail + chunk
            codes.update(pattern.findall(text))
            tail = text[-64:]
    return codes


def run(binary, args, env):
    result = subprocess.run([binary, *args], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"{binary} {' '.join(args)} failed ({result.returncode}): "
                           f"{result.stderr.strip()[:2000]}")
    return result.stdout


def store_units(binary, db, env):
    out = run(binary, ["units", "--level", "ward", "--format", "csv", "--db", db], env)
    return list(csv.DictReader(io.StringIO(out)))


def codes_check(expected, store_rows, exports):
    store_codes = {r["code"] for r in store_rows}
    city_of = {r["code"]: (r.get("city_code") or r["code"]) for r in store_rows}
    result = {
        "expected": len(expected),
        "store_ward_units": len(store_rows),
        "store_missing": sorted(expected - store_codes),
        "store_extra": sorted(store_codes - expected),
    }
    for label, rows in exports.items():
        present = {r[0] for r in rows}
        missing = sorted(c for c in expected if c not in present and city_of.get(c, c) not in present)
        result[f"{label}_missing"] = missing
    result["ok"] = (len(expected) == EXPECTED_CODES and not result["store_missing"]
                    and not result["store_extra"]
                    and all(not result[f"{k}_missing"] for k in exports))
    return result


def landed(code, lon, lat, rows_index, projected):
    """How far (m) a point is from the unit it should be in."""
    if code not in rows_index:
        return None
    x, y = TO_AEA.transform(lon, lat)
    return round(float(shapely.distance(projected[rows_index[code]], shapely.points(x, y))), 1)


def offices_check(path, binary, db, env, rows_index, projected, town_first):
    with open(path, encoding="utf-8") as handle:
        offices = list(csv.DictReader(handle))
    results = []
    for row in offices:
        lon, lat = float(row["lon"]), float(row["lat"])
        answer = json.loads(run(binary, ["locate", row["lon"], row["lat"], "--format", "json",
                                         "--db", db], env))
        got = (answer.get("municipality") or {}).get("code")
        entry = {"code": row["code"], "name": row["name"], "office": row["office"],
                 "lon": lon, "lat": lat, "located": got,
                 "located_name": (answer.get("municipality") or {}).get("name"),
                 "match": answer.get("match"), "ok": got == row["code"]}
        if not entry["ok"]:
            entry["distance_to_own_unit_m"] = landed(row["code"], lon, lat, rows_index, projected)
        near = town_first.get(row["code"])
        if near:
            entry["nearest_town_point_km"] = near(lon, lat)
        results.append(entry)
    misses = [r for r in results if not r["ok"]]
    return {"rows": len(results), "located_correctly": len(results) - len(misses),
            "misses": misses, "per_office": results,
            "ok": len(results) == 20 and not misses}


def read_town_points(path, filled):
    with open_text(path) as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames
        rows = [r for r in reader if r["code5"] in filled]
    # a few rows carry no coordinates (new 町丁目 without a representative point): left out, counted
    located = [r for r in rows if r["lat"].strip() and r["lng"].strip()]
    return header, located, len(rows) - len(located)


def locate_csv(binary, db, env, rows, header):
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8",
                                     newline="") as tmp:
        writer = csv.DictWriter(tmp, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
        name = tmp.name
    try:
        out = run(binary, ["locate", "--csv", name, "--lon-column", "lng", "--lat-column", "lat",
                           "--db", db], env)
    finally:
        os.unlink(name)
    return list(csv.DictReader(io.StringIO(out)))


def town_points_check(path, filled, binary, db, env, rows_index, projected):
    header, rows, without_coordinates = read_town_points(path, filled)
    first = {}  # the first row of each code (with coordinates), in file order
    for row in rows:
        first.setdefault(row["code5"], row)
    located_first = locate_csv(binary, db, env, [first[c] for c in sorted(first)], header)
    per_code = []
    for row in located_first:
        entry = {"code": row["code5"], "point": f"{row['pref']}{row['city']}{row['town']}{row['koaza']}",
                 "lon": float(row["lng"]), "lat": float(row["lat"]),
                 "located": row["municipality_code"], "match": row["match"],
                 "ok": row["municipality_code"] == row["code5"]}
        if not entry["ok"]:
            entry["distance_to_own_unit_m"] = landed(row["code5"], entry["lon"], entry["lat"],
                                                     rows_index, projected)
        per_code.append(entry)
    absent = sorted(set(filled) - set(first))
    misses = [e for e in per_code if not e["ok"]]

    located_all = locate_csv(binary, db, env, rows, header)
    all_misses = []
    matches = collections.Counter()
    for row in located_all:
        matches[row["match"].split(":")[0]] += 1
        if row["municipality_code"] != row["code5"]:
            lon, lat = float(row["lng"]), float(row["lat"])
            all_misses.append({"code": row["code5"],
                               "point": f"{row['pref']}{row['city']}{row['town']}{row['koaza']}",
                               "lon": lon, "lat": lat, "located": row["municipality_code"],
                               "match": row["match"],
                               "distance_to_own_unit_m": landed(row["code5"], lon, lat,
                                                                rows_index, projected)})

    # for the offices: distance to the nearest town point of the same code (plausibility)
    by_code = collections.defaultdict(list)
    for row in rows:
        by_code[row["code5"]].append((float(row["lng"]), float(row["lat"])))
    nearest = {}
    for code, points in by_code.items():
        xy = np.array([TO_AEA.transform(lon, lat) for lon, lat in points])

        def fn(lon, lat, xy=xy):
            x, y = TO_AEA.transform(lon, lat)
            return round(float(np.min(np.hypot(xy[:, 0] - x, xy[:, 1] - y))) / 1000, 2)
        nearest[code] = fn

    return {
        "file_header": header,
        "first_point_per_code": {"codes": len(per_code), "located_correctly": len(per_code) - len(misses),
                                 "absent_codes": absent, "misses": misses, "per_code": per_code,
                                 "ok": len(per_code) == 20 and not misses and not absent},
        "all_points_of_filled_units": {"points": len(located_all),
                                       "rows_without_coordinates_left_out": without_coordinates,
                                       "located_correctly": len(located_all) - len(all_misses),
                                       "match_kinds": dict(matches), "misses": all_misses},
    }, nearest


# ---------------------------------------------------------------------------------------------

def prepare(args, env):
    """Build the store and the exports into --workdir when they are not there yet."""
    work = args.workdir
    os.makedirs(work, exist_ok=True)
    db = args.db or os.path.join(work, "store.gpkg")
    commands = []
    if not os.path.exists(db):
        primary = args.primary
        if primary.endswith(".xz"):
            plain = os.path.join(work, os.path.basename(primary)[:-3])
            if not os.path.exists(plain):
                log(f"decompressing {primary} → {plain}")
                with lzma.open(primary, "rb") as src, open(plain + ".part", "wb") as dst:
                    while True:
                        block = src.read(1 << 24)
                        if not block:
                            break
                        dst.write(block)
                os.replace(plain + ".part", plain)
            primary = plain
        commands.append(["import", "boundaries", primary, "--fill-from", args.fill_source, "--db", db])
        commands.append(["simplify", "--db", db])
    outs = {}
    for level in ("full", "national"):
        for unit in ("municipality", "unassigned"):
            suffix = f"_d{args.decimals}" if args.decimals else ""
            path = os.path.join(work, f"{unit}_{level}{suffix}.geojson")
            outs[(level, unit)] = path
            if commands or not os.path.exists(path):
                commands.append(["export", "--level", level, "--unit", unit, "--format", "geojson",
                                 "--out", path, "--db", db]
                                + (["--decimals", str(args.decimals)] if args.decimals else []))
    for command in commands:
        log("investmap " + " ".join(command))
        t0 = time.time()
        run(args.binary, command, env)
        log(f"  {time.time() - t0:.1f} s")
    args.db = db
    args.full = args.full or outs[("full", "municipality")]
    args.national = args.national or outs[("national", "municipality")]
    args.unassigned_full = args.unassigned_full or outs[("full", "unassigned")]
    args.unassigned_national = args.unassigned_national or outs[("national", "unassigned")]
    return commands


def main():
    shared = shared_dir()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", help="full-resolution municipal GeoJSON export")
    parser.add_argument("--national", help="national-scale municipal GeoJSON export")
    parser.add_argument("--unassigned-full", help="full-resolution 所属未定地 export (joins the coverage)")
    parser.add_argument("--unassigned-national", help="national 所属未定地 export (joins the coverage)")
    parser.add_argument("--fill-source", default=os.path.join(shared, "geodata/N03-21_210101_s0010.topojson"))
    parser.add_argument("--missing", default=os.path.join(shared, "geodata/N03-22_220101_fullres.MISSING.tsv"))
    parser.add_argument("--primary", default=os.path.join(shared, "geodata/N03-22_220101_fullres.geojson.xz"),
                        help="the primary N03-22 GeoJSON (.xz read as is) for the 1,902 codes")
    parser.add_argument("--offices", default=os.path.join(REPO, "Tests/Fixtures/filled_municipal_offices.csv"))
    parser.add_argument("--town-points", default=os.path.join(shared, "points/town_points.csv.xz"))
    parser.add_argument("--binary", default=os.path.join(REPO, ".build/release/investmap"))
    parser.add_argument("--db", help="the store the exports were made from (for locate and units)")
    parser.add_argument("--workdir", help="build store.gpkg and the exports here when missing")
    parser.add_argument("--gap-width", type=float, default=100.0)
    parser.add_argument("--area-tolerance", type=float, default=0.02)
    parser.add_argument("--national-area-tolerance", type=float, default=None,
                        help="enforce this on the national export too (default: reported only)")
    parser.add_argument("--max-filled-invalid-edges", type=int, default=None,
                        help="enforce at most this many invalid edges (gap width) at the filled units")
    parser.add_argument("--max-filled-gap-m2", type=float, default=None,
                        help="enforce: no enclosed gap larger than this at a filled unit")
    parser.add_argument("--decimals", type=int, default=None,
                        help="--decimals of the exports made with --workdir (investmap's default: 6)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when an acceptance item fails")
    parser.add_argument("--out", help="also write the JSON here")
    args = parser.parse_args()

    env = dict(os.environ)
    env.setdefault("INVESTMAP_GEODATA", os.path.join(REPO, "GeoData"))
    started = time.time()
    prepared = prepare(args, env) if args.workdir else []
    for name in ("full", "national", "db"):
        if not getattr(args, name):
            parser.error(f"--{name} is needed (or --workdir)")
    for path in (args.full, args.national, args.fill_source, args.missing, args.primary,
                 args.offices, args.town_points, args.binary, args.db):
        if not os.path.exists(path):
            print(f"check_fill.py: not found: {path}", file=sys.stderr)
            return 2

    with open(args.missing, encoding="utf-8") as handle:
        filled = {}
        for line in handle:
            if line.strip():
                code, name = line.rstrip("\n").split("\t")[:2]
                filled[code] = name
    log(f"{len(filled)} filled codes from {args.missing}")

    log(f"decoding {args.fill_source}")
    source = decode_topojson(args.fill_source)

    results = {"tool": "Scripts/check_fill.py", "shapely": shapely.__version__, "geos": shapely.geos_version_string,
               "pyproj": pyproj.__version__, "projection": AEA,
               "inputs": {k: getattr(args, k) for k in ("full", "national", "unassigned_full",
                                                         "unassigned_national", "fill_source", "missing",
                                                         "primary", "offices", "town_points", "binary", "db")},
               "prepared_commands": [" ".join(c) for c in prepared],
               "filled_codes": filled}
    exports = {}
    projected_full = None
    rows_index_full = {}
    full_areas = None
    for label, path, extra, tolerance in (("full", args.full, args.unassigned_full, args.area_tolerance),
                                          ("national", args.national, args.unassigned_national,
                                           args.national_area_tolerance)):
        log(f"loading {path}")
        data, rows = load_export(path, label)
        exports[label] = rows
        coverage_rows = list(rows)
        unassigned = set()
        if extra:
            _, extra_rows = load_export(extra, "unassigned")
            coverage_rows += extra_rows
            unassigned = {r[0] for r in extra_rows}
        vertices = int(shapely.get_num_coordinates(np.array([r[2] for r in coverage_rows], dtype=object)).sum())
        log(f"{label}: coverage checks on {len(coverage_rows)} polygons ({vertices} vertices)")
        coverage, projected = coverage_check(coverage_rows, filled, unassigned, args.gap_width)
        coverage["with_unassigned"] = bool(extra)
        coverage["vertices"] = vertices
        coverage["edition"] = data.get("edition")
        log(f"{label}: areas")
        area = area_check(coverage_rows, projected, filled, source, tolerance,
                          reference=full_areas if label != "full" else None)
        results[label] = {"coverage": coverage, "area_vs_fill_source": area}
        if label == "full":
            projected_full = projected
            rows_index_full = {r[0]: i for i, r in enumerate(coverage_rows)}
            full_areas = {r[0]: float(a) for r, a in zip(coverage_rows, shapely.area(projected))}

    log("codes")
    expected = primary_codes_exact(args.primary)
    results["codes"] = {"primary_codes": len(expected)}
    overlap = sorted(expected & set(filled))
    expected |= set(filled)
    store_rows = store_units(args.binary, args.db, env)
    results["codes"].update(codes_check(expected, store_rows, exports))
    results["codes"]["missing_also_in_primary"] = overlap

    log("town points")
    towns, nearest = town_points_check(args.town_points, filled, args.binary, args.db, env,
                                       rows_index_full, projected_full)
    log("offices")
    results["offices"] = offices_check(args.offices, args.binary, args.db, env, rows_index_full,
                                       projected_full, nearest)
    results["town_points"] = towns

    acceptance = {}
    for label in ("full", "national"):
        cov = results[label]["coverage"]
        acceptance[f"{label}_polygons_valid"] = not cov["invalid_polygons"]
        acceptance[f"{label}_coverage_is_valid"] = cov["coverage_is_valid"]
        if args.max_filled_invalid_edges is not None:
            acceptance[f"{label}_invalid_edges_at_filled_units"] = (
                cov["invalid_edges_at_filled_units"]["edges"] <= args.max_filled_invalid_edges)
        if args.max_filled_gap_m2 is not None:
            acceptance[f"{label}_enclosed_gaps_at_filled_units"] = all(
                g["area_m2"] <= args.max_filled_gap_m2 for g in cov["enclosed_gaps"]["at_filled_units"])
        if results[label]["area_vs_fill_source"]["ok"] is not None:
            acceptance[f"{label}_area_within_tolerance"] = results[label]["area_vs_fill_source"]["ok"]
    acceptance["all_1902_codes"] = results["codes"]["ok"]
    acceptance["offices_20_of_20"] = results["offices"]["ok"]
    acceptance["town_points_20_of_20"] = towns["first_point_per_code"]["ok"]
    results["acceptance"] = acceptance
    results["ok"] = all(acceptance.values())
    results["failed"] = sorted(k for k, v in acceptance.items() if not v)
    results["seconds"] = round(time.time() - started, 1)

    text = json.dumps(results, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    if args.strict and not results["ok"]:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
