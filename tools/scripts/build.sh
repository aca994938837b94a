#!/usr/bin/env bash
# Configures and builds Bodemzicht (Release, Ninja) into ./build; optional arguments name targets.
set -euo pipefail
cd "$(dirname "$0")/../.."
# Unity builds (8 sources a unit): a fresh build on 2 cores in about half the time.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_UNITY_BUILD=ON \
  -DCMAKE_UNITY_BUILD_BATCH_SIZE=8
if [ $# -gt 0 ]; then
  cmake --build build -j "$(nproc)" --target "$@"
else
  cmake --build build -j "$(nproc)"
fi
