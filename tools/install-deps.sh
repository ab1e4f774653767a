#!/bin/sh
# Installs the Debian packages gorb needs to build and test, but only those
# that are missing. Run as root (or with sudo available) on Debian 12.
set -eu

packages="cmake make gcc g++ pkg-config libglib2.0-dev libzmq3-dev libxml2-dev
libxml2-utils libcunit1-dev libjson-glib-dev libsqlite3-dev libomniorb4-dev omniidl
omniorb-idl"
if [ "${GORB_DEPS_EXTRA:-}" != "" ]; then
  packages="$packages $GORB_DEPS_EXTRA"
fi

missing=""
for p in $packages; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $p" ;;
  esac
done

if [ -z "$missing" ]; then
  exit 0
fi

echo "install-deps: installing$missing" >&2
sudo=""
if [ "$(id -u)" != "0" ]; then
  sudo="sudo"
fi
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
