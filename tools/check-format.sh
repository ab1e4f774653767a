#!/bin/sh
# Checks (or with --fix, applies) .clang-format on the project's own C sources.
set -eu
cd "$(dirname "$0")/.."
files=$(git ls-files --cached --others --exclude-standard -- \
  'orb/*.[ch]' 'idlc/*.[ch]' 'naming/*.[ch]' 'activator/*.[ch]' 'tools/*.[ch]' \
  'samples/*.[ch]' 'tests/*.[ch]' 'bench/*.[ch]' \
  ':!tests/*/golden/*' |  # golden files are the IDL compiler's expected output, byte for byte
  while read -r f; do if [ -f "$f" ]; then echo "$f"; fi; done)  # not the deleted, uncommitted
if [ "${1:-}" = "--fix" ]; then
  # shellcheck disable=SC2086
  clang-format -i $files
else
  # shellcheck disable=SC2086
  clang-format --dry-run --Werror $files
fi
