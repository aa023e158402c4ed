#!/usr/bin/env python3
"""Cuts the committed test fixture (Tests/Fixtures/) out of the shared data.

    Scripts/make_test_fixture.py [--shared ../shared] [--out Tests/Fixtures]

Writes
  N03-21_210101_s0010_okayama_shikoku.topojson
      the municipalities of 岡山県 (33) and the four Shikoku prefectures (36–39) from
      geodata/N03-21_210101_s0010.topojson: the same object, the same properties (N03_001 …
      N03_007, in their order), the same quantization transform and the same delta-encoded arcs,
      only the arcs those units use kept (renumbered, in their original order), so neighbours
      still share arcs. Okayama brings a designated city with wards (岡山市) and a second bureau
      (中国) to the four prefectures of the 四国 bureau.
  population_2020_census_okayama_shikoku.csv
      the rows of reference/population_2020_census.csv for those prefectures (the header, then
      the rows whose pref_code is one of them, in file order).

The output is deterministic: running it again on the same shared files gives the same bytes.
"""
import argparse
import csv
import io
import json
import os
import sys

PREFECTURES = ("33", "36", "37", "38", "39")
SOURCE_TOPOJSON = "geodata/N03-21_210101_s0010.topojson"
SOURCE_CENSUS = "reference/population_2020_census.csv"
OUT_TOPOJSON = "N03-21_210101_s0010_okayama_shikoku.topojson"
OUT_CENSUS = "population_2020_census_okayama_shikoku.csv"


def arc_indices(arcs):
    """Every arc index a geometry's nested `arcs` list names (negative: ~index, reversed)."""
    if isinstance(arcs, int):
        yield arcs if arcs >= 0 else ~arcs
    else:
        for item in arcs:
            yield from arc_indices(item)


def renumber(arcs, new_index):
    if isinstance(arcs, int):
        return new_index[arcs] if arcs >= 0 else ~new_index[~arcs]
    return [renumber(item, new_index) for item in arcs]


def cut_topology(topology):
    (name, collection), = topology["objects"].items()
    kept = [g for g in collection["geometries"]
            if (g["properties"].get("N03_007") or "")[:2] in PREFECTURES]
    used = sorted({i for g in kept for i in arc_indices(g["arcs"])})
    new_index = {old: new for new, old in enumerate(used)}
    geometries = []
    for g in kept:
        out = dict(g)  # key order as in the source
        out["arcs"] = renumber(g["arcs"], new_index)
        geometries.append(out)
    result = {}
    for key, value in topology.items():  # key order as in the source
        if key == "arcs":
            result[key] = [topology["arcs"][i] for i in used]
        elif key == "objects":
            result[key] = {name: {**{k: v for k, v in collection.items() if k != "geometries"}, "geometries": geometries}}
        else:
            result[key] = value
    return result, len(kept), len(used)


def dump_topology(topology):
    """Compact JSON, one geometry and one arc per line (so a diff shows what changed)."""
    def compact(value):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    parts = []
    for key, value in topology.items():
        if key == "arcs":
            parts.append('"arcs":[\n' + ",\n".join(compact(a) for a in value) + "\n]")
        elif key == "objects":
            (name, collection), = value.items()
            head = {k: v for k, v in collection.items() if k != "geometries"}
            inner = compact(head)[1:-1]
            parts.append('"objects":{' + compact(name) + ":{" + inner + ',"geometries":[\n'
                         + ",\n".join(compact(g) for g in collection["geometries"]) + "\n]}}")
        else:
            parts.append(compact(key) + ":" + compact(value))
    return "{" + ",".join(parts) + "}\n"


def cut_census(path):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    lines = text.splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    column = header.index("pref_code")
    kept = [lines[0]] + [line for line in lines[1:] if next(csv.reader([line]))[column] in PREFECTURES]
    return "".join(kept), len(kept) - 1


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=os.environ.get("INVESTMAP_SHARED") or os.path.join(root, "..", "shared"))
    parser.add_argument("--out", default=os.path.join(root, "Tests", "Fixtures"))
    args = parser.parse_args()

    with open(os.path.join(args.shared, SOURCE_TOPOJSON), encoding="utf-8") as f:
        topology = json.load(f)
    cut, units, arcs = cut_topology(topology)
    text = dump_topology(cut)
    assert json.loads(text) == cut
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, OUT_TOPOJSON), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    census, rows = cut_census(os.path.join(args.shared, SOURCE_CENSUS))
    with open(os.path.join(args.out, OUT_CENSUS), "w", encoding="utf-8", newline="") as f:
        f.write(census)
    print(f"{OUT_TOPOJSON}: {units} units, {arcs} arcs, {len(text.encode())} bytes", file=sys.stderr)
    print(f"{OUT_CENSUS}: {rows} rows, {len(census.encode())} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
