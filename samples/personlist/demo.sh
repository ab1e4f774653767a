#!/bin/sh
# Runs the PersonList sample, as `make demo` does: the server in the background on
# tcp://127.0.0.1 (a free port), then the client against the reference the server prints
# first; the server is stopped by its pid (SIGTERM, then SIGKILL after 5 s) however this
# script ends. Exits with the client's status.
# Usage: samples/personlist/demo.sh BUILD_DIR
set -eu
build=${1:?usage: samples/personlist/demo.sh BUILD_DIR}
server="$build/samples/personlist/gorb-personlist-server"
client="$build/samples/personlist/gorb-personlist-client"
for program in "$server" "$client"; do
  if [ ! -x "$program" ]; then
    echo "demo.sh: $program is missing: build $build first" >&2
    exit 2
  fi
done

server_pid=
tmp=
# shellcheck disable=SC2317 # run by the EXIT trap
stop_server() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    tries=0
    while kill -0 "$server_pid" 2>/dev/null; do
      if [ "$tries" -ge 50 ]; then # 5 s
        echo "demo.sh: the server (pid $server_pid) ignored SIGTERM, killing it" >&2
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

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gorb-demo.XXXXXX")
"$server" --gorb-endpoint tcp://127.0.0.1:0 >"$tmp/ref" &
server_pid=$!

# The server prints its list's reference (a gorb: line) first thing.
ref=
tries=0
while [ -z "$ref" ]; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "demo.sh: the server exited before printing its reference" >&2
    server_pid=
    exit 1
  fi
  if [ "$tries" -ge 100 ]; then
    echo "demo.sh: no reference from the server within 10 s" >&2
    exit 1
  fi
  sleep 0.1 2>/dev/null || sleep 1
  tries=$((tries + 1))
  if [ "$(wc -l <"$tmp/ref")" -ge 1 ]; then # a whole line
    ref=$(head -n 1 "$tmp/ref")
  fi
done
echo "server (pid $server_pid): $ref"
echo

status=0
"$client" "$ref" || status=$?
exit "$status"
