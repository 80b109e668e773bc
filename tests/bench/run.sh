#!/bin/sh
# freezer benchmark suite (issue 6). Not part of ctest. From the repository root:
#
#   tests/bench/run.sh [--quick] [--freezer-dir DIR] [--work-dir DIR] [--out FILE]
#
#   --quick            a few minutes: fewer runs, no 5,000-module builds
#   --freezer-dir DIR  use DIR/freezer (and the stub it finds) as built;
#                      also FREEZER_BIN_DIR=DIR. Without it the working tree
#                      is configured and built into $BENCH_BUILD_DIR
#                      (default /tmp/freezer-bench-build) first.
#   --head             build the committed HEAD (a clone in $BENCH_BUILD_DIR-src)
#                      instead of the working tree, e.g. while it is mid-edit
#   --work-dir DIR     scratch space for generated trees and apps
#                      (default /tmp/freezer-bench)
#   --out FILE         report to write (default docs/benchmarks.md)
#
# Everything measured runs with the environment reduced to PATH and HOME.
set -eu

repo=$(cd "$(dirname "$0")/../.." && pwd)
bindir=${FREEZER_BIN_DIR:-}
quick=
head=
work=/tmp/freezer-bench
out=$repo/docs/benchmarks.md
shown="tests/bench/run.sh"

while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=--quick; shown="$shown --quick" ;;
    --head) head=1; shown="$shown --head" ;;
    --freezer-dir) bindir=$2; shift ;;
    --freezer-dir=*) bindir=${1#*=} ;;
    --work-dir) work=$2; shift ;;
    --work-dir=*) work=${1#*=} ;;
    --out) out=$2; shift ;;
    --out=*) out=${1#*=} ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

# Tools: hyperfine, valgrind, GNU time (installed when missing and root).
missing=
command -v hyperfine >/dev/null 2>&1 || missing="$missing hyperfine"
command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
[ -x /usr/bin/time ] || missing="$missing time"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "run.sh: installing$missing" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "run.sh: missing tools:$missing (apt-get install$missing)" >&2
    exit 1
  fi
fi
[ -x /usr/bin/python3.11 ] || { echo "run.sh: /usr/bin/python3.11 is needed" >&2; exit 1; }

if [ -z "$bindir" ]; then
  build=${BENCH_BUILD_DIR:-/tmp/freezer-bench-build}
  src=$repo
  if [ -n "$head" ]; then
    build=$build-head
    src=$build-src
    rm -rf "$src"
    git clone -q --no-hardlinks "$repo" "$src"
  fi
  # A build dir configured for other sources (--head vs the tree) starts anew.
  if [ -f "$build/CMakeCache.txt" ] &&
     ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$src" "$build/CMakeCache.txt"; then
    rm -rf "$build"
  fi
  echo "run.sh: building the freezer from $src into $build" >&2
  cmake -S "$src" -B "$build" >/dev/null
  cmake --build "$build" -j"$(nproc)" --target freezer freezer-stub >/dev/null
  bindir=$build/bin
fi
[ -x "$bindir/freezer" ] || { echo "run.sh: no freezer in $bindir" >&2; exit 1; }

mkdir -p "$work"
exec env -i PATH=/usr/bin:/bin HOME="${HOME:-/root}" \
  /usr/bin/python3.11 -B "$repo/tests/bench/bench.py" \
  --freezer-dir "$bindir" --work-dir "$work" --out "$out" --command "$shown" $quick
