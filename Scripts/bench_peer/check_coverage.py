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
                  width (area / source outline length, metres); the holes of both unions
                  (gaps opened between neighbours would add holes)
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
        max(directed_hausdorff(s, f), directed_hausdorff(f, s))
        if s is not None and not shapely.is_empty(s) else numpy.inf  # a lost unit: worst of all
        for s, f in zip(simplified, source)
    ])


def hausdorff_summary(distances: numpy.ndarray, labels) -> dict:
    """Max, p99 and median in metres, and the worst unit; null for a unit that is empty."""
    if len(distances) == 0:
        return {"max": None, "p99": None, "median": None, "worst_unit": None}
    worst = int(numpy.argmax(distances))

    def metres(value):
        return round(float(value), 1) if numpy.isfinite(value) else None
    return {
        "max": metres(distances[worst]),
        "p99": metres(numpy.percentile(distances, 99)),
        "median": metres(numpy.percentile(distances, 50)),
        "worst_unit": labels[worst],
    }


def polygons(geometries) -> numpy.ndarray:
    """The non-empty polygons in geometries (multi-parts and collections taken apart)."""
    parts = shapely.get_parts(shapely.get_parts(geometries))
    return parts[(shapely.get_type_id(parts) == shapely.GeometryType.POLYGON) & ~shapely.is_empty(parts)]


def holes(geometry) -> int:
    return int(shapely.get_num_interior_rings(polygons(geometry)).sum())


SPLIT_ABOVE = 100_000  # vertices: below this, one plain overlay is fast


def symmetric_difference_area(a: numpy.ndarray, b: numpy.ndarray, box=None, depth=0) -> float:
    """Area of the symmetric difference of two sets of disjoint polygons (two unions' parts).

    One overlay of the two full-resolution outlines takes minutes; cut in halves (clipping
    only the parts that straddle the cut) until each piece is small, the areas add up to the
    same figure in seconds: the pieces partition the plane, the cuts have no area.
    """
    if box is None:
        bounds = numpy.vstack([shapely.bounds(a), shapely.bounds(b)])
        box = (bounds[:, 0].min(), bounds[:, 1].min(), bounds[:, 2].max(), bounds[:, 3].max())
    vertices = shapely.get_num_coordinates(a).sum() + shapely.get_num_coordinates(b).sum()
    if vertices <= SPLIT_ABOVE or depth >= 40:
        return float(shapely.area(shapely.symmetric_difference(
            shapely.multipolygons(a), shapely.multipolygons(b))))
    x0, y0, x1, y1 = box
    if x1 - x0 >= y1 - y0:
        halves = [(x0, y0, (x0 + x1) / 2, y1), ((x0 + x1) / 2, y0, x1, y1)]
    else:
        halves = [(x0, y0, x1, (y0 + y1) / 2), (x0, (y0 + y1) / 2, x1, y1)]
    total = 0.0
    for half in halves:
        pieces = []
        for parts in (a, b):
            bounds = shapely.bounds(parts)
            touching = ((bounds[:, 0] <= half[2]) & (bounds[:, 2] >= half[0]) &
                        (bounds[:, 1] <= half[3]) & (bounds[:, 3] >= half[1]))
            inside = touching & ((bounds[:, 0] >= half[0]) & (bounds[:, 2] <= half[2]) &
                                 (bounds[:, 1] >= half[1]) & (bounds[:, 3] <= half[3]))
            clipped = polygons(shapely.clip_by_rect(parts[touching & ~inside], *half))
            pieces.append(numpy.concatenate([parts[inside], clipped]))
        total += symmetric_difference_area(pieces[0], pieces[1], half, depth + 1)
    return total


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
    return sorted({str(c) for c, e in zip(codes, edges) if e is not None and not shapely.is_empty(e)})


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
    worst_area = int(numpy.argmax(area_change)) if len(area_change) else None
    seconds["hausdorff"] = time.perf_counter() - started - sum(seconds.values())

    # The whole outline: every source unit, every exported unit (extra ones included); units
    # that are not valid are repaired for this measure only (they fail above already).
    source_union = shapely.coverage_union_all(source.geometry.to_crs(JAPAN_ALBERS).to_numpy())
    repaired = projected.copy()
    broken = ~shapely.is_valid(projected)
    repaired[broken] = shapely.make_valid(projected[broken])
    try:
        exported_union = (shapely.coverage_union_all(projected)
                          if coverage_valid_projected and not broken.any() else shapely.union_all(repaired))
        difference = symmetric_difference_area(polygons(exported_union), polygons(source_union))
    except shapely.errors.GEOSException as error:
        exported_union, difference = None, None
        union_error = str(error)
    source_area = float(shapely.area(source_union))
    outline = float(shapely.length(source_union))
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
                 "worst_unit": labels[worst_area]} if worst_area is not None else {},
        "union": {"source_area_km2": round(source_area / 1e6, 1),
                  "exported_area_km2": round(float(shapely.area(exported_union)) / 1e6, 1),
                  "symmetric_difference_km2": round(difference / 1e6, 3),
                  "symmetric_difference_relative": float(f"{difference / source_area:.3e}"),
                  "mean_width_m": round(difference / outline, 2),
                  # a gap between simplified neighbours is a hole the source union lacks
                  "holes": {"source": holes(source_union), "exported": holes(exported_union)}}
                 if difference is not None else {"error": union_error},
        "seconds": {stage: round(s, 1) for stage, s in seconds.items()},
        "versions": versions(),
    }
    json.dump(report, sys.stdout, ensure_ascii=False)
    print()
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
