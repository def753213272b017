#!/usr/bin/env bash
# Builds firmware-bindings against mbedTLS 3.6 (the version nanoFramework's firmware uses), in the
# configuration variant that mirrors nanoFramework's (firmware-bindings/tests/api36/configs/
# nanoframework.h), and runs its CTest suite and valgrind memcheck (firmware-bindings/tests/api36/run.sh).
# The 3.6 source is Debian 13's "mbedtls" source package, fetched through a private apt
# configuration (the machine's own apt sources are not touched; apt checks the files against the
# signed index) and cached in ~/.cache/openmvssl. Ends with "mbedTLS 3.6: N passed, N failed, N skipped";
# skipped means the source could not be fetched (no route to deb.debian.org).
# Usage: scripts/test-mbedtls36.sh [variant ...]   (default: nanoframework; "all" for every variant)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/openmvssl/mbedtls36"
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(nanoframework)
[ "${variants[0]}" != all ] || variants=()

tree=$(ls -d "$cache"/src/mbedtls-3.6.* 2>/dev/null | sort -V | tail -n 1)
if [ -z "$tree" ]; then
  apt_dir="$cache/apt"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/etc/sources.list.d" \
           "$apt_dir/etc/preferences.d" "$cache/src"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
    > "$apt_dir/etc/sources.list"
  cat > "$apt_dir/apt.conf" <<CONF
Dir::State::Lists "$apt_dir/lists";
Dir::Cache "$apt_dir/cache";
Dir::Etc::SourceList "$apt_dir/etc/sources.list";
Dir::Etc::SourceParts "$apt_dir/etc/sources.list.d";
Dir::Etc::Preferences "$apt_dir/etc/preferences";
Dir::Etc::PreferencesParts "$apt_dir/etc/preferences.d";
CONF
  if APT_CONFIG="$apt_dir/apt.conf" apt-get -q update > "$cache/fetch.log" 2>&1 &&
     (cd "$cache/src" && APT_CONFIG="$apt_dir/apt.conf" apt-get -q source --download-only mbedtls >> "$cache/fetch.log" 2>&1); then
    orig=$(ls "$cache"/src/mbedtls_3.6.*.orig.tar.* 2>/dev/null | sort -V | tail -n 1)
    [ -n "$orig" ] && tar -xf "$orig" -C "$cache/src"
    tree=$(ls -d "$cache"/src/mbedtls-3.6.* 2>/dev/null | sort -V | tail -n 1)
  fi
  if [ -z "$tree" ]; then
    tail -n 5 "$cache/fetch.log" 2>/dev/null
    echo "mbedTLS 3.6 source not available (see $cache/fetch.log)"
    echo "mbedTLS 3.6: 0 passed, 0 failed, 1 skipped"
    exit 0
  fi
fi

log=$(mktemp)
MBEDTLS36_DIR="$tree" bash firmware-bindings/tests/api36/run.sh "${variants[@]}" 2>&1 | tee "$log"
line=$(grep -E '^api36: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
rm -f "$log"
passed=$(printf '%s' "$line" | sed -n 's/^api36: \([0-9]*\) passed.*/\1/p')
failed=$(printf '%s' "$line" | sed -n 's/.*passed, \([0-9]*\) failed.*/\1/p')
[ -n "$line" ] || { passed=0; failed=1; }
echo "mbedTLS 3.6: $passed passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
