#!/usr/bin/env bash
# The main job on the bundled sample district: install, build, generate the sample, summarise it,
# run the clash check, then open the viewer (or, with no display, write a screenshot).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/scripts/setup-deps.sh
bash tools/scripts/build.sh bodem bodemzicht
out=out/sample
mkdir -p "$out"
[ -f "$out/district.gpkg" ] || ./build/tools/bodem sample --out "$out"
# The sewer's camera inspections (RIBX): linked to the pipes, classified, condition per pipe.
./build/tools/bodem import --append --into "$out/district.gpkg" "$out/inspections.ribx"
./build/tools/bodem info "$out/district.gpkg"
./build/tools/bodem clash "$out/district.gpkg" --out "$out/clashes.csv" --geojson "$out/clashes.geojson" --timings
if [ -n "${DISPLAY:-}" ] && [ -z "${CI:-}" ]; then
  ./build/app/bodemzicht "$out/district.gpkg" --clashes "$out/clashes.csv"
else
  xvfb-run -a ./build/app/bodemzicht "$out/district.gpkg" --clashes "$out/clashes.csv" --screenshot "$out/screenshot.png"
  echo "no display: wrote $out/screenshot.png and the clash report $out/clashes.csv"
fi
