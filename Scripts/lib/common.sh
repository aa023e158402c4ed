# shellcheck shell=bash
# Shared helpers for the scripts in Scripts/. Source it; do not run it.
#
# Environment:
#   INVESTMAP_SHARED    folder holding the shared data (default: <repo>/../shared); read only
#   INVESTMAP_CACHE     scratch folder for downloads and decompressed data
#                       (default: ${XDG_CACHE_HOME:-$HOME/.cache}/investmap)
#   INVESTMAP_MANIFEST  data manifest (default: <repo>/GeoData/sources.json)
#   INVESTMAP_BIN       use this investmap binary instead of building one (quickstart, bench)

shopt -s inherit_errexit

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SHARED_DIR=${INVESTMAP_SHARED:-$REPO_ROOT/../shared}
if [ -d "$SHARED_DIR" ]; then SHARED_DIR=$(cd "$SHARED_DIR" && pwd); fi
CACHE_DIR=${INVESTMAP_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/investmap}
MANIFEST=${INVESTMAP_MANIFEST:-$REPO_ROOT/GeoData/sources.json}

# Debian packages the build and the scripts need: GEOS and SQLite headers for the Swift
# targets, the sqlite3 shell and GDAL (ogrinfo) to inspect the GeoPackage and MBTiles, xz to
# unpack the data, GNU time for peak-memory figures.
SYSTEM_PACKAGES=(libgeos-dev libsqlite3-dev sqlite3 gdal-bin xz-utils time)

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Installs the missing ones of SYSTEM_PACKAGES with apt-get; does nothing when all are there.
ensure_system_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    log "not a Debian system: make sure these are installed: ${SYSTEM_PACKAGES[*]}"
    return 0
  fi
  local missing=() package
  for package in "${SYSTEM_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  log "installing system packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# Installs the missing ones of the given pip requirements ("openpyxl==3.1.5") for the user's
# python3; does nothing when each is there at that version. The tests read spreadsheets back
# with openpyxl, the project's reference spreadsheet reader.
ensure_python_packages() {
  local missing=() requirement name version
  for requirement in "$@"; do
    name=${requirement%%==*}
    version=${requirement#*==}
    if [ "$(python3 -c "import importlib.metadata as m; print(m.version('$name'))" 2>/dev/null)" != "$version" ]; then
      missing+=("$requirement")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing python packages: ${missing[*]}"
  python3 -m pip install --quiet "${missing[@]}" 2>/dev/null \
    || python3 -m pip install --quiet --user "${missing[@]}" \
    || python3 -m pip install --quiet --break-system-packages "${missing[@]}"
}

# Answers a question about the manifest (python3's json: no extra tool needed).
#   manifest_query top default_boundaries       a top-level field
#   manifest_query field DATASET_ID FIELD        a field of one dataset (empty when null)
#   manifest_query id-for-path SHARED_PATH       the id of the dataset with that shared_path
# Datasets are the objects with an "id" in the manifest's "datasets" list (or in any
# top-level list), so the query does not depend on more of the layout than that.
manifest_query() {
  [ -f "$MANIFEST" ] || die "data manifest not found: $MANIFEST"
  python3 - "$MANIFEST" "$@" <<'PY'
import json, sys
path, mode, *args = sys.argv[1:]
with open(path, encoding="utf-8") as f:
    manifest = json.load(f)
lists = [manifest["datasets"]] if isinstance(manifest.get("datasets"), list) else \
    [v for v in manifest.values() if isinstance(v, list)]
datasets = [d for l in lists for d in l if isinstance(d, dict) and "id" in d]
def one(key, value):
    found = [d for d in datasets if d.get(key) == value]
    if not found:
        sys.exit(f"error: {path}: no dataset with {key} {value!r}")
    return found[0]
if mode == "top":
    value = manifest.get(args[0])
elif mode == "field":
    value = one("id", args[0]).get(args[1])
elif mode == "id-for-path":
    value = one("shared_path", args[0])["id"]
else:
    sys.exit(f"error: manifest_query: unknown mode {mode!r}")
print("" if value is None else value)
PY
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# Fails unless FILE's SHA-256 is EXPECTED.
verify_sha256() {
  local file=$1 expected=$2 actual
  actual=$(sha256_of "$file")
  [ "$actual" = "$expected" ] ||
    die "checksum mismatch for $file: expected sha256 $expected (from $MANIFEST), got $actual"
}

# Prints the path of dataset ID, checksum verified: the file in the shared folder when it is
# there, otherwise a copy downloaded from the manifest's public_url into the cache.
dataset_path() {
  local id=$1 shared_path sha256 url
  shared_path=$(manifest_query field "$id" shared_path)
  sha256=$(manifest_query field "$id" sha256)
  url=$(manifest_query field "$id" public_url)
  [ -n "$sha256" ] || die "$MANIFEST: dataset $id has no sha256"

  local shared_file=$SHARED_DIR/$shared_path
  if [ -n "$shared_path" ] && [ -f "$shared_file" ]; then
    verify_sha256 "$shared_file" "$sha256"
    printf '%s\n' "$shared_file"
    return 0
  fi

  local downloaded
  downloaded=$CACHE_DIR/downloads/$sha256/$(basename "${shared_path:-${url:-$id}}")
  if [ -f "$downloaded" ] && [ "$(sha256_of "$downloaded")" != "$sha256" ]; then
    log "cached copy of $id is damaged: downloading it again"
    rm -f "$downloaded"
  fi
  if [ ! -f "$downloaded" ]; then
    [ -n "$url" ] || die "dataset $id: $shared_file not found and the manifest gives no public_url;" \
      "set INVESTMAP_SHARED to the folder that holds $shared_path"
    log "downloading $id from $url"
    mkdir -p "$(dirname "$downloaded")"
    curl --fail --location --silent --show-error --retry 3 --output "$downloaded.part" "$url" ||
      { rm -f "$downloaded.part"; die "dataset $id: download failed: $url"; }
    # Checked before it takes the final name, so the cache never holds a bad copy.
    local actual
    actual=$(sha256_of "$downloaded.part")
    if [ "$actual" != "$sha256" ]; then
      rm -f "$downloaded.part"
      die "dataset $id: the download from $url has sha256 $actual, the manifest ($MANIFEST) says $sha256"
    fi
    mv "$downloaded.part" "$downloaded"
  fi
  printf '%s\n' "$downloaded"
}

# Prints the path of dataset ID ready to read: .xz files are decompressed once into the cache,
# keyed by their checksum; other files are returned as they are.
decompressed() {
  local id=$1 source sha256
  source=$(dataset_path "$id")
  case "$source" in
    *.xz) ;;
    *) printf '%s\n' "$source"; return 0 ;;
  esac
  sha256=$(manifest_query field "$id" sha256)
  local target
  target=$CACHE_DIR/decompressed/$sha256/$(basename "${source%.xz}")
  if [ ! -f "$target" ]; then
    log "decompressing $(basename "$source") into $(dirname "$target")"
    mkdir -p "$(dirname "$target")"
    # A temporary name and a rename: an interrupted run never leaves a truncated file behind.
    xz --decompress --stdout "$source" >"$target.part.$$" ||
      { rm -f "$target.part.$$"; die "dataset $id: cannot decompress $source"; }
    mv "$target.part.$$" "$target"
  fi
  printf '%s\n' "$target"
}

# Builds the release configuration, quietly: the full log goes to a file, errors to the screen.
# Extra arguments go to swift build (e.g. --build-tests).
# shellcheck disable=SC2120  # callers in other scripts pass arguments
build_release() {
  local build_log=$CACHE_DIR/logs/swift-build-release.log started=$SECONDS
  mkdir -p "$(dirname "$build_log")"
  log "swift build -c release${*:+ $*} (log: $build_log)"
  if ! (cd "$REPO_ROOT" && swift build -c release "$@") >"$build_log" 2>&1; then
    printf 'swift build failed; errors:\n' >&2
    # One line per error (file:line:col: error: …, or a bare error: line), first ones first.
    grep -E '^(\S+:[0-9]+:[0-9]+: )?error:' "$build_log" | awk '!seen[$0]++' | head -n 40 >&2 ||
      tail -n 30 "$build_log" >&2
    die "swift build -c release failed (full log: $build_log)"
  fi
  log "built in $((SECONDS - started)) s"
}

# Prints the investmap binary to run: $INVESTMAP_BIN, or a fresh release build.
investmap_binary() {
  if [ -n "${INVESTMAP_BIN:-}" ]; then
    [ -x "$INVESTMAP_BIN" ] || die "INVESTMAP_BIN is not an executable file: $INVESTMAP_BIN"
    printf '%s\n' "$INVESTMAP_BIN"
    return 0
  fi
  build_release
  printf '%s/investmap\n' "$(cd "$REPO_ROOT" && swift build -c release --show-bin-path)"
}

# Replaces the text between <!-- bench:NAME:start --> and <!-- bench:NAME:end --> in
# docs/benchmarks.md with the contents of FILE (appends the section when it is not there).
update_benchmarks_section() {
  local name=$1 file=$2
  python3 - "$REPO_ROOT/docs/benchmarks.md" "$name" "$file" <<'PY'
import os, sys
doc, name, section_file = sys.argv[1:]
start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
text = open(doc, encoding="utf-8").read() if os.path.exists(doc) else "# Benchmarks\n"
section = f"{start}\n{open(section_file, encoding='utf-8').read().strip()}\n{end}"
if start in text and end in text:
    before, rest = text.split(start, 1)
    text = before + section + rest.split(end, 1)[1]
else:
    text = text.rstrip("\n") + "\n\n" + section + "\n"
with open(doc + ".tmp", "w", encoding="utf-8") as f:
    f.write(text)
os.replace(doc + ".tmp", doc)
PY
}
