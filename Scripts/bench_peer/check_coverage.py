#!/usr/bin/env python3
"""Independent check of a simplified municipal coverage against the full-resolution source.

Usage: check_coverage.py EXPORTED SOURCE [--code-property code] [--strict]

EXPORTED is a GeoJSON of units in lon/lat (investmap export --unit municipality, or
simplify_peer.py --write-geojson), one feature per unit with its code in --code-property.
SOURCE is the full-resolution N03 GeoJSON (one feature per part); it is dissolved into
municipalities by N03_007 here, so the check shares nothing with the program it checks but
shapely/GEOS.

Checks, all reported in one JSON object on stdout:
  codes           every source code present once; none extra
  units valid     shapely.is_valid of each exported geometry as written (lon/lat); none empty
  coverage valid  shapely.coverage_is_valid of the exported units as written (lon/lat), and
                  again after projection; when not, the codes whose edges do not match
  vertices        coordinates as stored (ring-closing points included), and parts
  hausdorff_m     per unit, shapely's discrete Hausdorff distance between the exported unit
                  and its source unit, both projected to JAPAN_ALBERS (metres): max, p99,
                  median and the worst unit
  area            largest relative change of a unit's area
  union           the symmetric difference between the union of the exported units and the
                  union of the source units: area, relative to the source area, and as a mean
                  width (area / source outline length, metres)
"ok" is true when codes, validity and coverage validity all pass. The exit status is 0 unless
the files cannot be read, or --strict is given and "ok" is false (then 1).
"""
import argparse
import json
import platform
import sys
import time

import geopandas
import numpy
import pyogrio
import shapely

# Albers equal-area conic for Japan: standard parallels 30°N and 40°N cut the country's
# latitude span (24°N-46°N) so scale errors stay within about ±1.5 %; GRS80 as JGD2011.
JAPAN_ALBERS = "+proj=aea +lat_0=35 +lon_0=137 +lat_1=30 +lat_2=40 +ellps=GRS80 +units=m +no_defs"

LISTED = 20  # offending units listed in the report; the counts are complete


def directed_hausdorff(a: shapely.Geometry, b: shapely.Geometry) -> float:
    """Largest distance from a vertex of a to the boundary of b.

    The same quantity GEOS's DiscreteHausdorffDistance computes in each direction (its
    distance to a polygon is the distance to its rings), but through a prepared boundary,
    whose facet index makes each vertex O(log n) instead of O(n): minutes become seconds on
    the full-resolution coverage.
    """
    boundary = shapely.boundary(b)
    shapely.prepare(boundary)
    vertices = shapely.points(shapely.get_coordinates(a))
    return float(shapely.length(shapely.shortest_line(boundary, vertices)).max())


def hausdorff_distances(simplified, source) -> numpy.ndarray:
    """Per pair, the discrete Hausdorff distance (as shapely.hausdorff_distance, faster)."""
    return numpy.array([
        max(directed_hausdorff(s, f), directed_hausdorff(f, s)) if not shapely.is_empty(s) else numpy.inf
        for s, f in zip(simplified, source)
    ])


def hausdorff_summary(distances: numpy.ndarray, labels) -> dict:
    worst = int(numpy.argmax(distances))
    return {
        "max": round(float(distances[worst]), 1),
        "p99": round(float(numpy.percentile(distances, 99)), 1),
        "median": round(float(numpy.percentile(distances, 50)), 1),
        "worst_unit": labels[worst],
    }


def unit_name(row) -> str:
    """The name people use: ward names carry their city (浜松市中区), towns drop their 郡."""
    city, local = row["N03_003"], row["N03_004"]
    if isinstance(local, str) and local:
        if isinstance(city, str) and city.endswith("市") and local.endswith("区"):
            return city + local
        return local
    return city if isinstance(city, str) else ""


def versions() -> dict:
    import pyproj
    return {
        "python": platform.python_version(),
        "geopandas": geopandas.__version__,
        "shapely": shapely.__version__,
        "geos": shapely.geos_version_string,
        "pyproj": pyproj.__version__,
        "proj": pyproj.proj_version_str,
        "pyogrio": pyogrio.__version__,
        "gdal": pyogrio.__gdal_version_string__,
    }


def invalid_edge_codes(geoms, codes) -> list:
    edges = shapely.coverage_invalid_edges(geoms)
    return [str(c) for c, e in zip(codes, edges) if e is not None and not shapely.is_empty(e)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("exported")
    parser.add_argument("source")
    parser.add_argument("--code-property", default="code")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a check fails")
    args = parser.parse_args()
    started = time.perf_counter()

    exported = geopandas.read_file(args.exported, engine="pyogrio")
    if args.code_property not in exported.columns:
        sys.exit(f"error: {args.exported}: no property {args.code_property!r} "
                 f"(properties: {', '.join(c for c in exported.columns if c != 'geometry')})")
    parts = geopandas.read_file(args.source, engine="pyogrio")
    source = parts.dissolve(by="N03_007", method="coverage", aggfunc="first")
    source_names = source.apply(unit_name, axis=1)
    seconds = {"read": time.perf_counter() - started}

    codes = exported[args.code_property].astype(str)
    source_codes = set(source.index)
    exported_codes = set(codes)
    duplicates = sorted(codes[codes.duplicated()].unique())
    missing = sorted(source_codes - exported_codes)
    extra = sorted(exported_codes - source_codes)

    geoms = exported.geometry.to_numpy()
    valid = shapely.is_valid(geoms)
    empty = shapely.is_empty(geoms) | shapely.is_missing(geoms)
    invalid = [f"{c}: {shapely.is_valid_reason(g)}" for c, g, v in zip(codes, geoms, valid) if not v]
    coverage_valid = bool(shapely.coverage_is_valid(geoms))
    coverage_offenders = [] if coverage_valid else invalid_edge_codes(geoms, codes)

    projected = exported.geometry.to_crs(JAPAN_ALBERS).to_numpy()
    coverage_valid_projected = bool(shapely.coverage_is_valid(projected))
    seconds["validity"] = time.perf_counter() - started - sum(seconds.values())

    # Unit by unit against the source unit of the same code (first one when duplicated).
    first = ~codes.duplicated().to_numpy() & codes.isin(source_codes).to_numpy()
    matched_codes = codes[first].to_numpy()
    matched = projected[first]
    source_projected = source.geometry.loc[matched_codes].to_crs(JAPAN_ALBERS).to_numpy()
    labels = [f"{c} {source_names[c]}" for c in matched_codes]
    distances = hausdorff_distances(matched, source_projected)
    area_change = numpy.abs(shapely.area(matched) / shapely.area(source_projected) - 1)
    worst_area = int(numpy.argmax(area_change))
    seconds["hausdorff"] = time.perf_counter() - started - sum(seconds.values())

    # The whole outline: every source unit, every exported unit (extra ones included).
    source_union = shapely.coverage_union_all(source.geometry.to_crs(JAPAN_ALBERS).to_numpy())
    exported_union = (shapely.coverage_union_all(projected) if coverage_valid_projected
                      else shapely.union_all(projected))
    difference = shapely.symmetric_difference(exported_union, source_union)
    source_area = shapely.area(source_union)
    outline = shapely.length(source_union)
    seconds["union"] = time.perf_counter() - started - sum(seconds.values())

    ok = coverage_valid and not missing and not extra and not duplicates and not invalid and not empty.any()
    report = {
        "ok": ok,
        "exported": args.exported,
        "projection": JAPAN_ALBERS,
        "units": {"source": len(source), "exported": len(exported), "missing": len(missing),
                  "extra": len(extra), "duplicated": len(duplicates),
                  "missing_codes": missing[:LISTED], "extra_codes": extra[:LISTED],
                  "duplicated_codes": duplicates[:LISTED]},
        "units_valid": int(valid.sum()),
        "units_empty": int(empty.sum()),
        "invalid_units": invalid[:LISTED],
        "coverage_valid": coverage_valid,
        "coverage_valid_projected": coverage_valid_projected,
        "coverage_invalid_units": len(coverage_offenders),
        "coverage_invalid_codes": coverage_offenders[:LISTED],
        "vertices": int(shapely.get_num_coordinates(geoms).sum()),
        "parts": int(shapely.get_num_geometries(geoms).sum()),
        "source_vertices": int(shapely.get_num_coordinates(source.geometry.to_numpy()).sum()),
        "hausdorff_m": hausdorff_summary(distances, labels),
        "area": {"max_relative_change": round(float(area_change[worst_area]), 5),
                 "worst_unit": labels[worst_area]},
        "union": {"source_area_km2": round(source_area / 1e6, 1),
                  "exported_area_km2": round(shapely.area(exported_union) / 1e6, 1),
                  "symmetric_difference_km2": round(shapely.area(difference) / 1e6, 3),
                  "symmetric_difference_relative": float(f"{shapely.area(difference) / source_area:.3e}"),
                  "mean_width_m": round(shapely.area(difference) / outline, 2)},
        "seconds": {stage: round(s, 1) for stage, s in seconds.items()},
        "versions": versions(),
    }
    json.dump(report, sys.stdout, ensure_ascii=False)
    print()
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
