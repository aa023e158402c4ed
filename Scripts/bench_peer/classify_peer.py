#!/usr/bin/env python3
"""Peer for the classify benchmark: mapclassify on the same values as `investmap classify`.

Usage: classify_peer.py VALUES_FILE [--k 7] [--method fisher-jenks] [--breaks 1,2,3]
                        [--column NAME] [--zero-class] [--repeat 3]
       classify_peer.py --sample N [--seed S] [...]   (the test sample, see below)

VALUES_FILE holds one value per line, or is a CSV with a header (a line with a comma), whose
column NAME (default: the last one) is read, e.g. the output of `investmap stats --format csv`.
Empty cells, "nan" and "–" are no data and are left out, as `investmap classify` leaves them
out; with --zero-class zeros are left out too (investmap draws them as a class of their own).
The order of the values is kept (HeadTailBreaks' means depend on it, to the last bit).

The classifier call alone (mapclassify.FisherJenks(values, k=K), …) is timed with a monotonic
clock, --repeat times; "seconds" is the median. Without numba installed, mapclassify's
FisherJenks runs its pure-Python loop ("numba" is null in "versions" then).

--sample N --seed S classifies instead the pseudo-random lognormal sample that investmap's
tests (Tests/CartographyTests/ClassificationSample.swift) generate the same way: a 64-bit
LCG (Knuth's MMIX constants), a normal deviate as the sum of 12 uniforms minus 6, exp(2z)
approximated by (1 + 2z/1024)^1024 (ten squarings: no libm call, so identical in any
language), times 1e9 and floored; every 10th value repeats an earlier one (ties).

--check-optimal (Fisher-Jenks only, untimed) also computes the optimal partition in double
precision (a vectorised O(n²·k) dynamic programme over prefix sums) and reports it beside
mapclassify's, whose sums are single precision: "optimal": {"bins", "ssd", "ssd_of_bins",
"same_bins"}, the sums of squared deviations from the class means, each computed directly.

Prints one JSON object on stdout: {"bins": [...], "counts": [...], "seconds": s, "n": n,
"method": ..., "k": ..., "versions": {...}}.
"""
import argparse
import csv
import json
import math
import platform
import statistics
import sys
import time
import warnings

import mapclassify
import numpy

METHODS = ("quantiles", "equal-interval", "fisher-jenks", "head-tail", "manual")
MASK64 = (1 << 64) - 1


def lcg_sample(count: int, seed: int) -> list[float]:
    """The tests' sample: see the module docstring (ClassificationSample.swift is its twin)."""
    state = seed & MASK64

    def uniform() -> float:
        nonlocal state
        state = (state * 6364136223846793005 + 1442695040888963407) & MASK64
        return (state >> 11) * 2.0 ** -53

    values: list[float] = []
    for i in range(count):
        z = 0.0
        for _ in range(12):
            z += uniform()
        z -= 6.0
        e = 1.0 + 2.0 * z / 1024.0
        for _ in range(10):
            e = e * e
        value = float(math.floor(1e9 * e))
        values.append(values[i // 2] if i % 10 == 9 else value)
    return values


def read_values(path: str, column: str | None) -> list[float]:
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    if not lines:
        sys.exit(f"error: {path}: no value")
    if "," in lines[0]:
        rows = list(csv.reader(lines))
        header, body = rows[0], rows[1:]
        name = column or header[-1]
        if name not in header:
            sys.exit(f"error: {path}: no column {name!r} (columns: {', '.join(header)})")
        index = header.index(name)
        cells = [(n + 2, row[index] if index < len(row) else "") for n, row in enumerate(body)]
    else:
        cells = [(n + 1, line) for n, line in enumerate(lines)]
    values = []
    for line, cell in cells:
        cell = cell.strip()
        if cell in ("", "–", "-") or cell.lower() == "nan":
            continue
        try:
            values.append(float(cell))
        except ValueError:
            sys.exit(f"error: {path}, line {line}: not a number: {cell!r}")
    return values


def classifier(method: str, values, k: int, breaks):
    if method == "quantiles":
        return mapclassify.Quantiles(values, k=k)
    if method == "equal-interval":
        return mapclassify.EqualInterval(values, k=k)
    if method == "fisher-jenks":
        return mapclassify.FisherJenks(values, k=k)
    if method == "head-tail":
        return mapclassify.HeadTailBreaks(values)
    return mapclassify.UserDefined(values, breaks)


def within_class_ssd(sorted_values, bins) -> float:
    """Sum over classes of the squared deviations from the class mean (two-pass, float64)."""
    ids = numpy.searchsorted(numpy.asarray(bins), sorted_values, side="left")
    ids = numpy.minimum(ids, len(bins) - 1)
    total = 0.0
    for c in range(len(bins)):
        group = sorted_values[ids == c]
        if len(group):
            total += float(((group - group.mean()) ** 2).sum())
    return total


def optimal_partition(values, k: int) -> list[float]:
    """Upper bounds of the k classes minimising the within-class sum of squares (float64)."""
    x = numpy.sort(numpy.asarray(values, dtype="f8"))
    n = len(x)
    shift = x.mean()  # centred sums: less cancellation in sum² − (sum)²/count
    centred = x - shift
    s1 = numpy.concatenate([[0.0], numpy.cumsum(centred)])
    s2 = numpy.concatenate([[0.0], numpy.cumsum(centred * centred)])
    cost = numpy.full((k + 1, n + 1), numpy.inf)
    start = numpy.zeros((k + 1, n + 1), dtype=int)
    cost[0, 0] = 0.0
    for c in range(1, k + 1):
        for j in range(c, n + 1):
            i = numpy.arange(c - 1, j)
            count = j - i
            sums = s1[j] - s1[i]
            candidates = cost[c - 1, i] + (s2[j] - s2[i]) - sums * sums / count
            best = int(numpy.argmin(candidates))
            cost[c, j] = candidates[best]
            start[c, j] = i[best]
    bins, j = [], n
    for c in range(k, 0, -1):
        bins.append(float(x[j - 1]))
        j = start[c, j]
    return bins[::-1]


def versions() -> dict:
    try:
        import numba
        numba_version = numba.__version__
    except ImportError:
        numba_version = None
    return {"mapclassify": mapclassify.__version__, "numpy": numpy.__version__, "numba": numba_version,
            "python": platform.python_version()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("values_file", nargs="?")
    parser.add_argument("--sample", type=int, metavar="N", help="classify the tests' LCG sample of N values")
    parser.add_argument("--seed", type=int, default=42, help="seed of --sample (default 42)")
    parser.add_argument("--k", type=int, default=5, help="number of classes (default 5)")
    parser.add_argument("--method", choices=METHODS, default="fisher-jenks")
    parser.add_argument("--breaks", help="upper bounds for --method manual, comma-separated")
    parser.add_argument("--column", help="CSV column to read (default: the last one)")
    parser.add_argument("--zero-class", action="store_true", help="leave zeros out (their own class)")
    parser.add_argument("--repeat", type=int, default=3, help="timed calls; the median is reported (default 3)")
    parser.add_argument("--check-optimal", action="store_true",
                        help="also compute the exact optimum in double precision (fisher-jenks; untimed)")
    args = parser.parse_args()
    if (args.values_file is None) == (args.sample is None):
        parser.error("give either VALUES_FILE or --sample N")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    breaks = None
    if args.method == "manual":
        if not args.breaks:
            parser.error("--method manual needs --breaks")
        breaks = [float(b) for b in args.breaks.split(",")]

    values = lcg_sample(args.sample, args.seed) if args.sample is not None else read_values(args.values_file, args.column)
    zeros = sum(1 for v in values if v == 0)
    if args.zero_class:
        values = [v for v in values if v != 0]
    array = numpy.array(values, dtype="f8")

    seconds = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Numba not installed. Using slow pure python version."
        for _ in range(args.repeat):
            started = time.perf_counter()
            result = classifier(args.method, array, args.k, breaks)
            seconds.append(time.perf_counter() - started)

    report_optimal = None
    if args.check_optimal and args.method == "fisher-jenks":
        bins = [float(b) for b in result.bins]
        optimal = optimal_partition(values, args.k)
        ordered = numpy.sort(array)
        report_optimal = {"bins": optimal, "ssd": within_class_ssd(ordered, optimal),
                          "ssd_of_bins": within_class_ssd(ordered, bins), "same_bins": optimal == bins}

    print(json.dumps({
        "bins": [float(b) for b in result.bins],
        "counts": [int(c) for c in result.counts],
        "seconds": statistics.median(seconds),
        "n": len(values),
        "zero": zeros if args.zero_class else None,
        "method": args.method,
        "k": int(result.k),
        "optimal": report_optimal,
        "versions": versions(),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
