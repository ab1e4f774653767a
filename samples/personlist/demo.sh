#!/bin/sh
# Runs the PersonList sample, as `make demo` does, with the naming service:
#   1. gorb-naming in the background on tcp://127.0.0.1 (a free port), its store in a temporary
#      directory; it prints its root context's reference, then `endpoint <where it listens>`;
#   2. the server in the background, told where the naming service is by $GORB_NAMING (that
#      endpoint): it binds its list as demo/people/friends.list (making the contexts on the
#      way) and then prints the list's reference;
#   3. `gorb naming ls -r` shows the names;
#   4. the client, with the same $GORB_NAMING, resolves demo/people/friends.list (checked to be
#      a Demo::PersonList) and calls it.
# The server, then gorb-naming, are stopped by their pids (SIGTERM, then SIGKILL after 5 s)
# however this script ends; the server unbinds its name on the way out. Exits with the
# client's status.
# Usage: samples/personlist/demo.sh BUILD_DIR
set -eu
build=${1:?usage: samples/personlist/demo.sh BUILD_DIR}
naming="$build/naming/gorb-naming"
server="$build/samples/personlist/gorb-personlist-server"
client="$build/samples/personlist/gorb-personlist-client"
gorb="$build/tools/gorb"
name=demo/people/friends.list
for program in "$naming" "$server" "$client" "$gorb"; do
  if [ ! -x "$program" ]; then
    echo "demo.sh: $program is missing: build $build first" >&2
    exit 2
  fi
done

naming_pid=
server_pid=
tmp=
# Stops the process whose pid is in the variable named $1 (SIGTERM, SIGKILL after 5 s).
# shellcheck disable=SC2317 # run by the EXIT trap
stop() {
  eval "pid=\$$1"
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    tries=0
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$tries" -ge 50 ]; then # 5 s
        echo "demo.sh: $2 (pid $pid) ignored SIGTERM, killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.1 2>/dev/null || sleep 1
      tries=$((tries + 1))
    done
    wait "$pid" 2>/dev/null || true
    eval "$1="
  fi
}
# shellcheck disable=SC2317 # run by the EXIT trap
stop_all() {
  stop server_pid "the server"
  stop naming_pid gorb-naming
  if [ -n "$tmp" ]; then
    rm -rf "$tmp"
    tmp=
  fi
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Waits until FILE holds at least LINES whole lines, written by the process PID (WHAT).
wait_for_lines() {
  tries=0
  # (the file appears when the background process has started)
  while [ ! -f "$1" ] || [ "$(wc -l <"$1")" -lt "$2" ]; do
    if ! kill -0 "$3" 2>/dev/null; then
      echo "demo.sh: $4 exited before printing what it should" >&2
      exit 1
    fi
    if [ "$tries" -ge 100 ]; then
      echo "demo.sh: nothing from $4 within 10 s" >&2
      exit 1
    fi
    sleep 0.1 2>/dev/null || sleep 1
    tries=$((tries + 1))
  done
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gorb-demo.XXXXXX")

"$naming" --endpoint tcp://127.0.0.1:0 --store "$tmp/naming.db" --sync normal \
  >"$tmp/naming.out" 2>"$tmp/naming.err" &
naming_pid=$!
wait_for_lines "$tmp/naming.out" 2 "$naming_pid" gorb-naming
endpoint=$(sed -n 2p "$tmp/naming.out" | sed 's/^endpoint //')
GORB_NAMING=$endpoint
export GORB_NAMING
echo "gorb-naming (pid $naming_pid): GORB_NAMING=$GORB_NAMING"

"$server" --gorb-endpoint tcp://127.0.0.1:0 --bind "$name" >"$tmp/ref" &
server_pid=$!
wait_for_lines "$tmp/ref" 1 "$server_pid" "the server"
echo "server (pid $server_pid), bound as $name: $(head -n 1 "$tmp/ref")"
echo
echo "\$ gorb naming ls -r"
"$gorb" naming ls -r
echo

status=0
"$client" "$name" || status=$?
exit "$status"
