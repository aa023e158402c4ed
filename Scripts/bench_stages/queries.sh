# shellcheck shell=bash
# A stage of Scripts/bench (sourced by it; uses its helpers: timed, manifest_query, decompressed,
# PEER_PYTHON, PEER_DIR, WORK, RUNS, INVESTMAP, REPO_ROOT, machine_description, investmap_version).

# Queries: coverage-gap reports of all nine bureaus at municipal level, and `near` on 10,000
# query points, on a fictional ledger of 1 M projects (`investmap synth --count 1000000 --seed
# 2025`, ~992 k accepted) and 300 cluster sites (`synth --sites --count 300 --seed 2025`) in a
# store holding the full-resolution boundaries (imports untimed). investmap: whole processes.
# Peer: Scripts/bench_peer/queries_peer.py (GeoPandas: pyogrio, sjoin, sjoin_nearest,
# sindex.query, pyproj.Geod), whole processes, on the same GeoPackage.
#   gaps        `gaps --all-bureaus --level municipality --format csv --out DIR`, three variants:
#               all projects (with 1 M projects nearly every municipality is covered: the few gaps
#               test the ranking and the distances of remote units), `--plan A --field
#               ai_semiconductors` (≈28 k projects, 16 sites: about 190 gaps in every bureau, with
#               far nearest sites and island gaps whose nearest covered unit is across the sea),
#               and `--km 20` (covered = a site within 20 km of the polygon: polygon–site
#               distances for every unit, about 550 gaps).
#   near        `near --queries Q.csv --km QUERIES_NEAR_KM --format csv`: 10,000 town points
#               (seeded sample of the town points, jittered by up to ±0.005°). QUERIES_NEAR_KM
#               defaults to 1: at 5 km the 1 M ledger gives about 1,600 projects a query, 16 M
#               rows in all (2 GB of CSV); investmap streams them (358 MB peak), the peer's
#               frame of candidate pairs would not fit this machine comfortably.
# After the timed runs, queries_peer.py check-gaps / check-near compare the last runs' answers
# (untimed): gap sets and order per bureau; nearest site and nearest covered unit, investmap's
# distances measured again with shapely in a local azimuthal equidistant plane per pair (within
# 0.1 %); near: same ids per query (pairs within 1 m of R aside), distance_km vs Geod.inv (1 m).
stage_queries() {
  local dataset edition boundaries points run variant near_km check_status
  local -x INVESTMAP_GEODATA=${INVESTMAP_GEODATA:-$REPO_ROOT/GeoData}
  dataset=$(manifest_query top default_boundaries)
  edition=$(manifest_query field "$dataset" edition)
  boundaries=$(decompressed "$dataset")
  points=$(decompressed town_points)
  near_km=${QUERIES_NEAR_KM:-1}
  local variants=(all ai km)
  # Options per variant (word-split on purpose).
  local -A options=([all]="" [ai]="--plan A --field ai_semiconductors" [km]="--km 20")

  log "queries: importing $(basename "$boundaries"), a 1 M-project fictional ledger and 300 sites (untimed, minutes)"
  timed queries-import 1 "$INVESTMAP" import boundaries "$boundaries" --edition "$edition" --db "$WORK/queries.gpkg"
  "$INVESTMAP" edition create bench --note "fictional sample data" --db "$WORK/queries.gpkg" >/dev/null
  timed queries-synth 1 "$INVESTMAP" synth --count 1000000 --seed 2025 --points "$points" --out "$WORK/queries-ledger.csv"
  timed queries-synth-sites 1 "$INVESTMAP" synth --sites --count 300 --seed 2025 --points "$points" --out "$WORK/queries-sites.csv"
  timed queries-ledger 1 "$INVESTMAP" import investments "$WORK/queries-ledger.csv" --edition bench --db "$WORK/queries.gpkg"
  timed queries-sites 1 "$INVESTMAP" import sites "$WORK/queries-sites.csv" --edition bench --db "$WORK/queries.gpkg"
  python3 - "$points" "$WORK/queries-points.csv" <<'PY'
import csv, random, sys
source, target = sys.argv[1:]
rows = [r for r in csv.DictReader(open(source, encoding="utf-8")) if r["lat"] and r["lng"]]
rng = random.Random(2025)
with open(target, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "lon", "lat"])
    for n, r in enumerate(rng.sample(rows, 10000), 1):
        w.writerow([f"Q{n:05d}", f"{float(r['lng']) + rng.uniform(-0.005, 0.005):.6f}",
                    f"{float(r['lat']) + rng.uniform(-0.005, 0.005):.6f}"])
PY

  for run in $(seq 1 "$RUNS"); do
    for variant in "${variants[@]}"; do
      log "queries, run $run/$RUNS: gaps ($variant) GeoPandas"
      rm -rf "$WORK/queries-peer-$variant"
      # shellcheck disable=SC2086
      timed "queries-gaps-peer-$variant" "$run" "${PEER_PYTHON[@]}" "$PEER_DIR/queries_peer.py" gaps "$WORK/queries.gpkg" \
        --edition bench --out "$WORK/queries-peer-$variant" ${options[$variant]}
      log "queries, run $run/$RUNS: gaps ($variant) investmap"
      rm -rf "$WORK/queries-investmap-$variant"
      # shellcheck disable=SC2086
      timed "queries-gaps-investmap-$variant" "$run" "$INVESTMAP" gaps --all-bureaus --level municipality --format csv \
        --out "$WORK/queries-investmap-$variant" ${options[$variant]} --edition bench --db "$WORK/queries.gpkg"
    done
    log "queries, run $run/$RUNS: near ($near_km km, 10,000 queries) GeoPandas"
    timed queries-near-peer "$run" "${PEER_PYTHON[@]}" "$PEER_DIR/queries_peer.py" near "$WORK/queries.gpkg" \
      --edition bench --queries "$WORK/queries-points.csv" --km "$near_km" --out "$WORK/queries-near-peer.csv"
    log "queries, run $run/$RUNS: near ($near_km km, 10,000 queries) investmap"
    timed queries-near-investmap "$run" "$INVESTMAP" near --queries "$WORK/queries-points.csv" --km "$near_km" --format csv \
      --edition bench --db "$WORK/queries.gpkg"
  done

  for variant in "${variants[@]}"; do
    log "queries: checking the gaps ($variant) against GeoPandas and shapely (untimed)"
    check_status=0
    # shellcheck disable=SC2086
    "${PEER_PYTHON[@]}" "$PEER_DIR/queries_peer.py" check-gaps "$WORK/queries.gpkg" --edition bench ${options[$variant]} \
      --investmap "$WORK/queries-investmap-$variant" --peer "$WORK/queries-peer-$variant" \
      >"$WORK/queries-check-$variant.json" 2>"$WORK/queries-check-$variant.err" || check_status=$?
    if [ "$check_status" -gt 1 ]; then
      tail -n 20 "$WORK/queries-check-$variant.err" >&2
      die "queries_peer.py check-gaps failed (status $check_status)"
    fi
  done
  log "queries: checking near against GeoPandas and Geod.inv (untimed)"
  check_status=0
  "${PEER_PYTHON[@]}" "$PEER_DIR/queries_peer.py" check-near "$WORK/queries.gpkg" --edition bench \
    --queries "$WORK/queries-points.csv" --km "$near_km" --investmap "$WORK/queries-near-investmap.$RUNS.out" \
    --peer "$WORK/queries-near-peer.csv" >"$WORK/queries-check-near.json" 2>"$WORK/queries-check-near.err" || check_status=$?
  if [ "$check_status" -gt 1 ]; then
    tail -n 20 "$WORK/queries-check-near.err" >&2
    die "queries_peer.py check-near failed (status $check_status)"
  fi

  python3 - "$WORK" "$RUNS" "$near_km" "$(basename "$boundaries")" "$(machine_description)" "$(investmap_version)" <<'PY'
import datetime, json, re, statistics, sys
work, runs, near_km, data_file, machine, investmap_version = sys.argv[1:]
runs = int(runs)
variants = {"all": "all projects", "ai": "`--plan A --field ai_semiconductors`", "km": "`--km 20` (a site within 20 km)"}

def timings(name):
    rows = [open(f"{work}/{name}.{r}.time").read().split() for r in range(1, runs + 1)]
    return statistics.median(float(s) for s, _ in rows), max(int(k) for _, k in rows) / 1024

def s(x): return f"{x:.2f} s" if x < 10 else f"{x:.1f} s"
def ratio(a, b): return "—" if b <= 0 else f"{a / b:.2f}×" if a / b < 10 else f"{a / b:.0f}×"
def yes(flag): return "yes" if flag else "**no**"
def pct(x): return "—" if x is None else f"{100 * x:.4f} %"

peer_json = {v: [json.loads(open(f"{work}/queries-gaps-peer-{v}.{r}.out").read()) for r in range(1, runs + 1)] for v in variants}
near_json = [json.loads(open(f"{work}/queries-near-peer.{r}.out").read()) for r in range(1, runs + 1)]
checks = {v: json.load(open(f"{work}/queries-check-{v}.json")) for v in variants}
near_check = json.load(open(f"{work}/queries-check-near.json"))
ledger = open(f"{work}/queries-ledger.1.out").read() + open(f"{work}/queries-ledger.1.err").read()
accepted = re.search(r"(\d+) accepted", ledger)

rows = ["| query | geopandas | investmap | geopandas / investmap | peak RSS geopandas | peak RSS investmap |",
        "|---|---:|---:|---:|---:|---:|"]
for v, label in variants.items():
    pt, pr = timings(f"queries-gaps-peer-{v}")
    it, ir = timings(f"queries-gaps-investmap-{v}")
    gaps = sum(peer_json[v][-1]["gaps"].values())
    rows.append(f"| **gaps, all nine bureaus**, {label}: {gaps:,} gaps | {s(pt)} | {s(it)} | {ratio(pt, it)} | {pr:,.0f} MiB | {ir:,.0f} MiB |")
pt, pr = timings("queries-near-peer")
it, ir = timings("queries-near-investmap")
rows.append(f"| **near**, 10,000 queries, {near_km} km: {near_json[-1]['results']:,} results | {s(pt)} | {s(it)} | {ratio(pt, it)} | {pr:,.0f} MiB | {ir:,.0f} MiB |")

stage_rows = ["| geopandas stages (median) | read | coverage | reports (sjoin_nearest …) / search | write |", "|---|---:|---:|---:|---:|"]
for v, label in variants.items():
    med = {k: statistics.median(p["seconds"][k] for p in peer_json[v]) for k in ("read", "coverage", "reports", "write")}
    stage_rows.append(f"| gaps, {label} | {s(med['read'])} | {s(med['coverage'])} | {s(med['reports'])} | {s(med['write'])} |")
med = {k: statistics.median(p["seconds"][k] for p in near_json) for k in ("read", "search", "write")}
stage_rows.append(f"| near | {s(med['read'])} | | {s(med['search'])} | {s(med['write'])} |")

check_rows = ["| variant | gaps (investmap / geopandas) | same set and order, every bureau | nearest site: pairs, worst rel. diff (local plane), within 0.1 % | "
              "nearest covered: pairs (at 0 m), worst rel. diff, within 0.1 % | different choices (ties within 0.1 %) | geopandas' bureau planes: worst rel. diff site / covered |",
              "|---|---|---|---|---|---|---|"]
for v, label in variants.items():
    c = checks[v]
    bureaus = c["bureaus"]
    mine = sum(b["investmap"] for b in bureaus.values()); theirs = sum(b["geopandas"] for b in bureaus.values())
    same = all(b["same_set"] and b["same_order"] for b in bureaus.values())
    site, cov = c["site"], c["covered"]
    ties = site["ties"] + cov["ties"]
    diffs = len(site["different_site"]) + len(cov["different_unit"]) + ties
    check_rows.append(f"| {label} | {mine:,} / {theirs:,} | {yes(same)} | {site['pairs']:,}, {pct(site['worst_relative'])}, {yes(site['failed_count'] == 0)} | "
                      f"{cov['pairs']:,} ({cov['zero_pairs']:,}), {pct(cov['worst_relative'])}, {yes(cov['failed_count'] == 0)} | {diffs} ({ties}) | "
                      f"{pct(site['peer_plane_worst_relative'])} / {pct(cov['peer_plane_worst_relative'])} |")
problems = []
for v, c in checks.items():
    for b, r in c["bureaus"].items():
        if not (r["same_set"] and r["same_order"]):
            problems.append(f"{v}/{b}: only investmap {r['only_investmap']}, only geopandas {r['only_geopandas']}, same order {r['same_order']}")
    for f in c["site"]["failed"] + c["covered"]["failed"]:
        problems.append(f"{v}: {json.dumps(f, ensure_ascii=False)}")
    for d in c["site"]["different_site"] + c["covered"]["different_unit"]:
        problems.append(f"{v}: {json.dumps(d, ensure_ascii=False)}")
n = near_check
near_line = (f"near: {n['investmap_pairs']:,} pairs (investmap) / {n['geopandas_pairs']:,} (geopandas); queries with the same ids: "
             f"{n['queries_with_same_ids']:,} of {n['queries']:,}; only investmap {n['only_investmap']}, only geopandas {n['only_geopandas']} "
             f"(pairs within 1 m of {near_km} km left aside: {n['differing_within_1m_of_radius']}); distance_km vs Geod.inv: largest difference "
             f"{n['max_abs_difference_m']:.3f} m (investmap prints metres: up to 0.5 m is rounding), {n['over_1m']} over 1 m: {yes(n['ok'])}.")
v = checks["all"]["versions"]
p = peer_json["all"][-1]
print(f"""### Queries: coverage gaps of the nine bureaus and `near`, 1 M-project ledger

`{data_file}` and a fictional ledger (`investmap synth --count 1000000 --seed 2025`: {accepted.group(1) if accepted else "?"} projects accepted,
{p['projects']:,} not withdrawn) with 300 fictional cluster sites (`synth --sites --count 300 --seed 2025`, {p['sites']} not withdrawn),
imported into one store (untimed). Measured {datetime.date.today().isoformat()} on {machine}; {runs} run{"s" if runs > 1 else ""} each,
interleaved; median time of whole processes, largest peak RSS. investmap: `gaps --all-bureaus --level municipality --format csv --out DIR`
(nine CSV files) and `near --queries Q.csv --km {near_km} --format csv` (10,000 seeded town points, jittered). GeoPandas
(`Scripts/bench_peer/queries_peer.py`): the same GeoPackage read with pyogrio; coverage from the projects' join codes (the
`municipality_code` investmap counts) or, with `--km`, `sjoin(predicate="dwithin")`; nearest site and nearest covered unit by
`sjoin_nearest` in one transverse Mercator plane per bureau (GRS80, centred on the bureau), touching neighbours by
`sjoin(predicate="intersects")`; near: `sindex.query` with one box per query, then `Geod(ellps="GRS80").inv` on the candidates.
At {near_km} km: at 5 km the ledger gives about 1,600 projects a query, 16 M result rows, which GeoPandas' frame
of candidate pairs does not hold in this machine's memory comfortably (investmap streams its CSV).

{chr(10).join(rows)}

{chr(10).join(stage_rows)}

Checks (untimed, last runs): investmap's distances measured again with shapely in an azimuthal equidistant plane (GRS80) per pair,
centred on the site or between the two units' closest points; pairs at 0 m must be 0 in both.

{chr(10).join(check_rows)}

{near_line}

{"Disagreements: " + "; ".join(problems[:20]) if problems else "No disagreement."}

Versions: {investmap_version}; geopandas {v['geopandas']}, shapely {v['shapely']} (GEOS {v['geos']}), pyproj {v['pyproj']} (PROJ {v['proj']}),
pyogrio {v['pyogrio']} (GDAL {v['gdal']}), Python {v['python']}.""")
PY
}
