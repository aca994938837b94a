#!/usr/bin/env bash
# Builds the libFuzzer targets (clang 16, ASan + UBSan) into ./build-fuzz and runs each for
# SECONDS (default 60) on its corpus: the seeds in tests/fuzz/corpus, the real samples from
# ../shared/data and what earlier runs found. A crash fails the script; its input is kept in
# build-fuzz/crashes/TARGET/ (turn it into a regression test, see docs/reliability.md).
# Usage: tools/scripts/run-fuzz.sh [SECONDS] [TARGET...]   (BODEMZICHT_FUZZ_SEED: libFuzzer's seed,
# 1 by default so that a CI run mutates the same way each time; 0 for a random one)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
shared=${BODEMZICHT_SHARED_DATA:-$(pwd)/../shared/data}
CC=clang-16 CXX=clang++-16 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DBODEMZICHT_FUZZ=ON -DBODEMZICHT_WERROR=OFF >/dev/null
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(klic_gml gwsw_turtle rules_toml project_reader ribx)
# Only the fuzz targets run and the engine modules they use (not the sample, design or soil).
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]/#/fuzz_}"
seed() {  # seed TARGET FILE...: copies seeds into the working corpus
  local dir=build-fuzz/corpus/$1
  shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp -n "$f" "$dir/" || true; done
}
seed klic_gml tests/fuzz/corpus/klic_gml/* "$shared"/klic/*.xml
seed gwsw_turtle tests/fuzz/corpus/gwsw_turtle/* "$shared"/sewer/*.ttl
seed rules_toml tests/fuzz/corpus/rules_toml/* datasets/rules/*.toml datasets/sewer/*.toml
seed ribx tests/fuzz/corpus/ribx/* "$shared"/sewer/*.ribx
# A small real project, made by the release build when there is one.
if [ -x build/tools/bodem ] && [ ! -f build-fuzz/corpus/project_reader/seed.gpkg ]; then
  tmp=$(mktemp -d)
  build/tools/bodem import "$shared"/klic/b4udignl_22G064233_1_GI_small.xml --into "$tmp/p.gpkg" \
    --ground-level 10 >/dev/null
  seed project_reader "$tmp/p.gpkg"
  mv build-fuzz/corpus/project_reader/p.gpkg build-fuzz/corpus/project_reader/seed.gpkg
  rm -rf "$tmp"
fi
mkdir -p build-fuzz/corpus/project_reader
failed=0
export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in "${targets[@]}"; do
  mkdir -p "build-fuzz/crashes/$t"
  echo "fuzz: $t for ${seconds}s"
  if ! "build-fuzz/tests/fuzz/fuzz_$t" "build-fuzz/corpus/$t" -max_total_time="$seconds" \
      -seed="${BODEMZICHT_FUZZ_SEED:-1}" -max_len=262144 -rss_limit_mb=2048 -timeout=10 \
      -print_final_stats=1 \
      -artifact_prefix="build-fuzz/crashes/$t/" 2>"build-fuzz/fuzz_$t.log"; then
    echo "fuzz: $t FOUND A CRASH (build-fuzz/crashes/$t/, log build-fuzz/fuzz_$t.log)"
    tail -40 "build-fuzz/fuzz_$t.log"
    failed=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "build-fuzz/fuzz_$t.log" | sed "s/^/  /"
  fi
done
exit $failed
