#!/usr/bin/env python3
"""Peer for the simplify benchmark: shapely.coverage_simplify on the municipal coverage.

Usage: simplify_peer.py GEOJSON TOLERANCE_M [--write-geojson OUT] [--no-measure]

GEOJSON is the full-resolution N03 file (one feature per part). Stages, timed separately
with a monotonic clock:
  read       geopandas.read_file(engine="pyogrio")
  dissolve   parts -> one row per municipality, by N03_007 (method="coverage")
  project    to JAPAN_ALBERS (equal-area, metres), so the tolerance is metres on the ground
  simplify   shapely.coverage_simplify(geoms, TOLERANCE_M) alone: the figure to beat
  validate   shapely.coverage_is_valid of the result
  measure    per unit, the Hausdorff distance of the simplified unit to its source unit,
             projected, in metres (shapely.hausdorff_distance's quantity, computed faster:
             check_coverage.hausdorff_distances); skipped with --no-measure

coverage_simplify is GEOS's CoverageSimplifier: Visvalingam-Whyatt on the shared edges, with
TOLERANCE_M about the square root of the triangle area removed. Vertices are coordinates as
GeoJSON stores them (ring-closing points included); parts in and out show dropped islands.

--write-geojson OUT also writes the simplified units back in lon/lat (RFC 7946, 6 decimals,
properties code and name), outside the timed stages: the input for check_coverage.py, which
measures the peer with the same check as investmap's export.

Prints one JSON object on stdout.
"""
import argparse
import json
import sys
import time

import geopandas
import numpy
import shapely

# One projection, one measure and one naming for the peer and the checker.
from check_coverage import JAPAN_ALBERS, hausdorff_distances, hausdorff_summary, unit_name, versions


def write_geojson(units: geopandas.GeoDataFrame, simplified: numpy.ndarray, path: str) -> None:
    """Writes the simplified units as investmap exports them: RFC 7946 lon/lat, CCW exterior
    rings, every coordinate rounded to 6 decimals (about 0.1 m), properties code and name.

    Written here rather than by GDAL: GDAL's RFC7946 writer repairs rings that the rounding
    made invalid (it adds vertices), which would hide exactly what the check should see.
    """
    lonlat = geopandas.GeoSeries(simplified, crs=JAPAN_ALBERS).to_crs("EPSG:4326").to_numpy()
    rounded = shapely.transform(shapely.orient_polygons(lonlat, exterior_cw=False),
                                lambda xy: numpy.round(xy, 6))
    geometries = shapely.to_geojson(rounded)
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"type":"FeatureCollection","features":[\n')
        for i, (code, name, geometry) in enumerate(zip(units.index, units["name"], geometries)):
            properties = json.dumps({"code": code, "name": name}, ensure_ascii=False)
            separator = ",\n" if i + 1 < len(units) else "\n"
            out.write(f'{{"type":"Feature","properties":{properties},"geometry":{geometry}}}{separator}')
        out.write("]}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("geojson")
    parser.add_argument("tolerance_m", type=float)
    parser.add_argument("--write-geojson", metavar="OUT")
    parser.add_argument("--no-measure", action="store_true",
                        help="skip the Hausdorff distances (about a minute): timing runs")
    args = parser.parse_args()
    if not 0 < args.tolerance_m < 1_000_000:
        parser.error(f"tolerance must be a positive number of metres, got {args.tolerance_m}")

    t0 = time.perf_counter()
    parts = geopandas.read_file(args.geojson, engine="pyogrio")
    t1 = time.perf_counter()
    units = parts.dissolve(by="N03_007", method="coverage", aggfunc="first")
    t2 = time.perf_counter()
    source = units.geometry.to_crs(JAPAN_ALBERS).to_numpy()
    t3 = time.perf_counter()
    simplified = shapely.coverage_simplify(source, args.tolerance_m)
    t4 = time.perf_counter()
    coverage_valid = bool(shapely.coverage_is_valid(simplified))
    t5 = time.perf_counter()

    report = {
        "tolerance_m": args.tolerance_m,
        "projection": JAPAN_ALBERS,
        "seconds": {
            "read": round(t1 - t0, 3),
            "dissolve": round(t2 - t1, 3),
            "project": round(t3 - t2, 3),
            "simplify": round(t4 - t3, 3),
            "validate": round(t5 - t4, 3),
        },
        "units": len(units),
        "parts": {"source": len(parts), "in": int(shapely.get_num_geometries(source).sum()),
                  "out": int(shapely.get_num_geometries(simplified).sum())},
        "vertices": {"in": int(shapely.get_num_coordinates(source).sum()),
                     "out": int(shapely.get_num_coordinates(simplified).sum())},
        "coverage_valid": coverage_valid,
        "units_valid": int(shapely.is_valid(simplified).sum()),
        "units_empty": int(shapely.is_empty(simplified).sum()),
    }
    if not args.no_measure:
        labels = [f"{code} {unit_name(row)}" for code, row in units.iterrows()]
        report["hausdorff_m"] = hausdorff_summary(hausdorff_distances(simplified, source), labels)
        report["seconds"]["measure"] = round(time.perf_counter() - t5, 3)
    report["versions"] = versions()
    if args.write_geojson:
        units["name"] = units.apply(unit_name, axis=1)
        write_geojson(units, simplified, args.write_geojson)
        report["written"] = args.write_geojson
    json.dump(report, sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
