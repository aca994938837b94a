#!/usr/bin/env bash
# Installs, builds and runs the whole test suite; rendering tests run under xvfb-run.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/scripts/setup-deps.sh
bash tools/scripts/build.sh
xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" ctest --test-dir build --output-on-failure -j "$(nproc)"
