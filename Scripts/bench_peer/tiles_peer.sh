#!/usr/bin/env bash
# Peer for the tiles benchmark: GDAL's MVT driver writes the tile pyramid of one polygon layer.
#
# Usage: tiles_peer.sh STORE LAYER OUT_DIR MINZOOM MAXZOOM
#
# Runs `ogr2ogr -f MVT OUT_DIR STORE LAYER -nln municipalities -select code,name
#   -dsco MINZOOM=MINZOOM -dsco MAXZOOM=MAXZOOM`: Mapbox Vector Tiles, OUT_DIR/{z}/{x}/{y}.pbf,
# gzip'd (the driver's default COMPRESS=YES), extent 4096, the driver's default buffer, Web
# Mercator; GDAL reprojects, clips and quantises each geometry to the tile grid itself. The
# layer is written as "municipalities" with the attributes code and name only (what a map needs,
# as investmap's tiles carry). OUT_DIR must not exist (the MVT driver refuses an existing one).
# Prints nothing on success; the caller times the whole process.
set -euo pipefail
[ $# -eq 5 ] || { sed -n '4p' "${BASH_SOURCE[0]}" | sed 's/^# //' >&2; exit 2; }
store=$1 layer=$2 out=$3 minzoom=$4 maxzoom=$5
[ -f "$store" ] || { printf 'error: %s: not found\n' "$store" >&2; exit 2; }
[ ! -e "$out" ] || { printf 'error: %s: already exists\n' "$out" >&2; exit 2; }
exec ogr2ogr -f MVT "$out" "$store" "$layer" -nln municipalities -select code,name \
  -dsco MINZOOM="$minzoom" -dsco MAXZOOM="$maxzoom"
