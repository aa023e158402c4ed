#!/usr/bin/env python3
"""Peer for the import benchmark: GeoPandas reads the N03 GeoJSON and dissolves it.

Usage: import_peer.py GEOJSON

Stages, timed separately with a monotonic clock:
  read                    geopandas.read_file(engine="pyogrio")
  dissolve_municipalities one feature per part -> one row per N03_007 (method="coverage")
  dissolve_prefectures    municipalities -> one row per N03_001 (method="coverage")

The last one is reported apart so the comparison with an importer that builds
every level stays fair. Prints one JSON object on stdout.
"""
import json
import platform
import sys
import time

import geopandas
import pyogrio
import shapely


def blas_kernels() -> str:
    """Which BLAS kernels numpy runs: OPENBLAS_CORETYPE on some machines forces slow ones."""
    try:
        import threadpoolctl
    except ImportError:
        return "unknown (threadpoolctl not installed)"
    return ", ".join(
        f"{info.get('internal_api')} {info.get('architecture', '')}".strip()
        for info in threadpoolctl.threadpool_info()
    ) or "none loaded"


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: import_peer.py GEOJSON", file=sys.stderr)
        return 2
    path = sys.argv[1]

    t0 = time.perf_counter()
    parts = geopandas.read_file(path, engine="pyogrio")
    t1 = time.perf_counter()
    municipalities = parts.dissolve(by="N03_007", method="coverage")
    t2 = time.perf_counter()
    prefectures = municipalities.dissolve(by="N03_001", method="coverage")
    t3 = time.perf_counter()

    report = {
        "seconds": {
            "read": round(t1 - t0, 3),
            "dissolve_municipalities": round(t2 - t1, 3),
            "dissolve_prefectures": round(t3 - t2, 3),
        },
        "features": {
            "parts": len(parts),
            "municipalities": len(municipalities),
            "prefectures": len(prefectures),
        },
        "versions": {
            "python": platform.python_version(),
            "geopandas": geopandas.__version__,
            "shapely": shapely.__version__,
            "geos": shapely.geos_version_string,
            "pyogrio": pyogrio.__version__,
            "gdal": pyogrio.__gdal_version_string__,
        },
    }
    report["versions"]["blas"] = blas_kernels()
    json.dump(report, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
