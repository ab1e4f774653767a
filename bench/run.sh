#!/bin/sh
# Builds what the benchmarks need and runs them; one line per result on stdout.
# Usage: bench/run.sh [BUILD_DIR]   (default: build-bench, a Release build)
#
#   1. gorb-bench-marshal   marshalling: M1 (octets against memcpy), M2 (persons, CDR and XML)
#   2. gorb-bench-zmq-raw   the raw ZeroMQ floor of the RPC workloads W1-W5 (peer=zmq-raw):
#                           its server runs in the background on tcp://127.0.0.1 (a free port)
#                           and is stopped by its pid when the client is done, or on any exit
#
# BENCH_* variables reach the benchmarks (bench/gorb-bench.h lists them; BENCH_SCALE scales the
# marshalling counts), e.g. a quick run:
#   BENCH_W4_SECS=1 BENCH_W1_N=2000 bench/run.sh
set -eu
cd "$(dirname "$0")/.."
build=${1:-build-bench}
if [ ! -f "$build/CMakeCache.txt" ]; then
  ./tools/install-deps.sh
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DGORB_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" --target gorb-bench-marshal gorb-bench-zmq-raw -j "$(nproc)" >/dev/null

server_pid=
client_pid=
tmp=
stop_server() {
  if [ -n "$client_pid" ]; then # interrupted: the client goes first
    kill -TERM "$client_pid" 2>/dev/null || true
    wait "$client_pid" 2>/dev/null || true
    client_pid=
  fi
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    tries=0
    while kill -0 "$server_pid" 2>/dev/null; do
      if [ "$tries" -ge 50 ]; then # 5 s
        echo "run.sh: server $server_pid ignored SIGTERM, killing it" >&2
        kill -KILL "$server_pid" 2>/dev/null || true
        break
      fi
      sleep 0.1 2>/dev/null || sleep 1
      tries=$((tries + 1))
    done
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
  if [ -n "$tmp" ]; then
    rm -rf "$tmp"
    tmp=
  fi
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(uname -m) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')" >&2
settings=$(env | grep '^BENCH_' | sort | tr '\n' ' ' || true)
if [ -n "$settings" ]; then
  echo "# $settings" >&2
fi

"$build/bench/gorb-bench-marshal"

# The raw ZeroMQ floor: the server prints its endpoint on stdout first thing.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gorb-bench.XXXXXX")
"$build/bench/gorb-bench-zmq-raw" server tcp://127.0.0.1:0 >"$tmp/endpoint" &
server_pid=$!
endpoint=
tries=0
while [ -z "$endpoint" ]; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "run.sh: the zmq-raw server exited before printing its endpoint" >&2
    exit 1
  fi
  if [ "$tries" -ge 100 ]; then
    echo "run.sh: no endpoint from the zmq-raw server within 10 s" >&2
    exit 1
  fi
  sleep 0.1 2>/dev/null || sleep 1
  tries=$((tries + 1))
  endpoint=$(head -n 1 "$tmp/endpoint")
done
# In the background so that a signal to this script is handled at once: its trap stops both.
"$build/bench/gorb-bench-zmq-raw" client "$endpoint" &
client_pid=$!
status=0
wait "$client_pid" || status=$?
client_pid=
if [ "$status" -ne 0 ]; then
  echo "run.sh: the zmq-raw client failed (status $status)" >&2
  exit "$status"
fi
stop_server
