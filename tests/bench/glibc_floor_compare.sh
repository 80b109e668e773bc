#!/bin/sh
# Two stubs side by side (issue 15: the glibc-2.17 stub against the one linked
# plainly): callgrind instruction counts of hello, stdlib_tour and a CPU-bound
# loop frozen with each, plus hyperfine wall times in one run.
#   tests/bench/glibc_floor_compare.sh FREEZER OLD_STUB NEW_STUB [WORK_DIR]
# The old stub: build the parent revision's freezer-stub (or keep a copy of
# build/bin/freezer-stub before the change).
set -eu
freezer=$1 old=$2 new=$3 work=${4:-/tmp/freezer-glibc-floor-bench}
repo=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$work" && mkdir -p "$work/home"
export HOME="$work/home"
tour_args="--count 3 --name tour -v alpha beta"
for p in hello stdlib_tour cpu_loop; do
  case $p in cpu_loop) src=$repo/tests/bench/programs/cpu_loop.py ;; *) src=$repo/samples/$p/$p.py ;; esac
  for side in old new; do
    eval stub=\$$side
    "$freezer" build "$src" -o "$work/$p-$side" --stub "$stub" >/dev/null
  done
done
printf '| program | old stub (instructions) | new stub | change |\n|---|---:|---:|---:|\n'
for p in hello stdlib_tour cpu_loop; do
  args=; [ $p = stdlib_tour ] && args=$tour_args
  for side in old new; do
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.$p.$side" "$work/$p-$side" $args \
      >/dev/null 2>"$work/cg.$p.$side.log"
  done
  o=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/cg.$p.old.log")
  n=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/cg.$p.new.log")
  echo "$p $o $n" | awk '{printf "| %s | %d | %d | %+.2f%% |\n", $1, $2, $3, ($3 - $2) * 100 / $2}'
done
hyperfine -N -w 3 -r 20 "$work/hello-old" "$work/hello-new" \
  "$work/stdlib_tour-old $tour_args" "$work/stdlib_tour-new $tour_args" \
  "$work/cpu_loop-old" "$work/cpu_loop-new" 2>&1 | grep -E "Benchmark|Time"
