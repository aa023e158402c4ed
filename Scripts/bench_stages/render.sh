# shellcheck shell=bash
# A stage of Scripts/bench (sourced by it; uses its helpers: timed, manifest_query, decompressed,
# PEER_PYTHON, PEER_DIR, WORK, RUNS, INVESTMAP, REPO_ROOT, machine_description, investmap_version).

# Render: the national municipal choropleth (Renderers/national_municipal_count.json: projects
# per N03 unit, Fisher–Jenks 5 classes with zero apart) as SVG. The store holds the
# full-resolution boundaries simplified at the national scale and an edition with the sample
# ledger. Peer: GeoDataFrame.plot of the same units (the national scale exported as GeoJSON) and
# the same values (`investmap stats --format csv`), classed by mapclassify.UserDefined on the
# breaks investmap drew (so both maps show the same classes and the peer's time is drawing),
# projected to the same Albers conic, saved as SVG by matplotlib. Times: the peer's plot + save
# (its render, as the issue measures it) and its whole process; investmap's whole `render`
# process (open the store, read the units and the statistics, classify, project, lay out, write
# the SVG). Sizes: both SVG files. Acceptance: investmap at least 5× faster than the peer's plot
# + save, and its file under 2 MB.
stage_render() {
  local dataset edition boundaries run bins db spec
  # investmap finds GeoData/ beside its binary or the working folder; INVESTMAP_BIN may be elsewhere.
  local -x INVESTMAP_GEODATA=${INVESTMAP_GEODATA:-$REPO_ROOT/GeoData}
  dataset=$(manifest_query top default_boundaries)
  edition=$(manifest_query field "$dataset" edition)
  boundaries=$(decompressed "$dataset")
  db=$WORK/render.gpkg
  spec=$REPO_ROOT/Renderers/national_municipal_count.json

  if ! "${PEER_PYTHON[@]}" -c "import matplotlib" 2>/dev/null; then
    log "installing the peer's plotting library: matplotlib"
    python3 -m pip install --quiet matplotlib
  fi

  log "render: importing $(basename "$boundaries"), simplifying at the national scale, importing the sample ledger"
  timed render-import 1 "$INVESTMAP" import boundaries "$boundaries" --edition "$edition" --db "$db"
  timed render-simplify 1 "$INVESTMAP" simplify --levels national --db "$db"
  "$INVESTMAP" edition create bench --note "fictional sample data" --db "$db" >/dev/null
  timed render-ledger 1 "$INVESTMAP" import investments "$REPO_ROOT/GeoData/sample_investments.csv" \
    --edition bench --db "$db"

  log "render: the peer's inputs (units, values, breaks), untimed"
  timed render-export 1 "$INVESTMAP" export --level national --unit ward --format geojson \
    --out "$WORK/render-units.geojson" --db "$db"
  timed render-values 1 "$INVESTMAP" stats --level ward --metric count --edition bench --format csv --db "$db"
  cp "$WORK/render-values.1.out" "$WORK/render-values.csv"
  timed render-breaks 1 "$INVESTMAP" classify --level ward --metric count --edition bench \
    --method fisher-jenks --classes 5 --zero-class --format json --db "$db"
  # Zero is a class of its own in investmap's map: bin 0 first.
  bins=$(python3 -c 'import json, sys; print(",".join(str(b) for b in [0] + json.load(open(sys.argv[1]))["breaks"]))' \
    "$WORK/render-breaks.1.out")

  for run in $(seq 1 "$RUNS"); do
    log "render, run $run/$RUNS: GeoDataFrame.plot to SVG"
    timed render-peer "$run" "${PEER_PYTHON[@]}" "$PEER_DIR/render_peer.py" "$WORK/render-units.geojson" \
      "$WORK/render-values.csv" "$WORK/render-peer.svg" --column count --bins "$bins" --width 1200 --height 1300
    log "render, run $run/$RUNS: investmap"
    timed render-investmap "$run" "$INVESTMAP" render "$spec" --edition bench --out "$WORK/render-investmap.svg" --db "$db"
  done

  python3 - "$WORK" "$RUNS" "$(basename "$boundaries")" "$bins" "$(machine_description)" "$(investmap_version)" <<'PY'
import datetime, json, os, statistics, sys
import xml.etree.ElementTree as ElementTree
work, runs, data_file, bins, machine, investmap_version = sys.argv[1:]
runs = int(runs)

def timings(name):
    rows = [open(f"{work}/{name}.{r}.time").read().split() for r in range(1, runs + 1)]
    return statistics.median(float(s) for s, _ in rows), max(int(k) for _, k in rows) / 1024

peers = [json.load(open(f"{work}/render-peer.{r}.out")) for r in range(1, runs + 1)]
peer = peers[-1]
peer_draw = statistics.median(p["seconds"]["plot"] + p["seconds"]["save"] for p in peers)
peer_stages = {stage: statistics.median(p["seconds"][stage] for p in peers) for stage in ("read", "project", "plot", "save")}
peer_process, peer_rss = timings("render-peer")
mine_process, mine_rss = timings("render-investmap")
mine_bytes = os.path.getsize(f"{work}/render-investmap.svg")
peer_bytes = peer["bytes"]

# investmap's map, checked: well-formed XML, one path per unit, legend counts adding up.
root = ElementTree.parse(f"{work}/render-investmap.svg").getroot()
ns = "{http://www.w3.org/2000/svg}"
units = [e for e in root.iter(f"{ns}path") if "data-code" in e.attrib]
legend = sum(int(e.attrib["data-count"]) for e in root.iter(f"{ns}g") if e.attrib.get("class") == "legend-entry")
insets = [e.attrib["data-inset"] for e in root.iter(f"{ns}g") if "data-inset" in e.attrib]

def s(x): return f"{x:.2f} s" if x < 10 else f"{x:.1f} s"
def ratio(a, b): return "—" if b <= 0 else f"{a / b:.1f}×"
def mb(n): return f"{n / 1e6:.2f} MB"
fast_enough = peer_draw / mine_process >= 5
small_enough = mine_bytes < 2_000_000

rows = [
    "| national municipal choropleth to SVG | GeoPandas + matplotlib | investmap | GeoPandas / investmap |",
    "|---|---:|---:|---:|",
    f"| **render** (peer: `plot` + `savefig`; investmap: whole `render` process) | {s(peer_draw)} | {s(mine_process)} | {ratio(peer_draw, mine_process)} |",
    f"| whole process (peer: start Python, read GeoJSON and CSV {s(peer_stages['read'])}, project {s(peer_stages['project'])}, plot {s(peer_stages['plot'])}, save {s(peer_stages['save'])}) | {s(peer_process)} | {s(mine_process)} | {ratio(peer_process, mine_process)} |",
    f"| SVG file | {mb(peer_bytes)} | {mb(mine_bytes)} | {ratio(peer_bytes, mine_bytes)} |",
    f"| peak RSS | {peer_rss:,.0f} MiB | {mine_rss:,.0f} MiB | |",
]
print(f"""### Render: the national municipal choropleth to SVG

`{data_file}` imported and simplified at the national scale (1 km); {peer['units']:,} N03 units; projects per unit
from the sample ledger (`GeoData/sample_investments.csv`), classes: Fisher–Jenks 5 with zero apart (bins {bins}).
Measured {datetime.date.today().isoformat()} on {machine}; {runs} run{"s" if runs > 1 else ""} each, interleaved; median time, largest peak RSS.
Peer: `render_peer.py` — `GeoDataFrame.plot(column, scheme="UserDefined", bins)` of the same units and values,
projected to the same Albers conic, on a 1200 × 1300 px figure, `savefig(format="svg")`; its render time is
plot + save. investmap: `investmap render Renderers/national_municipal_count.json` as a whole process (1200 × 1300 px,
legend, insets, labels, credits included).

{chr(10).join(rows)}

investmap's SVG: well-formed XML, {len(units):,} unit paths, legend counts adding up to {legend:,}, insets: {", ".join(insets) or "none"}.
Acceptance — at least 5× faster than the peer's plot + save: {"yes" if fast_enough else "**no**"}; under 2 MB: {"yes" if small_enough else "**no**"}.

Versions: {investmap_version}; GeoPandas {peer['versions']['geopandas']}, matplotlib {peer['versions']['matplotlib']}, shapely {peer['versions']['shapely']} (GEOS {peer['versions']['geos']}), pyogrio {peer['versions']['pyogrio']}, Python {peer['versions']['python']}.""")
PY
}
