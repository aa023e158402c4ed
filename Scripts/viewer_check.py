#!/usr/bin/env python3
"""Checks investmap's web viewer on a tile pyramid in headless Chromium.

Usage: viewer_check.py PYRAMID_DIR [--chromium PATH] [--out PNG] [--view ZOOM/LAT/LON]
       viewer_check.py --url PAGE_URL [--chromium PATH] [--out PNG] [--view ZOOM/LAT/LON]

PYRAMID_DIR holds tiles.json, the tiles and the viewer (index.html, viewer.js, ...); the script
serves it over HTTP on a free local port. With --url it checks a page already served (e.g. `/` of
`investmap serve`), reading tiles.json and viewer.js from where the page's <base> (or its own
address) points. Then it runs Chromium headless:
  * with --dump-dom, for the fitted view and for a fixed view: the page must reach
    data-state="ready" with data-errors="0", and the attribution of tiles.json must be on the page;
  * with --screenshot, for the fixed view with the point layers hidden (?hide=projects,sites): the
    PNG is decoded here (zlib + struct only) and the pixels at land points (found with Web Mercator
    math from the view and the screenshot size) must be close to a legend colour, and those at sea
    points must be the viewer's background colour (read from viewer.js).
Nothing is taken from the page about pixels. Exit status 0 when every check passes, 1 otherwise.
"""

import argparse
import functools
import html
import http.server
import json
import math
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import zlib

DEFAULT_VIEW = "5/37.5/137.5"
WINDOW = (1200, 900)
# (name, lon, lat): inland points of large cities, and open sea.
LAND_POINTS = [("Tokyo", 139.69, 35.69), ("Sapporo", 141.35, 43.06), ("Osaka", 135.52, 34.69),
               ("Fukuoka", 130.42, 33.59), ("Sendai", 140.87, 38.27)]
SEA_POINTS = [("Pacific south of Shikoku", 135.0, 30.0), ("Pacific east of Kanto", 145.0, 36.0),
              ("Sea of Japan", 133.0, 40.0)]
LEGEND_TOLERANCE = 12   # per channel, for a land pixel to match a legend colour
SEA_TOLERANCE = 3       # per channel, for a sea pixel to match the background


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the server's access log would drown the report
        pass


def serve(folder):
    """Starts an HTTP server for `folder` on a free port in a thread; returns (server, port)."""
    handler = functools.partial(QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def run_chromium(chromium, profile, url, mode):
    """Runs headless Chromium once on `url`; mode is ["--dump-dom"] or ["--screenshot=PATH"]."""
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               f"--window-size={WINDOW[0]},{WINDOW[1]}", "--virtual-time-budget=20000",
               "--force-device-scale-factor=1", "--no-first-run", "--no-default-browser-check",
               f"--user-data-dir={profile}", *mode, url]
    result = subprocess.run(command, capture_output=True, timeout=180)
    return result.returncode, result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace")


def decode_png(data):
    """Decodes an 8-bit, non-interlaced PNG (grey, RGB, grey+alpha or RGBA) → (width, height, rows of RGB tuples)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    position, idat, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour_type, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour_type)
    if depth != 8 or channels is None or interlace != 0:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour_type}, interlace {interlace}")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    previous = bytearray(stride)
    rows = []
    for y in range(height):
        start = y * (stride + 1)
        filter_type = raw[start]
        line = bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if filter_type == 1:
                line[i] = (line[i] + left) & 0xFF
            elif filter_type == 2:
                line[i] = (line[i] + up) & 0xFF
            elif filter_type == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif filter_type == 4:
                estimate = left + up - up_left
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - up_left)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
                line[i] = (line[i] + predictor) & 0xFF
            elif filter_type != 0:
                raise ValueError(f"bad PNG filter type {filter_type} on row {y}")
        previous = line
        if channels >= 3:
            rows.append([tuple(line[x * channels:x * channels + 3]) for x in range(width)])
        else:
            rows.append([(line[x * channels],) * 3 for x in range(width)])
    return width, height, rows


def hex_colour(text):
    text = text.lstrip("#")
    return tuple(int(text[i:i + 2], 16) for i in (0, 2, 4))


def close(a, b, tolerance):
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def pixel_of(lon, lat, view, width, height):
    """Screen pixel of (lon, lat) for a view "zoom/lat/lon" centred in a width × height window."""
    zoom, centre_lat, centre_lon = (float(part) for part in view.split("/"))

    def world(lo, la):
        s = math.sin(math.radians(la))
        return (lo + 180) / 360, 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)

    size = 256 * 2 ** zoom
    x, y = world(lon, lat)
    cx, cy = world(centre_lon, centre_lat)
    return round(width / 2 + (x - cx) * size), round(height / 2 + (y - cy) * size)


def neighbourhood(rows, x, y):
    return [rows[j][i] for j in range(y - 1, y + 2) for i in range(x - 1, x + 2)
            if 0 <= j < len(rows) and 0 <= i < len(rows[0])]


def check_dom(dom, attribution, label, failures):
    body = re.search(r"<body([^>]*)>", dom)
    attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', body.group(1))) if body else {}
    state, errors = attributes.get("data-state"), attributes.get("data-errors")
    if state != "ready":
        failures.append(f"{label}: data-state is {state!r}, not 'ready'")
    if errors != "0":
        messages = re.search(r'<pre id="errors"[^>]*>(.*?)</pre>', dom, re.S)
        failures.append(f"{label}: data-errors is {errors!r}: {html.unescape(messages.group(1)) if messages else ''}")
    if attribution and html.escape(attribution, quote=False) not in dom and attribution not in dom:
        failures.append(f"{label}: the attribution of tiles.json is not on the page")
    return state, errors


def main():
    parser = argparse.ArgumentParser(description="Checks the investmap web viewer in headless Chromium.")
    parser.add_argument("pyramid", nargs="?", help="folder with tiles.json, the tiles and the viewer files")
    parser.add_argument("--url", help="the address of a viewer page already served (instead of PYRAMID_DIR)")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--out", help="where to keep the screenshot (default: a temporary file)")
    parser.add_argument("--view", default=DEFAULT_VIEW, help=f"fixed view zoom/lat/lon (default {DEFAULT_VIEW})")
    options = parser.parse_args()

    failures = []
    if (options.pyramid is None) == (options.url is None):
        print("FAIL give PYRAMID_DIR or --url PAGE_URL (one of them)")
        return 1
    if not (os.path.isfile(options.chromium) and os.access(options.chromium, os.X_OK)):
        failures.append(f"chromium is missing: {options.chromium}")
    if options.pyramid:
        pyramid = os.path.abspath(options.pyramid)
        for name in ("tiles.json", "index.html", "viewer.js"):
            if not os.path.isfile(os.path.join(pyramid, name)):
                failures.append(f"{name} is missing in {pyramid}")
    if failures:
        print("\n".join(f"FAIL {f}" for f in failures))
        return 1

    if options.pyramid:
        with open(os.path.join(pyramid, "tiles.json"), encoding="utf-8") as f:
            tilejson = json.load(f)
        with open(os.path.join(pyramid, "viewer.js"), encoding="utf-8") as f:
            script = f.read()
    else:
        try:
            page = urllib.request.urlopen(options.url, timeout=30).read().decode("utf-8")
            found = re.search(r'<base href="([^"]+)"', page)
            folder = urllib.parse.urljoin(options.url, found.group(1) if found else ".")
            tilejson = json.loads(urllib.request.urlopen(urllib.parse.urljoin(folder, "tiles.json"), timeout=60).read())
            script = urllib.request.urlopen(urllib.parse.urljoin(folder, "viewer.js"), timeout=30).read().decode("utf-8")
        except (OSError, ValueError) as error:
            print(f"FAIL cannot read the served viewer at {options.url}: {error}")
            return 1
    attribution = tilejson.get("attribution", "")
    legend_colours = sorted({hex_colour(c["color"]) for layer in tilejson.get("investmap_legend", {}).values()
                             for c in layer.get("classes", [])})
    sea = re.search(r"SEA_COLOUR\s*=\s*'(#[0-9a-fA-F]{6})'", script)
    if not legend_colours:
        failures.append("tiles.json has no investmap_legend colours")
    if not sea:
        failures.append("viewer.js defines no SEA_COLOUR = '#rrggbb'")
    if failures:
        print("\n".join(f"FAIL {f}" for f in failures))
        return 1
    background = hex_colour(sea.group(1))

    started = time.monotonic()
    server = None
    if options.pyramid:
        server, port = serve(pyramid)
        base = f"http://127.0.0.1:{port}/index.html"
    else:
        base = options.url
    work = tempfile.mkdtemp(prefix="viewer-check-")
    screenshot = os.path.abspath(options.out) if options.out else os.path.join(work, "viewer.png")
    try:
        # 1. The page loads and gets ready without errors (fitted view, then the fixed view).
        for label, url in (("fitted view", base), (f"view #{options.view}", f"{base}#{options.view}")):
            status, dom, stderr = run_chromium(options.chromium, os.path.join(work, "profile-dom"), url, ["--dump-dom"])
            if status != 0 or "<body" not in dom:
                failures.append(f"{label}: chromium --dump-dom exited {status}: {stderr[-2000:]}")
                continue
            state, errors = check_dom(dom, attribution, label, failures)
            print(f"{label}: data-state={state} data-errors={errors}")

        # 2. The screenshot of the fixed view, polygons only: land in legend colours, sea blank.
        if os.path.exists(screenshot):
            os.remove(screenshot)
        url = f"{base}?hide=projects,sites#{options.view}"
        status, _, stderr = run_chromium(options.chromium, os.path.join(work, "profile-shot"), url,
                                         [f"--screenshot={screenshot}"])
        if status != 0 or not os.path.isfile(screenshot):
            failures.append(f"chromium --screenshot exited {status}: {stderr[-2000:]}")
        else:
            print(f"screenshot: {screenshot}")
            with open(screenshot, "rb") as f:
                width, height, rows = decode_png(f.read())
            for name, lon, lat in LAND_POINTS:
                x, y = pixel_of(lon, lat, options.view, width, height)
                pixels = neighbourhood(rows, x, y)
                matching = [p for p in pixels if any(close(p, c, LEGEND_TOLERANCE) for c in legend_colours)]
                centre = rows[y][x] if 0 <= y < height and 0 <= x < width else None
                if centre is None or close(centre, background, SEA_TOLERANCE) or len(matching) * 2 <= len(pixels):
                    failures.append(f"land {name} ({lon}, {lat}) at pixel ({x}, {y}): {centre}, "
                                    f"{len(matching)}/{len(pixels)} pixels near a legend colour")
                else:
                    print(f"land {name} at ({x}, {y}): {centre} ok")
            for name, lon, lat in SEA_POINTS:
                x, y = pixel_of(lon, lat, options.view, width, height)
                pixels = neighbourhood(rows, x, y)
                if not pixels or not all(close(p, background, SEA_TOLERANCE) for p in pixels):
                    failures.append(f"sea {name} ({lon}, {lat}) at pixel ({x}, {y}): {pixels[:1]} is not the background {background}")
                else:
                    print(f"sea {name} at ({x}, {y}): background ok")
    finally:
        if server:
            server.shutdown()
            server.server_close()
        shutil.rmtree(os.path.join(work, "profile-dom"), ignore_errors=True)
        shutil.rmtree(os.path.join(work, "profile-shot"), ignore_errors=True)
        if options.out:
            shutil.rmtree(work, ignore_errors=True)

    print(f"took {time.monotonic() - started:.1f} s")
    if failures:
        print("\n".join(f"FAIL {f}" for f in failures))
        return 1
    print("viewer check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
