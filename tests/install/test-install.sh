#!/bin/sh
# Installs the built gorb into a temporary prefix and builds an outside
# project against it twice: through the CMake package (with consumer.idl
# compiled by gorb_idl_generate() and the installed gorb-idlc) and through
# pkg-config.
# Usage: test-install.sh BUILD_DIR SOURCE_DIR "EXTRA_C_FLAGS"
set -eu
build=$1
src=$2
extra_flags=${3:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null

echo "== find_package(Gorb)"
cmake -S "$src/tests/install/consumer" -B "$tmp/cmake-build" \
  -DCMAKE_PREFIX_PATH="$tmp/prefix" -DCMAKE_C_FLAGS="$extra_flags" \
  -DCMAKE_EXE_LINKER_FLAGS="$extra_flags" >/dev/null
cmake --build "$tmp/cmake-build" >/dev/null
# consumer.idl went through gorb_idl_generate() and the installed gorb-idlc
test -x "$tmp/prefix/bin/gorb-idlc"
test -f "$tmp/cmake-build/gorb-idl/consumer.h"
LD_LIBRARY_PATH="$tmp/prefix/lib:$tmp/prefix/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}" \
  "$tmp/cmake-build/consumer"

echo "== pkg-config gorb-1"
pc_dir=$(dirname "$(find "$tmp/prefix" -name gorb-1.pc | head -n 1)")
flags=$(PKG_CONFIG_PATH="$pc_dir" pkg-config --cflags --libs gorb-1)
# shellcheck disable=SC2086
cc -std=c11 $extra_flags -o "$tmp/consumer-pc" "$src/tests/install/consumer/consumer.c" $flags
LD_LIBRARY_PATH="$(PKG_CONFIG_PATH="$pc_dir" pkg-config --variable=libdir gorb-1)" \
  "$tmp/consumer-pc"
echo "1 passed, 0 failed"
