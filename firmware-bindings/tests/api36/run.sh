#!/usr/bin/env bash
# Builds omvssl_crypto against an mbedTLS 3.6 source tree and runs its whole CTest suite, once
# per configuration variant in configs/ (each an MBEDTLS_USER_CONFIG_FILE appended to the
# tree's mbedtls_config.h): mbedTLS is built and installed with that variant, then
# firmware-bindings is configured with OMV_MBEDTLS_ROOT / OMV_MBEDTLS_USER_CONFIG_FILE,
# built with -Werror, tested, and tested again under valgrind when it is installed.
#
# The test command runs the nanoframework variant through scripts/test-mbedtls36.sh, which fetches
# the source; to run any variant by hand:
#   MBEDTLS36_DIR=/path/to/mbedtls-3.6.x bash firmware-bindings/tests/api36/run.sh [variant...]
# (a release tarball or a git checkout with its framework/ submodule; Debian 13's source
# package "mbedtls" is one). Work files go to $API36_WORK (default /tmp/omvssl-api36).
# Ends with "api36: N passed, N failed", one count per variant.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bindings="$(cd "$here/../.." && pwd)"
source_dir="${MBEDTLS36_DIR:-}"
work="${API36_WORK:-/tmp/omvssl-api36}"

if [ -z "$source_dir" ] || [ ! -f "$source_dir/include/mbedtls/build_info.h" ]; then
  echo "set MBEDTLS36_DIR to an mbedTLS 3.6 source tree (include/mbedtls/build_info.h not found)" >&2
  exit 2
fi
version=$(sed -n 's/^#define MBEDTLS_VERSION_STRING *"\(.*\)"/\1/p' "$source_dir/include/mbedtls/build_info.h")
case "$version" in
  3.6.*) echo "mbedTLS $version from $source_dir" ;;
  *) echo "warning: mbedTLS $version, not 3.6.x: the results say nothing about 3.6" >&2 ;;
esac

if [ $# -gt 0 ]; then variants=("$@"); else
  variants=()
  for file in "$here"/configs/*.h; do variants+=("$(basename "$file" .h)"); done
fi

valgrind_options="--leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=97 --track-origins=yes --quiet"
passed=0
failed=0
for variant in "${variants[@]}"; do
  config="$here/configs/$variant.h"
  dir="$work/$variant"
  echo "== variant $variant ($config)"
  if [ ! -f "$config" ]; then
    echo "no such variant: $config"; failed=$((failed + 1)); continue
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  # mbedTLS, shared and static, position independent (libomvssl_crypto.so links it).
  if ! { cmake -S "$source_dir" -B "$dir/mbedtls-build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
           -DENABLE_PROGRAMS=OFF -DENABLE_TESTING=OFF -DUSE_SHARED_MBEDTLS_LIBRARY=ON \
           -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DMBEDTLS_FATAL_WARNINGS=OFF \
           -DMBEDTLS_USER_CONFIG_FILE="$config" -DCMAKE_INSTALL_PREFIX="$dir/mbedtls" &&
         cmake --build "$dir/mbedtls-build" -j2 && cmake --install "$dir/mbedtls-build"; } \
       > "$dir/mbedtls.log" 2>&1; then
    tail -n 30 "$dir/mbedtls.log"
    echo "variant $variant: mbedTLS did not build (log: $dir/mbedtls.log)"
    failed=$((failed + 1)); continue
  fi
  if ! cmake -S "$bindings" -B "$dir/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
         -DOMV_MBEDTLS_ROOT="$dir/mbedtls" -DOMV_MBEDTLS_USER_CONFIG_FILE="$config" \
         -DMEMORYCHECK_COMMAND_OPTIONS="$valgrind_options" > "$dir/configure.log" 2>&1 ||
     ! cmake --build "$dir/build" -j2 > "$dir/build.log" 2>&1; then
    cat "$dir/configure.log" "$dir/build.log" 2>/dev/null | grep -E 'error|Error|warning' | head -n 40
    echo "variant $variant: omvssl_crypto did not build (logs in $dir)"
    failed=$((failed + 1)); continue
  fi
  grep -m1 'mbedTLS .* from' "$dir/configure.log"
  ok=1
  (cd "$dir/build" && ctest --output-on-failure --timeout 120) || ok=0
  if [ "$ok" = 1 ] && command -v valgrind > /dev/null 2>&1; then
    # shared_exports and mbedtls_requirements run shell tools, nothing of ours to check.
    (cd "$dir/build" && ctest -T memcheck --output-on-failure --timeout 300 -E 'shared_exports|mbedtls_requirements') \
      > "$dir/memcheck.log" 2>&1 || ok=0
    if grep -qE 'Defects: [1-9]' "$dir/memcheck.log"; then ok=0; fi
    tail -n 3 "$dir/memcheck.log"
  fi
  if [ "$ok" = 1 ]; then
    echo "variant $variant: passed"; passed=$((passed + 1))
  else
    echo "variant $variant: FAILED (logs in $dir)"; failed=$((failed + 1))
  fi
done
echo "api36: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
