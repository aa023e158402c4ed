# shellcheck shell=bash
# A stage of Scripts/bench (sourced by it; uses its helpers: timed, copy_store, PEER_PYTHON,
# PEER_DIR, WORK, RUNS, INVESTMAP, machine_description, investmap_version).

# Simplify: the N03 units (wards and municipalities, 1,882) at 500 m, from a store imported from
# the full-resolution file. Peer: shapely.coverage_simplify (GEOS CoverageSimplifier) on the same
# coverage, dissolved and projected to an equal-area projection first. Both results are
# exported in lon/lat with 6 decimals and measured by the same independent checker
# (Scripts/bench_peer/check_coverage.py) against the full-resolution source.
stage_simplify() {
  local dataset edition boundaries run peer_options
  dataset=$(manifest_query top default_boundaries)
  edition=$(manifest_query field "$dataset" edition)
  boundaries=$(decompressed "$dataset")

  log "simplify: importing $(basename "$boundaries") into a fresh store"
  timed simplify-import 1 "$INVESTMAP" import boundaries "$boundaries" \
    --edition "$edition" --db "$WORK/simplify-imported.gpkg"

  for run in $(seq 1 "$RUNS"); do
    # The peer's result is measured by check_coverage.py, as investmap's is; the last run
    # writes it (after the timed stages).
    peer_options=(--no-measure)
    [ "$run" -lt "$RUNS" ] || peer_options+=(--write-geojson "$WORK/simplify-peer.geojson")
    log "simplify $SIMPLIFY_LEVEL, run $run/$RUNS: shapely.coverage_simplify"
    timed simplify-peer "$run" "${PEER_PYTHON[@]}" "$PEER_DIR/simplify_peer.py" "$boundaries" \
      "$SIMPLIFY_TOLERANCE_M" "${peer_options[@]}"
    log "simplify $SIMPLIFY_LEVEL, run $run/$RUNS: investmap"
    # Every run starts from the same freshly imported store.
    copy_store "$WORK/simplify-imported.gpkg" "$WORK/simplify.gpkg"
    timed simplify-investmap "$run" "$INVESTMAP" simplify --db "$WORK/simplify.gpkg" \
      --levels "$SIMPLIFY_LEVEL"
  done

  log "simplify: exporting investmap's $SIMPLIFY_LEVEL units"
  timed simplify-export 1 "$INVESTMAP" export --db "$WORK/simplify.gpkg" --level "$SIMPLIFY_LEVEL" \
    --unit ward --format geojson --out "$WORK/simplify-investmap.geojson"
  log "simplify: checking investmap's export against the full-resolution source"
  timed simplify-check-investmap 1 "${PEER_PYTHON[@]}" "$PEER_DIR/check_coverage.py" \
    "$WORK/simplify-investmap.geojson" "$boundaries"
  log "simplify: checking the peer's result the same way"
  timed simplify-check-peer 1 "${PEER_PYTHON[@]}" "$PEER_DIR/check_coverage.py" \
    "$WORK/simplify-peer.geojson" "$boundaries"

  python3 - "$WORK" "$RUNS" "$(basename "$boundaries")" "$SIMPLIFY_LEVEL" "$SIMPLIFY_TOLERANCE_M" \
    "$(machine_description)" "$(investmap_version)" <<'PY'
import datetime, json, re, statistics, sys
work, runs, data_file, level, tolerance, machine, investmap_version = sys.argv[1:]
runs = int(runs)

def timings(name, count=runs):
    rows = [open(f"{work}/{name}.{r}.time").read().split() for r in range(1, count + 1)]
    return statistics.median(float(s) for s, _ in rows), max(int(k) for _, k in rows) / 1024

peer_reports = [json.load(open(f"{work}/simplify-peer.{r}.out")) for r in range(1, runs + 1)]
peer = peer_reports[-1]
peer_simplify = statistics.median(p["seconds"]["simplify"] for p in peer_reports)
peer_before = statistics.median(
    sum(p["seconds"][s] for s in ("read", "dissolve", "project")) for p in peer_reports)
peer_process, peer_rss = timings("simplify-peer")
investmap_process, investmap_rss = timings("simplify-investmap")
checks = {tool: json.load(open(f"{work}/simplify-check-{tool}.1.out")) for tool in ("peer", "investmap")}
investmap_output = open(f"{work}/simplify-investmap.{runs}.out").read().strip().splitlines()
# investmap's own line: "level 500m: tolerance 500 m, vertices 446123, max displacement 512.3 m, …"
claimed = next((line for line in investmap_output if re.match(rf"level {re.escape(level)}\b", line)), None)

def s(x): return f"{x:.2f} s" if x < 10 else f"{x:.1f} s"
def ratio(p, i): return "—" if i <= 0 else f"{p / i:.2f}×" if p / i < 10 else f"{p / i:.0f}×"
def yes(flag): return "yes" if flag else "**no**"
def metres(x): return "—" if x is None else f"{x:,.1f} m"

def validity(check):
    text = yes(check["coverage_valid"])
    if not check["coverage_valid"]:
        text += f" ({check['coverage_invalid_units']} units: {', '.join(check['coverage_invalid_codes'][:6])})"
    return text

def units(check):
    u = check["units"]
    text = f"{u['exported'] - u['extra'] - u['duplicated']:,} of {u['source']:,}, {check['units_valid']:,} valid"
    problems = [f"{u[k]} {k}" for k in ("missing", "extra", "duplicated") if u[k]]
    problems += [f"invalid: {', '.join(i.split(':')[0] for i in check['invalid_units'][:6])}"] if check["invalid_units"] else []
    return text + (f" ({'; '.join(problems)})" if problems else "")

def union(check):
    u = check["union"]
    if "error" in u:
        return f"error: {u['error']}"
    return f"{u['symmetric_difference_km2']:,.1f} km² ({u['symmetric_difference_relative'] * 100:.2f} %, mean width {u['mean_width_m']:.0f} m)"

p, i = checks["peer"], checks["investmap"]
rows = [
    ("**simplify** (peer: `coverage_simplify` alone; investmap: whole `simplify` process)",
     s(peer_simplify), s(investmap_process), ratio(peer_simplify, investmap_process)),
    ("whole process (peer: read, dissolve and project first, " + s(peer_before) + ")",
     s(peer_process), s(investmap_process), ratio(peer_process, investmap_process)),
    ("peak RSS", f"{peer_rss:,.0f} MiB", f"{investmap_rss:,.0f} MiB", ""),
    ("vertices out (exported, ring-closing points included)", f"{p['vertices']:,}", f"{i['vertices']:,}",
     ratio(p["vertices"], i["vertices"])),
    ("parts out", f"{p['parts']:,}", f"{i['parts']:,}", ""),
    ("largest Hausdorff distance of a unit to its source", metres(p["hausdorff_m"]["max"]),
     metres(i["hausdorff_m"]["max"]), ""),
    ("… worst unit", p["hausdorff_m"]["worst_unit"] or "—", i["hausdorff_m"]["worst_unit"] or "—", ""),
    ("… 99th percentile / median of units", f"{metres(p['hausdorff_m']['p99'])} / {metres(p['hausdorff_m']['median'])}",
     f"{metres(i['hausdorff_m']['p99'])} / {metres(i['hausdorff_m']['median'])}", ""),
    ("`coverage_is_valid` as simplified (peer: projected, full precision)", yes(peer["coverage_valid"]), "—", ""),
    ("`coverage_is_valid` of the export (lon/lat, 6 decimals)", validity(p), validity(i), ""),
    ("units present and valid in the export", units(p), units(i), ""),
    ("union vs full-resolution union: symmetric difference", union(p), union(i), ""),
]
table = [f"| {level} | shapely.coverage_simplify | investmap | shapely / investmap |",
         "|---|---:|---:|---:|"]
table += ["| " + " | ".join(r) + " |" for r in rows]
versions = p["versions"]

print(f"""### Simplify: the N03 units at {level}, gap-free

`{data_file}`: {peer['units']:,} units, {peer['vertices']['in']:,} vertices, simplified at a ground tolerance of
{float(tolerance):g} m in an Albers equal-area projection for Japan (`{peer['projection']}`).
Measured {datetime.date.today().isoformat()} on {machine}; {runs} run{"s" if runs > 1 else ""} each, interleaved; median time, largest peak RSS.
Peer: `shapely.coverage_simplify(units, {float(tolerance):g})` (GEOS CoverageSimplifier, Visvalingam–Whyatt) on the
units dissolved by `N03_007` and projected; its time is the call alone. investmap: one whole
`investmap simplify --levels {level}` process on a freshly imported store (read, topology, simplify,
write). Both results are exported in lon/lat with 6 decimals (the peer's by `simplify_peer.py
--write-geojson`, investmap's by `investmap export --unit ward`) and measured by the same
`check_coverage.py` against the full-resolution units: discrete Hausdorff distance per unit in the
projection, `shapely.coverage_is_valid`, `shapely.is_valid`.

{chr(10).join(table)}

Versions: {investmap_version}; shapely {versions['shapely']} (GEOS {versions['geos']}), GeoPandas {versions['geopandas']},
pyproj {versions['pyproj']} (PROJ {versions['proj']}), pyogrio {versions['pyogrio']} (GDAL {versions['gdal']}), Python {versions['python']}.

investmap's own summary (last run): `{claimed or "no line for level " + level}`""")
PY
}
