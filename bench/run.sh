#!/bin/sh
# Builds what the benchmarks need and runs them; one line per result.
# Usage: bench/run.sh [BUILD_DIR]   (default: build-bench, a Release build)
set -eu
cd "$(dirname "$0")/.."
build=${1:-build-bench}
if [ ! -f "$build/CMakeCache.txt" ]; then
  ./tools/install-deps.sh
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DGORB_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" --target gorb-bench-marshal -j "$(nproc)" >/dev/null
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(uname -m) $(nproc) cores" >&2
"$build/bench/gorb-bench-marshal"
