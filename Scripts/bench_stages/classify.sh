# shellcheck shell=bash
# A stage of Scripts/bench (sourced by it; uses its helpers: timed, manifest_query, decompressed,
# PEER_PYTHON, PEER_DIR, WORK, RUNS, INVESTMAP, REPO_ROOT, machine_description, investmap_version).

# Classify: Fisher–Jenks natural breaks, 7 classes, of the total investment of every N03 unit
# (wards and municipalities), against mapclassify.FisherJenks on the same values. The store holds
# the 1 % simplified N03 units (cheap to import; the values only depend on the join) and an
# edition with the sample ledger (GeoData/sample_investments.csv). The values are written once by
# `investmap stats --format csv` (yen amounts are integers, printed exactly), read by the peer;
# the breaks must be equal to the bit. Times: the peer's FisherJenks call alone and its whole
# process (start Python, import, read the values, one call), investmap's whole `classify` process
# (open the store, compute the statistics, classify, print) and its classification alone
# ("seconds" of `classify --timing`). An untimed last call of the peer checks the breaks against
# the exact optimum computed in double precision (mapclassify's sums are single precision).
stage_classify() {
  local boundaries edition run
  # investmap finds GeoData/ beside its binary or the working folder; INVESTMAP_BIN may be elsewhere.
  local -x INVESTMAP_GEODATA=${INVESTMAP_GEODATA:-$REPO_ROOT/GeoData}
  boundaries=$(decompressed n03_2021_s0010_municipalities)
  edition=$(manifest_query field n03_2021_s0010_municipalities edition)

  log "classify: importing $(basename "$boundaries") and the sample ledger into a fresh store"
  timed classify-import 1 "$INVESTMAP" import boundaries "$boundaries" --edition "$edition" --db "$WORK/classify.gpkg"
  "$INVESTMAP" edition create bench --db "$WORK/classify.gpkg" >/dev/null
  timed classify-ledger 1 "$INVESTMAP" import investments "$REPO_ROOT/GeoData/sample_investments.csv" \
    --edition bench --db "$WORK/classify.gpkg"
  timed classify-values 1 "$INVESTMAP" stats --level ward --metric total_investment --edition bench --format csv \
    --db "$WORK/classify.gpkg"
  cp "$WORK/classify-values.1.out" "$WORK/classify-values.csv"

  for run in $(seq 1 "$RUNS"); do
    log "classify, run $run/$RUNS: mapclassify.FisherJenks"
    timed classify-peer "$run" "${PEER_PYTHON[@]}" "$PEER_DIR/classify_peer.py" "$WORK/classify-values.csv" \
      --column total_investment --method fisher-jenks --k 7 --repeat 1
    log "classify, run $run/$RUNS: investmap"
    timed classify-investmap "$run" "$INVESTMAP" classify --level ward --metric total_investment --edition bench \
      --method fisher-jenks --classes 7 --format json --timing --db "$WORK/classify.gpkg"
  done

  log "classify: the exact optimum in double precision, for reference (untimed)"
  timed classify-optimal 1 "${PEER_PYTHON[@]}" "$PEER_DIR/classify_peer.py" "$WORK/classify-values.csv" \
    --column total_investment --method fisher-jenks --k 7 --repeat 1 --check-optimal

  python3 - "$WORK" "$RUNS" "$(basename "$boundaries")" "$(machine_description)" "$(investmap_version)" <<'PY'
import datetime, json, statistics, sys
work, runs, data_file, machine, investmap_version = sys.argv[1:]
runs = int(runs)

def timings(name):
    rows = [open(f"{work}/{name}.{r}.time").read().split() for r in range(1, runs + 1)]
    return statistics.median(float(s) for s, _ in rows), max(int(k) for _, k in rows) / 1024

peers = [json.load(open(f"{work}/classify-peer.{r}.out")) for r in range(1, runs + 1)]
ours = [json.load(open(f"{work}/classify-investmap.{r}.out")) for r in range(1, runs + 1)]
peer, mine = peers[-1], ours[-1]
peer_call = statistics.median(p["seconds"] for p in peers)
mine_classify = statistics.median(o["seconds"] for o in ours)
peer_process, peer_rss = timings("classify-peer")
mine_process, mine_rss = timings("classify-investmap")
same_breaks = all(p["bins"] == o["breaks"] for p in peers for o in ours)
same_counts = all(p["counts"] == o["counts"] for p in peers for o in ours)
units = sum(mine["counts"]) + mine["no_data"]
optimal = json.load(open(f"{work}/classify-optimal.1.out"))["optimal"]

def s(x): return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"
def ratio(a, b): return "—" if b <= 0 else f"{a / b:,.0f}×" if a / b >= 10 else f"{a / b:.2f}×"
def yen(x): return f"{x:,.0f}"
def yes(flag): return "yes" if flag else "**no**"

rows = ["| | mapclassify.FisherJenks | investmap classify | mapclassify / investmap |", "|---|---:|---:|---:|",
        f"| **classification** (peer: the `FisherJenks(values, k=7)` call; investmap: `Classification.classify`) | {s(peer_call)} | {s(mine_classify)} | {ratio(peer_call, mine_classify)} |",
        f"| whole process (peer: start Python, import mapclassify, read the CSV, classify; investmap: open the store, compute the statistics, classify, print) | {s(peer_process)} | {s(mine_process)} | {ratio(peer_process, mine_process)} |",
        f"| peak RSS | {peer_rss:,.0f} MiB | {mine_rss:,.0f} MiB | |"]
breaks = ["| class | mapclassify bins | investmap breaks | units (both) |", "|---:|---:|---:|---:|"]
for i, (b, o, c) in enumerate(zip(peer["bins"], mine["breaks"], mine["counts"])):
    breaks.append(f"| {i + 1} | {yen(b)} | {yen(o)} | {c:,} |")
optimal_line = ""
if optimal:
    optimal_line = (f"\nAgainst the exact optimum in double precision (`classify_peer.py --check-optimal`): "
                    f"same breaks: {yes(optimal['same_bins'])}; within-class sum of squares {optimal['ssd_of_bins']:.6e} "
                    f"(mapclassify's single-precision DP, and investmap's) vs {optimal['ssd']:.6e} (optimum).")
numba = peer["versions"]["numba"]
print(f"""### Classify: Fisher–Jenks breaks of {units:,} units

The total investment (yen, 総投資額) of every N03 unit of `{data_file}` ({units:,} units, {mine['no_data']} without a value) in an
edition holding `GeoData/sample_investments.csv`, classified into 7 classes by Fisher–Jenks natural breaks.
Measured {datetime.date.today().isoformat()} on {machine}; {runs} run{"s" if runs > 1 else ""} each, interleaved; median time, largest peak RSS.
The peer reads the values that `investmap stats --level ward --metric total_investment --format csv` printed.

Same breaks as mapclassify: {yes(same_breaks)} (compared as doubles, every run); same counts: {yes(same_counts)}.{optimal_line}

{chr(10).join(rows)}

{chr(10).join(breaks)}

Versions: {investmap_version}; mapclassify {peer['versions']['mapclassify']}, numpy {peer['versions']['numpy']}, Python {peer['versions']['python']},
{"numba " + numba if numba else "without numba (mapclassify's FisherJenks runs its pure-Python loop; with numba installed it is compiled)"}.""")
if not (same_breaks and same_counts):
    print("warning: classify: investmap's breaks or counts differ from mapclassify's", file=sys.stderr)
PY
}
