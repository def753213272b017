#!/usr/bin/env bash
# Bounded fuzz smoke run: every harness in fuzz/OpenMvSsl.Fuzz mutates its seed corpus
# (fuzz/corpus/TARGET) for a few seconds with a fixed seed; exits non-zero on any crash.
# Usage: scripts/fuzz-smoke.sh [SECONDS_PER_TARGET (default 2)] [SEED (default 1)]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-2}
seed=${2:-1}
dotnet build fuzz/OpenMvSsl.Fuzz -c Release -v quiet -nologo >/dev/null
fuzzer=fuzz/OpenMvSsl.Fuzz/bin/Release/net10.0/OpenMvSsl.Fuzz
status=0
"$fuzzer" all --replay || status=1
"$fuzzer" all --random "$seed" "$seconds" --crashes "${TMPDIR:-/tmp}/openmvssl-fuzz-crashes" || status=1
if [ $status -ne 0 ]; then echo "fuzz smoke: CRASHES (inputs saved under ${TMPDIR:-/tmp}/openmvssl-fuzz-crashes)"; else echo "fuzz smoke: no crashes"; fi
exit $status
