#!/usr/bin/env bash
# The viewer's speed side by side: the naive pipeline (every segment swept into a vtkTubeFilter
# tube, one actor) against the tiled level of detail (--networks auto, the default), on generated
# districts of about 6 thousand, 100 thousand and one million segments. Orbit frames at 1280x720.
# Moving frames are what the viewer draws while the camera moves; still frames (depth peeling)
# follow a quarter second after the last input. Levels of detail are built when first needed,
# inside the timed frames; "warm" flies the orbit once untimed first. Moving frames adapt their
# detail to a frame budget as in the viewer ("fixed": not). Needs an X display (runs
# itself under xvfb-run).
# Usage: tools/scripts/bench-render.sh [BUILD_DIR]   (figures go into docs/performance.md)
set -euo pipefail
build=${1:-build}
if [ -z "${DISPLAY:-}" ]; then exec xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" "$0" "$@"; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
viewer="$build/app/bodemzicht"
for blocks in 3 13 42; do
    "$build/tools/bodem" sample --out "$work/b$blocks" --blocks "$blocks" >/dev/null
    gpkg="$work/b$blocks/district.gpkg"
    segments=$("$build/tools/bodem" info "$gpkg" | sed -n 's/.*network segments: \([0-9]*\).*/\1/p')
    frames=16
    [ "$blocks" = 42 ] && tubeFrames=3 || tubeFrames=8
    start=$(date +%s.%N)
    "$viewer" "$gpkg" --screenshot "$work/first.png" >/dev/null
    first=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }")
    echo "segments=$segments first_frame_s=$first (load + first still frame + PNG)"
    # Runs interleaved, three of each: on shared or virtual machines single runs vary by a
    # quarter. "auto" adapts the moving detail to the viewer's 20 ms budget (its coarsening at the
    # end of the orbit is shown); "fixed" keeps the finest moving detail (--moving-budget 0).
    tubes() { "$viewer" "$gpkg" --networks tubes --moving-budget 0 --benchmark $tubeFrames 2>/dev/null; }
    echo "  tubes moving: $(tubes)"
    for run in 1 2 3; do
        echo "  auto  moving: $("$viewer" "$gpkg" --benchmark $frames 2>&1 | tr '\n' ' ')"
        echo "  fixed moving: $("$viewer" "$gpkg" --benchmark $frames --moving-budget 0 2>/dev/null)"
    done
    [ "$blocks" = 42 ] || echo "  tubes moving: $(tubes)"
    echo "  auto  moving, warm: $("$viewer" "$gpkg" --benchmark $frames --warm 2>&1 | tr '\n' ' ')"
    echo "  auto  still:  $("$viewer" "$gpkg" --benchmark $frames --still)"
done
