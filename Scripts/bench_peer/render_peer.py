#!/usr/bin/env python3
"""Peer for the render benchmark: the national municipal choropleth drawn with
GeoDataFrame.plot and saved as SVG by matplotlib.

Usage: render_peer.py UNITS_GEOJSON VALUES_CSV OUT_SVG [--column count] [--bins B1,B2,...]
                      [--scheme Quantiles] [--k 5] [--width 1200] [--height 1300]

UNITS_GEOJSON holds the units with their code in the property "code" (investmap export
--level national --unit ward); VALUES_CSV the values per code (investmap stats --format csv:
code,name,level,<metric>). With --bins the classes are mapclassify.UserDefined on those upper
bounds (the breaks investmap drew, so both maps show the same classes and the peer's time is
drawing, not classifying); otherwise --scheme with --k classes. The units are projected to
the same Albers equal-area conic investmap uses for national maps. Stages, timed separately
with a monotonic clock:
  read     geopandas.read_file(engine="pyogrio"), pandas.read_csv, merge on code
  project  to_crs(JAPAN_ALBERS)
  plot     GeoDataFrame.plot(column, scheme, legend) on a figure of the same pixel size
  save     Figure.savefig(OUT_SVG, format="svg")
Prints one JSON object on stdout: seconds per stage, the units drawn, the SVG's size in
bytes and the library versions.
"""
import argparse
import json
import os
import sys
import time

import geopandas
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas  # noqa: E402

from check_coverage import JAPAN_ALBERS, versions  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("units_geojson")
    parser.add_argument("values_csv")
    parser.add_argument("out_svg")
    parser.add_argument("--column", default="count", help="the value column of VALUES_CSV (default count)")
    parser.add_argument("--bins", help="upper bounds of the classes, comma-separated (mapclassify.UserDefined)")
    parser.add_argument("--scheme", default="Quantiles", help="mapclassify scheme when --bins is not given")
    parser.add_argument("--k", type=int, default=5, help="classes for --scheme (default 5)")
    parser.add_argument("--width", type=int, default=1200, help="figure width in pixels (default 1200)")
    parser.add_argument("--height", type=int, default=1300, help="figure height in pixels (default 1300)")
    args = parser.parse_args()

    t0 = time.perf_counter()
    units = geopandas.read_file(args.units_geojson, engine="pyogrio")
    values = pandas.read_csv(args.values_csv, dtype={"code": str})
    units = units.merge(values[["code", args.column]], on="code", how="left")
    t1 = time.perf_counter()
    units = units.to_crs(JAPAN_ALBERS)
    t2 = time.perf_counter()
    dpi = 100
    figure, axes = plt.subplots(figsize=(args.width / dpi, args.height / dpi), dpi=dpi)
    if args.bins:
        scheme, keywords = "UserDefined", {"classification_kwds": {"bins": [float(b) for b in args.bins.split(",")]}}
    else:
        scheme, keywords = args.scheme, {"k": args.k}
    units.plot(column=args.column, scheme=scheme, cmap="YlGnBu", edgecolor="white", linewidth=0.1, legend=True,
               missing_kwds={"color": "lightgrey"}, ax=axes, **keywords)
    axes.set_axis_off()
    axes.set_title(f"{args.column} per unit")
    t3 = time.perf_counter()
    figure.savefig(args.out_svg, format="svg")
    t4 = time.perf_counter()
    plt.close(figure)

    report = {
        "units": len(units),
        "scheme": scheme,
        "bytes": os.path.getsize(args.out_svg),
        "seconds": {"read": t1 - t0, "project": t2 - t1, "plot": t3 - t2, "save": t4 - t3},
        "versions": {**versions(), "matplotlib": matplotlib.__version__},
    }
    json.dump(report, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
