#!/usr/bin/env bash
# The whole test suite from a fresh clone: installs what the tests need (Debian packages),
# restores, builds every project (including the nanoFramework compile of the core) and runs
# every test: the C library over mbedTLS 2.28 and 3.6 (CTest, under valgrind when present), the .NET suite
# and a short fuzz smoke run. Ends with one line "Tests: N passed, N failed, N skipped" covering all.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bash scripts/install-deps.sh

dotnet build OpenMvSsl.sln -c Release -nologo -clp:ErrorsOnly

# Runs a step script, shows its output, and reads its last "<label>: N passed, N failed[, N skipped]"
# line into step_passed / step_failed / step_skipped. No such line, or a failing exit status, counts as a failure.
native_status=0
run_step() {
    local script="$1" label="$2" log line status=0
    log=$(mktemp)
    bash "$script" 2>&1 | tee "$log" || status=$?
    line=$(grep -E "^$label: [0-9]+ passed, [0-9]+ failed" "$log" | tail -n 1 || true)
    rm -f "$log"
    step_passed=$(printf '%s' "$line" | sed -n 's/.*: \([0-9]*\) passed.*/\1/p')
    step_failed=$(printf '%s' "$line" | sed -n 's/.*passed, \([0-9]*\) failed.*/\1/p')
    step_skipped=$(printf '%s' "$line" | sed -n 's/.*failed, \([0-9]*\) skipped.*/\1/p')
    [ -n "$line" ] || { step_passed=0; step_failed=1; }
    step_skipped=${step_skipped:-0}
    [ "$status" -eq 0 ] || native_status=1
}

run_step scripts/test-native.sh "Native tests"
native_passed=$step_passed; native_failed=$step_failed

# The same C library against mbedTLS 3.6 in nanoFramework's configuration (source fetched from Debian 13).
run_step scripts/test-mbedtls36.sh "mbedTLS 3.6"
m36_passed=$step_passed; m36_failed=$step_failed; m36_skipped=$step_skipped

results=artifacts/test-results
rm -rf "$results"
status=0
dotnet test tests/OpenMvSsl.Tests/OpenMvSsl.Tests.csproj -c Release --no-build -nologo \
    --logger "trx;LogFileName=results.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=$?

trx="$results/results.trx"
if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    field() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    passed=$(field passed); failed=$(field failed); total=$(field total); executed=$(field executed)
    skipped=$(( ${total:-0} - ${executed:-0} ))
else
    echo "no .NET test results were written"
    passed=0; failed=1; skipped=0
    [ "$status" -ne 0 ] || status=1
fi
[ "$native_status" -eq 0 ] || status=1

# Every fuzz harness over its seed corpus, then 2 s of seeded mutation each (about a minute).
fuzz_passed=1; fuzz_failed=0
if ! bash scripts/fuzz-smoke.sh 2; then fuzz_passed=0; fuzz_failed=1; status=1; fi

echo ".NET tests: ${passed:-0} passed, ${failed:-0} failed; native tests: $native_passed passed, $native_failed failed; mbedTLS 3.6 build: $m36_passed passed, $m36_failed failed, $m36_skipped skipped; fuzz smoke: $fuzz_passed passed, $fuzz_failed failed"
echo "Tests: $(( ${passed:-0} + native_passed + m36_passed + fuzz_passed )) passed, $(( ${failed:-0} + native_failed + m36_failed + fuzz_failed )) failed, $(( skipped + m36_skipped )) skipped"
exit "$status"
