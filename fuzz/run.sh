#!/bin/sh
# Fuzzes the payload reader (trailer, index, entries, boot manifest):
#   fuzz/run.sh [SECONDS]          (default 60)
# Builds payload_fuzzer with clang under -fsanitize=fuzzer,address,undefined
# in its own build dir ($FREEZER_FUZZ_BUILD, default /tmp/freezer-fuzz-build),
# replays fuzz/corpus, then fuzzes for SECONDS. New inputs go to a scratch
# corpus in the build dir (the committed one stays as is); crashes are
# written to <build>/crashes/ and make the script fail. To keep a crash as a
# regression input, copy it into fuzz/corpus/ (the unit tests replay it).
set -eu

seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FREEZER_FUZZ_BUILD:-/tmp/freezer-fuzz-build}

if ! command -v clang++ >/dev/null; then
  echo "fuzz/run.sh: clang++ is not installed (apt-get install clang libclang-rt-14-dev)" >&2
  exit 1
fi
cmake -S "$root" -B "$build" -DFREEZER_FUZZ=ON \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build "$build" --target payload_fuzzer -j2
fuzzer=$build/bin/payload_fuzzer

mkdir -p "$build/scratch-corpus" "$build/crashes"
echo "fuzz/run.sh: replaying $root/fuzz/corpus"
"$fuzzer" "$root"/fuzz/corpus/*

echo "fuzz/run.sh: fuzzing for $seconds s"
"$fuzzer" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
  -artifact_prefix="$build/crashes/" -print_final_stats=1 \
  "$build/scratch-corpus" "$root/fuzz/corpus"
