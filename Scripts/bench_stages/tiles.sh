# shellcheck shell=bash
# A stage of Scripts/bench (sourced by it; uses its helpers: timed, copy_store, PEER_PYTHON,
# PEER_DIR, WORK, RUNS, INVESTMAP, REPO_ROOT, machine_description, investmap_version).

# Tiles: the web map's tile pyramid of the N03 units, zooms 4-10. investmap: `investmap simplify
# --levels z4,…,z10` (the gap-free tile scales) on a freshly imported store, then `investmap tiles
# --minzoom 4 --maxzoom 10` (JSON tiles); both timed, so "simplify + tiles" is given too. Peer:
# GDAL's `ogr2ogr -f MVT` (gzip'd Mapbox Vector Tiles, which quantise and clip themselves) on the
# same GeoPackage (Scripts/bench_peer/tiles_peer.sh), twice: the full-resolution `wards` layer (the like-for-like input; about two
# minutes a run, so it runs TILES_GDAL_FULL_RUNS times, default 1, not RUNS times) and the
# already simplified `wards_z10` layer (fairer to GDAL: the simplification is done for it). Sizes:
# tile counts and bytes of both pyramids (investmap's JSON gzip'd by `tiles --gzip`, timed apart,
# when the binary has the option, and gzip'd here in Python, level 6, the zlib default GDAL uses;
# GDAL's pbf also gunzipped). After the timed runs,
# Scripts/bench_peer/check_tiles.py checks investmap's last pyramid against the store, untimed:
# membership of every tile and gaps against the full-resolution land, zooms 4-10.
stage_tiles() {
  local dataset edition boundaries run full_runs zooms levels gzip_option check_status=0
  # investmap finds GeoData/ beside its binary or the working folder; INVESTMAP_BIN may be elsewhere.
  local -x INVESTMAP_GEODATA=${INVESTMAP_GEODATA:-$REPO_ROOT/GeoData}
  dataset=$(manifest_query top default_boundaries)
  edition=$(manifest_query field "$dataset" edition)
  boundaries=$(decompressed "$dataset")
  full_runs=${TILES_GDAL_FULL_RUNS:-1}
  [[ "$full_runs" =~ ^[0-9]+$ ]] || die "TILES_GDAL_FULL_RUNS must be a number, got: $full_runs"
  [ "$full_runs" -le "$RUNS" ] || full_runs=$RUNS
  zooms=(4 5 6 7 8 9 10)
  # `tiles --gzip` also writes {y}.json.gz beside each tile: timed apart, its bytes reported.
  gzip_option=false
  if "$INVESTMAP" tiles --help 2>/dev/null | grep -q -- '--gzip'; then gzip_option=true; fi
  levels=$(printf 'z%s,' "${zooms[@]}")
  levels=${levels%,}

  log "tiles: importing $(basename "$boundaries") and the sample ledger into a fresh store"
  timed tiles-import 1 "$INVESTMAP" import boundaries "$boundaries" --edition "$edition" --db "$WORK/tiles-imported.gpkg"
  "$INVESTMAP" edition create bench --note "fictional sample data" --db "$WORK/tiles-imported.gpkg" >/dev/null
  timed tiles-ledger 1 "$INVESTMAP" import investments "$REPO_ROOT/GeoData/sample_investments.csv" \
    --edition bench --db "$WORK/tiles-imported.gpkg"

  for run in $(seq 1 "$RUNS"); do
    log "tiles, run $run/$RUNS: investmap simplify --levels $levels"
    # Every run starts from the same freshly imported store.
    copy_store "$WORK/tiles-imported.gpkg" "$WORK/tiles.gpkg"
    timed tiles-simplify "$run" "$INVESTMAP" simplify --levels "$levels" --db "$WORK/tiles.gpkg"
    log "tiles, run $run/$RUNS: ogr2ogr -f MVT on wards_z10"
    rm -rf "$WORK/tiles-gdal-z10"
    timed tiles-gdal-z10 "$run" "$PEER_DIR/tiles_peer.sh" "$WORK/tiles.gpkg" wards_z10 "$WORK/tiles-gdal-z10" \
      "${zooms[0]}" "${zooms[-1]}"
    if [ "$run" -le "$full_runs" ]; then
      log "tiles, run $run/$RUNS: ogr2ogr -f MVT on the full-resolution wards (about two minutes)"
      rm -rf "$WORK/tiles-gdal-full"
      timed tiles-gdal-full "$run" "$PEER_DIR/tiles_peer.sh" "$WORK/tiles.gpkg" wards "$WORK/tiles-gdal-full" \
        "${zooms[0]}" "${zooms[-1]}"
    fi
    log "tiles, run $run/$RUNS: investmap tiles --minzoom ${zooms[0]} --maxzoom ${zooms[-1]}"
    rm -rf "$WORK/tiles-investmap"
    timed tiles-investmap "$run" "$INVESTMAP" tiles --edition bench --minzoom "${zooms[0]}" --maxzoom "${zooms[-1]}" \
      --out "$WORK/tiles-investmap" --db "$WORK/tiles.gpkg"
    if $gzip_option; then
      log "tiles, run $run/$RUNS: investmap tiles --gzip"
      rm -rf "$WORK/tiles-investmap-gzip"
      timed tiles-investmap-gzip "$run" "$INVESTMAP" tiles --edition bench --minzoom "${zooms[0]}" --maxzoom "${zooms[-1]}" \
        --gzip --out "$WORK/tiles-investmap-gzip" --db "$WORK/tiles.gpkg"
    fi
  done

  log "tiles: checking investmap's pyramid against the store (membership, gaps; zooms ${zooms[0]}-${zooms[-1]})"
  "${PEER_PYTHON[@]}" "$PEER_DIR/check_tiles.py" "$WORK/tiles.gpkg" "$WORK/tiles-investmap" \
    --zooms "${zooms[0]}-${zooms[-1]}" >"$WORK/tiles-check.json" 2>"$WORK/tiles-check.err" || check_status=$?
  # 1: a check failed (reported in the section); anything else: the checker itself failed.
  if [ "$check_status" -gt 1 ]; then
    tail -n 20 "$WORK/tiles-check.err" >&2
    die "check_tiles.py failed (status $check_status)"
  fi

  python3 - "$WORK" "$RUNS" "$full_runs" "$(basename "$boundaries")" "$(machine_description)" "$(investmap_version)" \
    "$(ogr2ogr --version)" <<'PY'
import datetime, gzip, json, os, statistics, sys
work, runs, full_runs, data_file, machine, investmap_version, gdal_version = sys.argv[1:]
runs, full_runs = int(runs), int(full_runs)

def timings(name, count=runs):
    rows = [open(f"{work}/{name}.{r}.time").read().split() for r in range(1, count + 1)]
    return statistics.median(float(s) for s, _ in rows), max(int(k) for _, k in rows) / 1024

def pyramid(folder, suffix):
    """Tiles per zoom, bytes as written, and bytes the other way round (JSON gzip'd here, level 6 /
    pbf gunzipped); with suffix .json.gz the gzip'd tiles investmap wrote and their JSON."""
    per_zoom, written, other = {}, 0, 0
    for zoom in sorted(os.listdir(folder), key=lambda z: int(z) if z.isdigit() else -1):
        if not zoom.isdigit():
            continue
        for column in os.listdir(f"{folder}/{zoom}"):
            for name in os.listdir(f"{folder}/{zoom}/{column}"):
                if not name.endswith(suffix):
                    continue
                data = open(f"{folder}/{zoom}/{column}/{name}", "rb").read()
                per_zoom[int(zoom)] = per_zoom.get(int(zoom), 0) + 1
                written += len(data)
                if suffix == ".json":
                    other += len(gzip.compress(data, compresslevel=6, mtime=0))
                elif suffix == ".json.gz":
                    other += len(gzip.decompress(data))
                else:
                    other += len(gzip.decompress(data)) if data[:2] == b"\x1f\x8b" else len(data)
    return per_zoom, written, other

simplify, simplify_rss = timings("tiles-simplify")
tiles, tiles_rss = timings("tiles-investmap")
gdal_z10, gdal_z10_rss = timings("tiles-gdal-z10")
gdal_full, gdal_full_rss = timings("tiles-gdal-full", full_runs) if full_runs else (None, None)
ours = pyramid(f"{work}/tiles-investmap", ".json")
gzip_run = os.path.isdir(f"{work}/tiles-investmap-gzip")
ours_gzip = pyramid(f"{work}/tiles-investmap-gzip", ".json.gz") if gzip_run else None
tiles_gzip = timings("tiles-investmap-gzip")[0] if gzip_run else None
theirs_z10 = pyramid(f"{work}/tiles-gdal-z10", ".pbf")
theirs_full = pyramid(f"{work}/tiles-gdal-full", ".pbf") if full_runs else None
check = json.load(open(f"{work}/tiles-check.json"))
# investmap's tiles may carry more layers than the polygons (projects, sites): their share of the JSON.
layer_bytes = {}
for root, _, names in os.walk(f"{work}/tiles-investmap"):
    for name in names:
        if name.endswith(".json") and name[:-5].isdigit():
            for layer, content in json.load(open(f"{root}/{name}", encoding="utf-8"))["layers"].items():
                size = len(json.dumps({layer: content}, ensure_ascii=False, separators=(",", ":")).encode())
                layer_bytes[layer] = layer_bytes.get(layer, 0) + size
other_layers = {k: v for k, v in layer_bytes.items() if k not in ("prefectures", "municipalities")}
investmap_output = (open(f"{work}/tiles-investmap.{runs}.out").read() + open(f"{work}/tiles-investmap.{runs}.err").read()).strip().splitlines()

def s(x): return "—" if x is None else f"{x:.2f} s" if x < 10 else f"{x:.1f} s"
def ratio(a, b): return "—" if a is None or not b else f"{a / b:,.0f}×" if a / b >= 10 else f"{a / b:.2f}×"
def mb(n): return f"{n / 1e6:.2f} MB"
def count(p): return f"{sum(p[0].values()):,}"
def yes(flag): return "yes" if flag else "**no**"

rows = ["| zooms 4–10 | investmap | ogr2ogr -f MVT, full-resolution `wards` | ogr2ogr -f MVT, `wards_z10` |", "|---|---:|---:|---:|",
        f"| **tiles** (investmap: `tiles`; GDAL: the whole `ogr2ogr` process) | {s(tiles)} | {s(gdal_full)} | {s(gdal_z10)} |",
        f"| GDAL / investmap `tiles` | | {ratio(gdal_full, tiles)} | {ratio(gdal_z10, tiles)} |",
        f"| `simplify --levels z4,…,z10` | {s(simplify)} | (its own quantisation) | (done by investmap) |",
        f"| **simplify + tiles** | {s(simplify + tiles)} | {s(gdal_full)} | {s(gdal_z10)} |",
        f"| GDAL / investmap simplify + tiles | | {ratio(gdal_full, simplify + tiles)} | {ratio(gdal_z10, simplify + tiles)} |",
        f"| peak RSS (investmap: `simplify` / `tiles`) | {simplify_rss:,.0f} / {tiles_rss:,.0f} MiB | {'—' if gdal_full_rss is None else f'{gdal_full_rss:,.0f} MiB'} | {gdal_z10_rss:,.0f} MiB |",
        f"| tiles | {count(ours)} | {'—' if theirs_full is None else count(theirs_full)} | {count(theirs_z10)} |",
        f"| bytes as written (investmap: JSON; GDAL: gzip'd pbf) | {mb(ours[1])} | {'—' if theirs_full is None else mb(theirs_full[1])} | {mb(theirs_z10[1])} |",
        f"| bytes gzip'd (investmap: {'`tiles --gzip`, its .json.gz files' if gzip_run else 'each JSON tile gzip’d here, level 6'}) / raw pbf (GDAL: gunzipped) | {mb(ours_gzip[1] if gzip_run else ours[2])} | {'—' if theirs_full is None else mb(theirs_full[2])} | {mb(theirs_z10[2])} |"]
if gzip_run:
    rows.insert(3, f"| `tiles --gzip` (JSON and .json.gz written) | {s(tiles_gzip)} | | |")
    rows.append(f"| (for reference: each JSON tile gzip'd by Python, level 6) | {mb(ours[2])} | | |")
zoom_rows = ["| zoom | 4 | 5 | 6 | 7 | 8 | 9 | 10 |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
for label, p in (("investmap", ours), ("GDAL, full resolution", theirs_full), ("GDAL, `wards_z10`", theirs_z10)):
    if p is not None:
        zoom_rows.append(f"| {label} | " + " | ".join(f"{p[0].get(z, 0):,}" for z in range(4, 11)) + " |")

check_rows = ["| zoom | layer (scale) | tiles | membership mismatches: missing / slivers under 1 unit² / extra in the buffer only / extra beyond | touch only | land px | uncovered px | beyond 1 px (8-neighbourhood): scale / tile | farther than 1 px: scale / tile | farthest | invalid features | strict / acceptance |",
              "|---:|---|---:|---|---:|---:|---:|---|---|---:|---:|---|"]
for zoom, z in sorted(check["zooms"].items(), key=lambda kv: int(kv[0])):
    a, g, n = z["membership"], z["gaps"], z["geometry"]
    farthest = "—" if g["farthest_units"] is None else f"{g['farthest_units'] / 16:.2f} px"
    missing_files = f" ({a['missing_files']} files missing)" if a["missing_files"] else ""
    check_rows.append(f"| {zoom} | {z['layer']} (`{z['scale']}`) | {a['tiles_checked']:,} | {a['missing_units']} / {a.get('missing_slivers', 0)} / {a['extra_buffer_only']} / {a['extra_beyond_buffer']}{missing_files}"
                      f" | {a['touch_only']} | {g['land_pixels']:,} | {g['uncovered']:,}"
                      f" | {g['beyond_one_pixel']} ({g['beyond_cause_scale']} / {g['beyond_cause_tile']}) | {g['far']} ({g['far_cause_scale']} / {g['far_cause_tile']})"
                      f" | {farthest} | {n['invalid']} of {n['features']:,} | {yes(z['ok'])} / {yes(z['ok_lenient'])} |")
worst = []
for zoom, z in sorted(check["zooms"].items(), key=lambda kv: int(kv[0])):
    for w in z["gaps"]["worst"][:2]:
        if w.get("far"):
            worst.append(f"{w['tile']} ({w['far']} land pixel{'s' if w['far'] != 1 else ''} farther than 1 px, {w['far_cause_scale']} of them missed by the scale too; "
                         f"farthest {w['farthest_pixels']} px; units {', '.join(w['units'][:4])})")
versions = check["versions"]
print(f"""### Tiles: the web map's pyramid of the N03 units, zooms 4–10

`{data_file}` imported into a fresh store with the sample ledger (`GeoData/sample_investments.csv`).
Measured {datetime.date.today().isoformat()} on {machine}; {runs} run{"s" if runs > 1 else ""} each, interleaved
(GDAL on the full-resolution layer: {full_runs} run{"s" if full_runs != 1 else ""}, it takes minutes); median time, largest peak RSS.
investmap: `investmap simplify --levels z4,…,z10` on the freshly imported store, then `investmap tiles --minzoom 4 --maxzoom 10`
(JSON tiles; layer "prefectures" at zooms 4–5, "municipalities" from 6; each zoom drawn from its own gap-free scale).
GDAL: `ogr2ogr -f MVT DIR store.gpkg LAYER -nln municipalities -select code,name -dsco MINZOOM=4 -dsco MAXZOOM=10`
(gzip'd Mapbox Vector Tiles, extent 4096; GDAL clips and quantises to the tile grid itself), on the full-resolution `wards`
(the same input investmap starts from) and on `wards_z10` (already simplified by investmap: fairer to GDAL).

{chr(10).join(rows)}

{"investmap's JSON tiles also carry " + ", ".join(f"the `{k}` layer (about {mb(v)} of the JSON)" for k, v in sorted(other_layers.items())) + "; GDAL's only the units." if other_layers else ""}

Tiles per zoom:

{chr(10).join(zoom_rows)}

investmap's pyramid checked by `Scripts/bench_peer/check_tiles.py` (independent: pyogrio, pyproj, shapely): a) every tile's
codes against the units of the zoom's scale that intersect the tile's square (buffer excluded); b) each tile sampled at 256 × 256
pixel centres against the full-resolution land: land pixels no tile polygon covers, those farther than one pixel from any covered
pixel (8-neighbourhood), and those whose centre lies more than one pixel (16 tile units) from the tile's polygons; each attributed
to the scale (the zoom's simplified scale misses it too) or to the tile (the scale covers it, the tile does not).
The acceptance ("ok" in the last column's second place): every unit intersecting a tile is in it, but for parts under one
square tile unit (they cannot be drawn on the integer grid), and no land pixel's centre lies more than one pixel from the tile's
polygons: {yes(check['ok_lenient'])}. Stricter, also counting land too small to cover a pixel centre in the 8-neighbourhood
test: {yes(check['ok'])}.

{chr(10).join(check_rows)}

{"Worst tiles (farthest uncovered land): " + "; ".join(worst) + "." if worst else "No tile has uncovered land farther than one pixel."}

Versions: {investmap_version}; {gdal_version}; check: shapely {versions['shapely']} (GEOS {versions['geos']}), pyproj {versions['pyproj']}, pyogrio {versions['pyogrio']} (GDAL {versions['gdal']}).

investmap's own summary (last run):

```
{chr(10).join(investmap_output[:20])}
```""")
PY
}
