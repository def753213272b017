#!/usr/bin/env bash
# Builds firmware-bindings/ (the C library over mbedTLS) in firmware-bindings/build, runs its
# CTest suite, then, when valgrind is installed, the same suite under valgrind memcheck
# (any memory error or definite/indirect leak fails the test). Idempotent; reuses the build
# directory. Ends with one line "Native tests: N passed, N failed", counting each test once
# per run (plain, and memcheck when it ran).
set -uo pipefail
cd "$(dirname "$0")/../firmware-bindings"

build=build
passed=0
failed=0

# count <ctest log>: adds the log's "N tests failed out of M" to the totals.
count() {
  local line total bad
  line=$(grep -E 'tests failed out of [0-9]+' "$1" | tail -n 1)
  if [ -z "$line" ]; then
    failed=$((failed + 1)) # ctest did not run at all
    return
  fi
  bad=$(printf '%s' "$line" | sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/')
  total=$(printf '%s' "$line" | sed -E 's/.*out of ([0-9]+).*/\1/')
  passed=$((passed + total - bad))
  failed=$((failed + bad))
}

valgrind_options="--leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=97 --track-origins=yes --quiet"

status=0
if ! cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DMEMORYCHECK_COMMAND_OPTIONS="$valgrind_options" >"$build.configure.log" 2>&1; then
  cat "$build.configure.log"
  echo "Native tests: 0 passed, 1 failed"
  exit 1
fi
rm -f "$build.configure.log"
if ! cmake --build "$build" -j2 -- --no-print-directory; then
  echo "Native tests: 0 passed, 1 failed"
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

(cd "$build" && ctest --output-on-failure --timeout 60) 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
count "$log"

if command -v valgrind >/dev/null 2>&1; then
  echo "== the same tests under valgrind memcheck"
  # shared_exports runs nm through bash: nothing of ours to check there.
  (cd "$build" && ctest -T memcheck --output-on-failure --timeout 120 -E shared_exports) 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  failed_before=$failed
  count "$log"
  # ctest reports the defects it parsed from valgrind's logs apart from test failures; count
  # them as one failure when no test failed already.
  if grep -qE 'Defects: [1-9]' "$log"; then
    echo "valgrind reported defects (see $build/Testing/Temporary/MemoryChecker.*.log)"
    [ "$failed" -gt "$failed_before" ] || failed=$((failed + 1))
    status=1
  fi
else
  echo "valgrind not installed: memcheck skipped"
fi

echo "Native tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] || status=1
exit "$status"
