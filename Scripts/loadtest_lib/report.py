"""Turns the results of Scripts/loadtest into its Markdown report and checks the acceptance of
issue 8: zero errors everywhere, investmap's tile throughput at least half of nginx's at each
connection count, p99 under 50 ms at 64 connections (investmap's tiles and locate).

Usage: python3 report.py RESULTS.txt HEADER.md
  RESULTS.txt  one run a line: target=T connections=C followed by the key=value figures that
               cycle_paths.lua prints (requests, duration_s, requests_per_s, errors_*, p50_ms, ...)
  HEADER.md    the lines to print above the table (machine, versions, durations)
Prints the report; exits 1 when a check fails, 2 when the results cannot be read.
"""
import sys

TARGETS = [("nginx-tiles", "nginx tiles"), ("investmap-tiles", "investmap tiles"),
           ("investmap-locate", "investmap `locate`")]
ERROR_KINDS = ["connect", "read", "write", "status", "timeout"]
P99_LIMIT_MS, P99_AT_CONNECTIONS, MIN_TILE_RATIO = 50.0, 64, 0.5


def read_results(path):
    runs = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                fields = dict(item.split("=", 1) for item in line.split())
                key = (fields["target"], int(fields["connections"]))
                run = {k: float(v) for k, v in fields.items() if k != "target"}
            except (KeyError, ValueError) as error:
                print(f"error: {path}:{number}: cannot read the result line ({error}): {line.strip()}", file=sys.stderr)
                sys.exit(2)
            run["errors"] = sum(run.get(f"errors_{kind}", 0) for kind in ERROR_KINDS)
            runs[key] = run
    return runs


def error_text(run):
    if run["errors"] == 0:
        return "0"
    parts = [f"{int(run[f'errors_{kind}'])} {kind}" for kind in ERROR_KINDS if run.get(f"errors_{kind}", 0)]
    return f"**{int(run['errors'])}** ({', '.join(parts)})"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-3])
    runs = read_results(sys.argv[1])
    header = open(sys.argv[2], encoding="utf-8").read().rstrip("\n")
    connection_counts = sorted({c for _, c in runs})
    lines = [header, "",
             "| target | connections | requests/s | p50 ms | p99 ms | max ms | requests | errors |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for connections in connection_counts:
        for target, label in TARGETS:
            run = runs.get((target, connections))
            if run is None:
                continue
            lines.append(f"| {label} | {connections} | {run['requests_per_s']:,.0f} | {run['p50_ms']:.2f} | "
                         f"{run['p99_ms']:.2f} | {run['max_ms']:.1f} | {int(run['requests']):,} | {error_text(run)} |")

    checks = []  # (passed, text)
    ratios = []
    for connections in connection_counts:
        nginx, ours = runs.get(("nginx-tiles", connections)), runs.get(("investmap-tiles", connections))
        if nginx and ours:
            ratio = ours["requests_per_s"] / nginx["requests_per_s"] if nginx["requests_per_s"] else 0.0
            ratios.append(f"{connections} connections: {ratio:.2f}")
            checks.append((ratio >= MIN_TILE_RATIO,
                           f"investmap tile throughput ≥ {MIN_TILE_RATIO} × nginx at {connections} connections: "
                           f"{ours['requests_per_s']:,.0f} / {nginx['requests_per_s']:,.0f} requests/s = {ratio:.2f}"))
    if ratios:
        lines += ["", "investmap / nginx tile throughput: " + "; ".join(ratios) + "."]

    for connections in connection_counts:
        for target, label in TARGETS:
            run = runs.get((target, connections))
            if run is not None:
                checks.append((run["errors"] == 0, f"no errors, {label} at {connections} connections: {error_text(run)}"))
    for target in ("investmap-tiles", "investmap-locate"):
        run = runs.get((target, P99_AT_CONNECTIONS))
        if run is not None:
            checks.append((run["p99_ms"] < P99_LIMIT_MS,
                           f"p99 < {P99_LIMIT_MS:.0f} ms, {dict(TARGETS)[target]} at {P99_AT_CONNECTIONS} connections: "
                           f"{run['p99_ms']:.2f} ms"))

    lines += ["", "Acceptance (issue 8):", ""]
    if not any(t.startswith("investmap") for t, _ in runs):
        lines += ["(investmap not measured, `--nginx-only`: only nginx's errors are checked)", ""]
    lines += [f"- {'PASS' if passed else 'FAIL'}: {text}" for passed, text in checks]
    failed = sum(1 for passed, _ in checks if not passed)
    lines += ["", f"Overall: {'PASS' if failed == 0 else f'FAIL ({failed} of {len(checks)} checks)'}"]
    print("\n".join(lines))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
