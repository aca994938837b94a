#!/usr/bin/env bash
# Builds the whole test suite with AddressSanitizer and UndefinedBehaviorSanitizer (also float
# casts that overflow and float division by zero; any finding aborts the test) into ./build-asan
# and runs it under xvfb-run. Part of CI (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/../.."
# -O1: what the sanitizers recommend, and quicker to build than -O2 (CI builds this from scratch).
# Unity builds, as tools/scripts/build.sh.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBODEMZICHT_SANITIZE=ON \
  -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8 \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -DNDEBUG" >/dev/null
cmake --build build-asan -j "$(nproc)"
# Leaks are not checked: Mesa, VTK and GDAL keep allocations until exit on purpose.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
