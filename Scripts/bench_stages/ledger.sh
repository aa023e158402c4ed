# shellcheck shell=bash
# A stage of Scripts/bench (sourced by it; uses its helpers: timed, copy_store, WORK, RUNS,
# INVESTMAP, machine_description, investmap_version).

# Ledger: the import of support cases in the programme schema against today's coordinate-only
# import, per row, on the same store in the same run; and address geocoding on its own.
# - coordinates: `synth --count 1000000` (the coordinate-only layout: every row has lon/lat).
# - cases: `synth --cases --count 1000000` (programme, company, two amounts, wage, budget,
#   adopted; 75 % located by address only, 20 % by code only, 5 % by coordinates): every
#   address geocoded, every code placed at its unit's point on surface.
# - geocoding: `investmap geocode` on 100,000 addresses of the cases (reading the town points
#   and indexing them included, and timed apart from them as the difference to 1 address).
# The speed targets of the whole import against GeoPandas and DuckDB are the join and import
# stages' (issue 21); this stage answers "is a case as cheap to import as a point?".
LEDGER_ROWS=${LEDGER_ROWS:-1000000}

stage_ledger() {
  local dataset edition boundaries points run
  dataset=$(manifest_query top default_boundaries)
  edition=$(manifest_query field "$dataset" edition)
  boundaries=$(decompressed "$dataset")
  points=$(decompressed town_points)
  log "ledger: importing $(basename "$boundaries"), writing $LEDGER_ROWS rows of each layout"
  timed ledger-import 1 "$INVESTMAP" import boundaries "$boundaries" --edition "$edition" --db "$WORK/ledger-imported.gpkg"
  "$INVESTMAP" synth --count "$LEDGER_ROWS" --seed 1 --points "$points" --out "$WORK/ledger-coordinates.csv" 2>/dev/null
  "$INVESTMAP" synth --cases --count "$LEDGER_ROWS" --seed 1 --points "$points" --out "$WORK/ledger-cases.csv" 2>/dev/null
  python3 - "$WORK/ledger-cases.csv" "$WORK/ledger-addresses.csv" "$WORK/ledger-address.csv" <<'PY'
import csv, sys
source, many, one = sys.argv[1:]
rows = []
for r in csv.DictReader(open(source, encoding="utf-8")):
    if r["address"]:
        rows.append([r["id"], r["address"]])
        if len(rows) == 100_000:
            break
for path, subset in ((many, rows), (one, rows[:1])):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "所在地"])
        w.writerows(subset)
PY
  for run in $(seq 1 "$RUNS"); do
    for layout in coordinates cases; do
      log "ledger, run $run/$RUNS: import of the $layout layout"
      copy_store "$WORK/ledger-imported.gpkg" "$WORK/ledger.gpkg"
      "$INVESTMAP" edition create bench --db "$WORK/ledger.gpkg" >/dev/null
      timed "ledger-$layout" "$run" "$INVESTMAP" import investments "$WORK/ledger-$layout.csv" --edition bench \
        --town-points "$points" --db "$WORK/ledger.gpkg"
    done
    log "ledger, run $run/$RUNS: geocode 100,000 addresses (and 1, for the fixed cost)"
    timed ledger-geocode "$run" "$INVESTMAP" geocode --csv "$WORK/ledger-addresses.csv" --town-points "$points"
    timed ledger-geocode-one "$run" "$INVESTMAP" geocode --csv "$WORK/ledger-address.csv" --town-points "$points"
  done
  cp "$WORK/ledger-geocode.1.err" "$WORK/ledger-geocode.summary"
  python3 - "$WORK" "$RUNS" "$LEDGER_ROWS" "$(basename "$boundaries")" "$(machine_description)" "$(investmap_version)" <<'PY'
import datetime, re, statistics, sys
work, runs, rows, data_file, machine, investmap_version = sys.argv[1:]
runs, rows = int(runs), int(rows)
def timings(name):
    values = [open(f"{work}/{name}.{r}.time").read().split() for r in range(1, runs + 1)]
    return statistics.median(float(s) for s, _ in values), max(int(k) for _, k in values) / 1024
def s(x): return f"{x:.2f} s" if x < 10 else f"{x:.1f} s"
coordinates, coordinates_rss = timings("ledger-coordinates")
cases, cases_rss = timings("ledger-cases")
geocode, geocode_rss = timings("ledger-geocode")
fixed, _ = timings("ledger-geocode-one")
summary = open(f"{work}/ledger-cases.{runs}.out").read().strip()
located = re.search(r"located: .*", summary).group(0)
accepted = int(re.search(r"(\d+) accepted", summary).group(1))
geocoded = open(f"{work}/ledger-geocode.summary").read().strip().splitlines()[-1]
per_row = lambda t: f"{t / rows * 1e6:.1f} µs"
print(f"""### Ledger: {rows:,} cases against {rows:,} coordinate-only projects

`{data_file}`; `investmap synth` rows (fictional). Measured {datetime.date.today().isoformat()} on {machine};
{runs} run{"s" if runs > 1 else ""} each, interleaved; median time, largest peak RSS. The cases import (last run): {accepted:,} accepted, {located}.

| import investments, whole process | time | per row | peak RSS |
|---|---:|---:|---:|
| coordinate-only layout (`id,name,plan,field,amount_jpy,…,lon,lat`) | {s(coordinates)} | {per_row(coordinates)} | {coordinates_rss:,.0f} MiB |
| programme schema, 75 % by address, 20 % by code, 5 % by coordinates | {s(cases)} | {per_row(cases)} | {cases_rss:,.0f} MiB |
| cases / coordinates | {cases / coordinates:.2f}× | | |

Address geocoding alone (`investmap geocode`, 100,000 addresses of the cases): {s(geocode)} in all, of which
{s(fixed)} reading and indexing the 277,676 town points (the run with one address), so {s(geocode - fixed)} for the
100,000 addresses ({(geocode - fixed) / 100_000 * 1e6:.1f} µs each); peak RSS {geocode_rss:,.0f} MiB. `{geocoded}`

Versions: {investmap_version}.""")
PY
}
