# shellcheck shell=bash
# A stage of Scripts/bench (sourced by it; uses its helpers: timed, copy_store, PEER_PYTHON,
# PEER_DIR, WORK, RUNS, INVESTMAP, machine_description, investmap_version).

# Join: 1.1 M points (the town points ×4) to the full-resolution units. Peer:
# geopandas.sjoin(predicate="within") on the parts (index built inside the call). investmap: the
# same points as a ledger (one project per point), `investmap import investments` into an edition
# of a store holding the full-resolution boundaries; its join phase (reading the units, building
# the index, locating every point) is timed inside the process and printed.
stage_join() {
  local dataset edition boundaries points run
  dataset=$(manifest_query top default_boundaries)
  edition=$(manifest_query field "$dataset" edition)
  boundaries=$(decompressed "$dataset")
  points=$(decompressed town_points)
  log "join: importing $(basename "$boundaries") and writing the town points ×4 as a ledger"
  timed join-import 1 "$INVESTMAP" import boundaries "$boundaries" --edition "$edition" --db "$WORK/join-imported.gpkg"
  python3 - "$points" "$WORK/join-ledger.csv" <<'PY'
import csv, sys
source, target = sys.argv[1:]
rows = [r for r in csv.DictReader(open(source, encoding="utf-8")) if r["lat"] and r["lng"]]
with open(target, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "name", "plan", "lon", "lat"])
    n = 0
    for copy in range(4):
        for r in rows:
            n += 1
            w.writerow([f"T{n}", r["city"] + r["town"], "C", r["lng"], r["lat"]])
PY
  for run in $(seq 1 "$RUNS"); do
    log "join, run $run/$RUNS: geopandas.sjoin"
    timed join-peer "$run" "${PEER_PYTHON[@]}" "$PEER_DIR/join_peer.py" "$boundaries" "$points" --repeat 4
    log "join, run $run/$RUNS: investmap"
    copy_store "$WORK/join-imported.gpkg" "$WORK/join.gpkg"
    "$INVESTMAP" edition create bench --db "$WORK/join.gpkg" >/dev/null
    timed join-investmap "$run" "$INVESTMAP" import investments "$WORK/join-ledger.csv" --edition bench --db "$WORK/join.gpkg"
  done
  python3 - "$WORK" "$RUNS" "$(basename "$boundaries")" "$(machine_description)" "$(investmap_version)" <<'PY'
import datetime, json, re, statistics, sys
work, runs, data_file, machine, investmap_version = sys.argv[1:]
runs = int(runs)
def timings(name):
    rows = [open(f"{work}/{name}.{r}.time").read().split() for r in range(1, runs + 1)]
    return statistics.median(float(s) for s, _ in rows), max(int(k) for _, k in rows) / 1024
peers = [json.load(open(f"{work}/join-peer.{r}.out")) for r in range(1, runs + 1)]
outs = [open(f"{work}/join-investmap.{r}.out").read() for r in range(1, runs + 1)]
joins = [float(re.search(r"; ([0-9.]+) s", o).group(1)) for o in outs]
sjoin = statistics.median(p["seconds"]["sjoin"] for p in peers)
peer_process, peer_rss = timings("join-peer")
investmap_process, investmap_rss = timings("join-investmap")
join = statistics.median(joins)
p = peers[-1]
def s(x): return f"{x:.2f} s" if x < 10 else f"{x:.1f} s"
def ratio(a, b): return "—" if b <= 0 else f"{a / b:.2f}×"
rows = ["| stage | geopandas | investmap | geopandas / investmap |", "|---|---:|---:|---:|",
        f"| **join** (peer: `sjoin` call, index built inside; investmap: read units, build index, locate all) | {s(sjoin)} | {s(join)} | {ratio(sjoin, join)} |",
        f"| whole process (peer: read boundaries + points + sjoin; investmap: `import investments`: parse, validate, join, write to the GeoPackage) | {s(peer_process)} | {s(investmap_process)} | {ratio(peer_process, investmap_process)} |",
        f"| peak RSS | {peer_rss:,.0f} MiB | {investmap_rss:,.0f} MiB | |"]
print(f"""### Join: {p['points']:,} points to the full-resolution units

`{data_file}` (90,718 parts) and the town points ×4. Measured {datetime.date.today().isoformat()} on {machine};
{runs} run{"s" if runs > 1 else ""} each, interleaved; median time, largest peak RSS. geopandas joined {p['joined']:,} points
within a part; investmap's summary (last run):

```
{outs[-1].strip()}
```

{chr(10).join(rows)}

Versions: {investmap_version}; geopandas {p['versions']['geopandas']}, shapely {p['versions']['shapely']} (GEOS {p['versions']['geos']}).""")
PY
}
