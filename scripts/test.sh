#!/usr/bin/env bash
# The whole test suite from a fresh clone: installs what the tests need (Debian packages),
# restores, builds every project (including the nanoFramework compile of the core) and runs
# every test. Ends with one line "Tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bash scripts/install-deps.sh

dotnet build OpenMvSsl.sln -c Release -nologo -clp:ErrorsOnly

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
    echo "Tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped} skipped"
else
    echo "Tests: 0 passed, 1 failed (no test results were written)"
    [ "$status" -ne 0 ] || status=1
fi
exit "$status"
