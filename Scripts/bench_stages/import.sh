# shellcheck shell=bash
# A stage of Scripts/bench (sourced by it; uses its helpers: timed, copy_store, PEER_PYTHON,
# PEER_DIR, WORK, RUNS, INVESTMAP, machine_description, investmap_version).

# Import: the full-resolution GeoJSON (one feature per part) into units.
# Peer: geopandas.read_file + dissolve into municipalities (+ into prefectures, apart).
# Also investmap with the quick start's fill (--fill-from the default fill source) against itself.
stage_import() {
  local dataset edition boundaries fill run
  dataset=$(manifest_query top default_boundaries)
  edition=$(manifest_query field "$dataset" edition)
  boundaries=$(decompressed "$dataset")
  fill=$(decompressed "$(manifest_query top default_fill)")

  for run in $(seq 1 "$RUNS"); do
    log "import, run $run/$RUNS: GeoPandas"
    # OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE (set on some machines) slow a current numpy down;
    # unset them for the peer alone.
    timed import-peer "$run" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
      python3 "$PEER_DIR/import_peer.py" "$boundaries"
    log "import, run $run/$RUNS: investmap"
    rm -f "$WORK/bench.gpkg" "$WORK/bench.gpkg-journal" "$WORK/bench.gpkg-wal" "$WORK/bench.gpkg-shm"
    timed import-investmap "$run" "$INVESTMAP" import boundaries "$boundaries" \
      --edition "$edition" --db "$WORK/bench.gpkg"
    log "import, run $run/$RUNS: investmap with --fill-from"
    rm -f "$WORK/bench-fill.gpkg" "$WORK/bench-fill.gpkg-wal" "$WORK/bench-fill.gpkg-shm"
    timed import-fill "$run" "$INVESTMAP" import boundaries "$boundaries" --fill-from "$fill" \
      --edition "$edition" --db "$WORK/bench-fill.gpkg"
  done

  python3 - "$WORK" "$RUNS" "$(basename "$boundaries")" "$(machine_description)" \
    "$(investmap_version)" <<'PY'
import datetime, json, statistics, sys
work, runs, data_file, machine, investmap_version = sys.argv[1:]
runs = int(runs)

def timings(name):
    rows = [open(f"{work}/{name}.{r}.time").read().split() for r in range(1, runs + 1)]
    return statistics.median(float(s) for s, _ in rows), max(int(k) for _, k in rows) / 1024

peer_reports = [json.load(open(f"{work}/import-peer.{r}.out")) for r in range(1, runs + 1)]
def peer(stage):
    return statistics.median(p["seconds"][stage] for p in peer_reports)
read, municipalities, prefectures = peer("read"), peer("dissolve_municipalities"), peer("dissolve_prefectures")
peer_process, peer_rss = timings("import-peer")
investmap_process, investmap_rss = timings("import-investmap")
fill_process, fill_rss = timings("import-fill")
fill_summary = open(f"{work}/import-fill.{runs}.out").read()
fill_timing = next((l for l in fill_summary.splitlines() if l.startswith("time: ")), "time: ?")
last = peer_reports[-1]
counts, versions = last["features"], last["versions"]

def s(x): return f"{x:.2f} s" if x < 10 else f"{x:.1f} s"
def ratio(p, i): return "—" if i <= 0 else f"{p / i:.2f}×" if p / i < 10 else f"{p / i:.0f}×"
rows = [
    ("read GeoJSON (`read_file`, pyogrio)", s(read), "—", "", "", ""),
    ("dissolve parts → municipalities (`dissolve`, coverage)", s(municipalities), "—", "", "", ""),
    ("dissolve municipalities → prefectures (coverage)", s(prefectures), "—", "", "", ""),
    ("**import to municipalities** (read + dissolve)", s(read + municipalities), s(investmap_process),
     ratio(read + municipalities, investmap_process), "", ""),
    ("**import, all levels** (read + both dissolves)", s(read + municipalities + prefectures),
     s(investmap_process), ratio(read + municipalities + prefectures, investmap_process), "", ""),
    ("whole process (interpreter start and imports included)", s(peer_process), s(investmap_process),
     ratio(peer_process, investmap_process), f"{peer_rss:,.0f} MiB", f"{investmap_rss:,.0f} MiB"),
]
table = ["| stage | GeoPandas | investmap | GeoPandas / investmap | peak RSS GeoPandas | peak RSS investmap |",
         "|---|---:|---:|---:|---:|---:|"]
table += ["| " + " | ".join(r) + " |" for r in rows]
investmap_summary = open(f"{work}/import-investmap.{runs}.out").read().strip().splitlines()[:25]

print(f"""### Import: full-resolution N03 GeoJSON → GeoPackage

`{data_file}`: {counts['parts']:,} parts → {counts['municipalities']:,} municipalities → {counts['prefectures']} prefectures.
Measured {datetime.date.today().isoformat()} on {machine}; {runs} run{"s" if runs > 1 else ""} each, interleaved; median time, largest peak RSS.
The investmap column is one whole `investmap import boundaries` process (every level, written to the
GeoPackage), so it appears on each comparison row.

{chr(10).join(table)}

Versions: {investmap_version}; GeoPandas {versions['geopandas']}, shapely {versions['shapely']} (GEOS {versions['geos']}),
pyogrio {versions['pyogrio']} (GDAL {versions['gdal']}), Python {versions['python']}, BLAS: {versions.get('blas', 'unknown')}.

With the quick start's fill (`--fill-from`, the 20 municipalities and 4 所属未定地 the file lacks):
{s(fill_process)} against {s(investmap_process)} without, **{(fill_process / investmap_process - 1) * 100:+.0f} %**
(target: at most +15 %), peak RSS {fill_rss:,.0f} MiB; its stages (last run): {fill_timing[6:]}.

investmap's own summary (last run):

```
{chr(10).join(investmap_summary)}
```""")
PY
}
