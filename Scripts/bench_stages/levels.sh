# shellcheck shell=bash
# A stage of Scripts/bench (sourced by it; uses its helpers: timed, copy_store, PEER_PYTHON,
# PEER_DIR, WORK, RUNS, INVESTMAP, machine_description, investmap_version).

# Levels: every default scale of `investmap simplify`, exported (wards, 6 decimals) and checked by
# check_coverage.py against the full-resolution source: validity of every unit and of the
# coverage, vertices, displacement, and how far the union moved. Not a race: the acceptance of
# the simplification is that every scale is a valid coverage.
stage_levels() {
  local dataset edition boundaries level
  dataset=$(manifest_query top default_boundaries)
  edition=$(manifest_query field "$dataset" edition)
  boundaries=$(decompressed "$dataset")
  log "levels: importing $(basename "$boundaries") and building every default scale"
  timed levels-import 1 "$INVESTMAP" import boundaries "$boundaries" --edition "$edition" --db "$WORK/levels.gpkg"
  timed levels-simplify 1 "$INVESTMAP" simplify --db "$WORK/levels.gpkg"
  : >"$WORK/levels.list"
  for level in $(sed -n 's/^level \([^:]*\):.*/\1/p' "$WORK/levels-simplify.1.out"); do
    log "levels: checking $level"
    timed "levels-export-$level" 1 "$INVESTMAP" export --db "$WORK/levels.gpkg" --level "$level" --unit ward \
      --format geojson --out "$WORK/levels-$level.geojson"
    timed "levels-check-$level" 1 "${PEER_PYTHON[@]}" "$PEER_DIR/check_coverage.py" "$WORK/levels-$level.geojson" "$boundaries"
    rm -f "$WORK/levels-$level.geojson"
    printf '%s\n' "$level" >>"$WORK/levels.list"
  done
  python3 - "$WORK" "$(basename "$boundaries")" "$(machine_description)" "$(investmap_version)" <<'PY'
import datetime, json, re, sys
work, data_file, machine, investmap_version = sys.argv[1:]
simplify = open(f"{work}/levels-simplify.1.out").read() + open(f"{work}/levels-simplify.1.err").read()
rows = ["| scale | tolerance | vertices | units valid | coverage valid | largest Hausdorff (worst unit) | union: symmetric difference (mean width) | holes source / export | vertices moved apart |",
        "|---|---:|---:|---:|---|---|---|---:|---:|"]
all_ok = True
for level in open(f"{work}/levels.list").read().split():
    c = json.load(open(f"{work}/levels-check-{level}.1.out"))
    line = next(l for l in simplify.splitlines() if l.startswith(f"level {level}:"))
    tolerance = re.search(r"tolerance ([0-9.]+ m)", line).group(1)
    moved = re.search(rf"^  {re.escape(level)}: (\d+) vertices moved", simplify, re.M)
    u = c["union"]
    all_ok &= c["ok"]
    rows.append(f"| {level} | {tolerance} | {c['vertices']:,} | {c['units_valid']:,} of {c['units']['source']:,}"
                + (f" (invalid: {', '.join(i.split(':')[0] for i in c['invalid_units'][:5])})" if c["invalid_units"] else "")
                + f" | {'yes' if c['coverage_valid'] else '**no**'} | {c['hausdorff_m']['max']:,.1f} m ({c['hausdorff_m']['worst_unit']})"
                + f" | {u['symmetric_difference_km2']:,.1f} km² ({u['symmetric_difference_relative'] * 100:.2f} %, {u['mean_width_m']:.0f} m)"
                + f" | {u['holes']['source']} / {u['holes']['exported']} | {moved.group(1) if moved else '—'} |")
print(f"""### Every simplified scale, checked

`{data_file}` imported, then `investmap simplify` (all default scales, Visvalingam–Whyatt); each scale
exported with `investmap export --unit ward` (RFC 7946, 6 decimals) and checked by `check_coverage.py`
(shapely {c['versions']['shapely']}, GEOS {c['versions']['geos']}) against the full-resolution units.
Measured {datetime.date.today().isoformat()} on {machine}; {investmap_version}. All scales valid: {'yes' if all_ok else '**no**'}.
"Mean width" is the symmetric difference divided by the source outline's length: how far, on average,
the simplified coast and borders lie from the source; "vertices moved apart" counts the source
near-touches (closer than 1.5 µ°) that the export grid would have closed, moved apart by < 0.2 m.

{chr(10).join(rows)}""")
PY
}
