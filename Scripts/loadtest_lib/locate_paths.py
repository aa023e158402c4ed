"""Writes the request paths of the locate load test: /api/locate?lon=LON&lat=LAT for every point
of the sample ledger (lon/lat columns) and of the sample cluster sites (their lon/lat, or the mean
of a polygon's vertices when the site is an area given as WKT), inside Japan's bounding box,
shuffled with a fixed seed so every run asks the same questions in the same order.

Usage: python3 locate_paths.py INVESTMENTS.csv SITES.csv OUT.txt [SEED]
"""
import csv
import random
import re
import sys

# Japan's bounding box as `investmap serve` accepts it (points outside get 400).
LON_RANGE, LAT_RANGE = (122.0, 154.0), (20.0, 46.0)


def inside(lon, lat):
    return LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1]


def polygon_mean(wkt):
    """The mean of the outer ring's vertices (the closing vertex once): a point inside the small
    convex site areas of the sample, good enough to ask locate about."""
    ring = re.search(r"\(\(([^()]*)\)", wkt)
    if ring is None:
        return None
    pairs = [tuple(float(v) for v in p.split()[:2]) for p in ring.group(1).split(",") if p.strip()]
    if len(pairs) > 1 and pairs[0] == pairs[-1]:
        pairs.pop()
    if not pairs:
        return None
    return (f"{sum(p[0] for p in pairs) / len(pairs):.6f}", f"{sum(p[1] for p in pairs) / len(pairs):.6f}")


def points(path, wkt_column=None):
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = {"lon", "lat"} - set(reader.fieldnames or [])
        if missing:
            sys.exit(f"error: {path}: no column {', '.join(sorted(missing))} in the header {reader.fieldnames}")
        for line, row in enumerate(reader, start=2):
            lon, lat = (row.get("lon") or "").strip(), (row.get("lat") or "").strip()
            if not (lon and lat) and wkt_column and (row.get(wkt_column) or "").strip():
                mean = polygon_mean(row[wkt_column])
                if mean is None:
                    sys.exit(f"error: {path}:{line}: cannot read the WKT polygon of {row.get('id', '?')}")
                lon, lat = mean
            if not (lon and lat):
                continue
            try:
                if inside(float(lon), float(lat)):
                    yield lon, lat
            except ValueError:
                sys.exit(f"error: {path}:{line}: lon/lat are not numbers: {lon!r}, {lat!r}")


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__.strip().splitlines()[-1])
    investments, sites, out = sys.argv[1:4]
    seed = int(sys.argv[4]) if len(sys.argv) == 5 else 2025
    found = list(points(investments)) + list(points(sites, wkt_column="wkt"))
    if not found:
        sys.exit(f"error: no point inside Japan's bounding box in {investments} or {sites}")
    random.Random(seed).shuffle(found)
    with open(out, "w", encoding="utf-8") as f:
        for lon, lat in found:
            f.write(f"/api/locate?lon={lon}&lat={lat}\n")
    print(len(found))


if __name__ == "__main__":
    main()
