#!/usr/bin/env python3
"""Peer for the join benchmark: geopandas.sjoin(predicate="within") of the town points to the parts.

Usage: join_peer.py BOUNDARIES_GEOJSON POINTS_CSV [--repeat 4] [--out RESULT_CSV]

BOUNDARIES_GEOJSON is the full-resolution N03 file (one feature per part, code in N03_007);
POINTS_CSV the town points (columns code5, lat, lng; rows without coordinates are dropped),
concatenated --repeat times (4: about 1.1 M points). Stages, timed separately with a
monotonic clock:
  read_boundaries  geopandas.read_file(engine="pyogrio")
  read_points      pandas.read_csv, drop rows without coordinates, concatenate --repeat
                   times, build the point GeoDataFrame (points_from_xy, the boundaries' CRS)
  sjoin            geopandas.sjoin(points, parts, predicate="within"): on the parts, as a
                   user would, without dissolving them first (the STRtree is built inside)

"joined" counts the points that fell within a part; "same_code" those whose part has the
point's own code5 (a check on the result, computed outside the timed stages). --out writes
code5, lat, lng and the joined N03_007 of every point (empty when none), also untimed.

Prints one JSON object on stdout.
"""
import argparse
import json
import sys
import time

import geopandas
import pandas

from check_coverage import versions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("boundaries_geojson")
    parser.add_argument("points_csv")
    parser.add_argument("--repeat", type=int, default=4,
                        help="how many times the points are concatenated (default 4)")
    parser.add_argument("--out", metavar="RESULT_CSV",
                        help="write code5, lat, lng, N03_007 per point (untimed)")
    args = parser.parse_args()
    if not 1 <= args.repeat <= 100:
        parser.error(f"--repeat must be between 1 and 100, got {args.repeat}")

    t0 = time.perf_counter()
    parts = geopandas.read_file(args.boundaries_geojson, engine="pyogrio")
    t1 = time.perf_counter()
    table = pandas.read_csv(args.points_csv, dtype={"code5": str})
    table = table.dropna(subset=["lat", "lng"])
    table = pandas.concat([table] * args.repeat, ignore_index=True)
    points = geopandas.GeoDataFrame(
        table, geometry=geopandas.points_from_xy(table["lng"], table["lat"]), crs=parts.crs)
    t2 = time.perf_counter()
    joined = geopandas.sjoin(points, parts, predicate="within")
    t3 = time.perf_counter()

    joined_points = int(joined.index.nunique())
    same_code = int((joined["code5"] == joined["N03_007"]).groupby(level=0).any().sum())
    report = {
        "points": len(points),
        "repeat": args.repeat,
        "parts": len(parts),
        "joined": joined_points,
        "pairs": len(joined),
        "same_code": same_code,
        "seconds": {
            "read_boundaries": round(t1 - t0, 3),
            "read_points": round(t2 - t1, 3),
            "sjoin": round(t3 - t2, 3),
        },
        "versions": versions(),
    }
    if args.out:
        # One code per point: parts do not overlap, and a point on a shared border is within none.
        code = joined.groupby(level=0)["N03_007"].first()
        result = points[["code5", "lat", "lng"]].assign(N03_007=code.reindex(points.index))
        result.to_csv(args.out, index=False)
        report["written"] = args.out
    json.dump(report, sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
