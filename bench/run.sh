#!/bin/sh
# Builds what the benchmarks need and runs them; one line per result on stdout.
# Usage: bench/run.sh [BUILD_DIR]   (default: build-bench, a Release build)
#
#   1. gorb-bench-marshal   marshalling: M1 (octets against memcpy), M2 (persons, CDR and XML)
#   2. gorb-bench-zmq-raw   the raw ZeroMQ floor of the RPC workloads W1-W5 (peer=zmq-raw)
#   3. gorb-bench-gorb      the same workloads through the ORB (peer=gorb)
#   4. the ratios of gorb to the floor, computed from the lines above (ratio workload=...)
#   5. gorb-bench-naming    the naming service: resolve latency, binds/s, 1 and 4 clients
#                           (it starts its own gorb-naming daemon; BENCH_NAMING_* variables)
#   6. gorb-bench-dgc       distributed GC: memory per proxy, renewal messages and CPU,
#                           create/drop rate (BENCH_DGC_* variables)
#
# Each RPC server runs in the background on tcp://127.0.0.1 (a free port), prints what its
# client needs (an endpoint, a gorb: reference) on stdout first, and is stopped by its pid
# when the client is done, or on any exit.
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
cmake --build "$build" --target gorb-bench-marshal gorb-bench-zmq-raw gorb-bench-gorb \
  gorb-bench-naming gorb-bench-dgc -j "$(nproc)" >/dev/null

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
}
clean_up() {
  stop_server
  if [ -n "$tmp" ]; then
    rm -rf "$tmp"
    tmp=
  fi
}
trap clean_up EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(uname -m) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')" >&2
settings=$(env | grep '^BENCH_' | sort | tr '\n' ' ' || true)
if [ -n "$settings" ]; then
  echo "# $settings" >&2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gorb-bench.XXXXXX")
"$build/bench/gorb-bench-marshal" >"$tmp/marshal.out"
cat "$tmp/marshal.out"
cat "$tmp/marshal.out" >>"$tmp/all.out"

# Runs one RPC benchmark: PROGRAM server tcp://127.0.0.1:0, then PROGRAM client with the first
# line the server printed; the client's lines go to stdout and into $tmp/all.out.
run_rpc() {
  name=$1
  program="$build/bench/$1"
  rm -f "$tmp/first"
  "$program" server tcp://127.0.0.1:0 >"$tmp/first" &
  server_pid=$!
  first=
  tries=0
  while [ -z "$first" ]; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "run.sh: the $name server exited before printing its address" >&2
      exit 1
    fi
    if [ "$tries" -ge 100 ]; then
      echo "run.sh: nothing from the $name server within 10 s" >&2
      exit 1
    fi
    sleep 0.1 2>/dev/null || sleep 1
    tries=$((tries + 1))
    if [ "$(wc -l <"$tmp/first")" -ge 1 ]; then # a whole line
      first=$(head -n 1 "$tmp/first")
    fi
  done
  # In the background so that a signal to this script is handled at once: its trap stops both.
  "$program" client "$first" >"$tmp/client.out" &
  client_pid=$!
  status=0
  wait "$client_pid" || status=$?
  client_pid=
  cat "$tmp/client.out"
  cat "$tmp/client.out" >>"$tmp/all.out"
  if [ "$status" -ne 0 ]; then
    echo "run.sh: the $name client failed (status $status)" >&2
    exit "$status"
  fi
  stop_server
}

run_rpc gorb-bench-zmq-raw
run_rpc gorb-bench-gorb

# The ORB's overhead against the floor, in the same run:
#   W1, W2, W3, W4: gorb / zmq-raw (medians; W4 calls/s)
#   W3 also against the floor of a marshalled call: zmq-raw's W1 median plus the CDR encode
#      and decode of the 100 persons (M2 codec=cdr median) twice, there and back
#   W5: what pipelining gains: W5 calls/s over W1 calls/s, for each peer
awk '
{
  split("", f)
  for (i = 1; i <= NF; i++) {
    eq = index($i, "=")
    if (eq > 0)
      f[substr($i, 1, eq - 1)] = substr($i, eq + 1)
  }
  if (!("peer" in f) || !("workload" in f))
    next
  key = f["peer"] " " f["workload"]
  if ("size" in f) key = key " " f["size"]
  if ("codec" in f) key = key " " f["codec"]
  if ("median_us" in f) med[key] = f["median_us"]
  if ("calls_per_s" in f) cps[key] = f["calls_per_s"]
  if (f["workload"] == "W2" && f["peer"] == "gorb") sizes[++n_sizes] = f["size"]
}
END {
  if (med["zmq-raw W1"] > 0 && ("gorb W1" in med))
    printf "ratio workload=W1 gorb/zmq-raw median=%.2f\n", med["gorb W1"] / med["zmq-raw W1"]
  for (i = 1; i <= n_sizes; i++) {
    k = "W2 " sizes[i]
    if (med["zmq-raw " k] > 0)
      printf "ratio workload=W2 size=%s gorb/zmq-raw median=%.2f\n", sizes[i], med["gorb " k] / med["zmq-raw " k]
  }
  if (med["zmq-raw W3"] > 0 && ("gorb W3" in med))
    printf "ratio workload=W3 gorb/zmq-raw median=%.2f\n", med["gorb W3"] / med["zmq-raw W3"]
  if (med["zmq-raw W1"] > 0 && ("gorb M2 cdr" in med) && ("gorb W3" in med)) {
    floor = med["zmq-raw W1"] + 2 * med["gorb M2 cdr"]
    printf "ratio workload=W3 gorb/floor median=%.2f floor_us=%.2f (zmq-raw W1 median + 2 x CDR encode+decode of 100 persons)\n", med["gorb W3"] / floor, floor
  }
  if (cps["zmq-raw W4"] > 0 && ("gorb W4" in cps))
    printf "ratio workload=W4 gorb/zmq-raw calls_per_s=%.2f\n", cps["gorb W4"] / cps["zmq-raw W4"]
  if (cps["gorb W1"] > 0 && ("gorb W5" in cps))
    printf "ratio workload=W5 peer=gorb W5/W1 calls_per_s=%.2f\n", cps["gorb W5"] / cps["gorb W1"]
  if (cps["zmq-raw W1"] > 0 && ("zmq-raw W5" in cps))
    printf "ratio workload=W5 peer=zmq-raw W5/W1 calls_per_s=%.2f\n", cps["zmq-raw W5"] / cps["zmq-raw W1"]
}' "$tmp/all.out"

# 5. The naming service: gorb-bench-naming starts (and stops) a gorb-naming daemon of its own.
"$build/bench/gorb-bench-naming"

# 6. Distributed GC: two ORBs in one process (see bench/bench-dgc.c).
"$build/bench/gorb-bench-dgc"
