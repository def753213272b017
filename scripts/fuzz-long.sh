#!/usr/bin/env bash
# Long AFL++ campaign over the SharpFuzz harnesses (issue 7). Not part of the test command.
#
#   scripts/fuzz-long.sh [executions-per-target] [max-seconds-per-target] [target ...]
#
# Defaults: 10,000,000 executions, at most 3 hours per target, every target in turn.
# Each target runs with afl-fuzz -E (stop after that many executions) and -V (time cap),
# seeded from fuzz/corpus/<target>. Findings go to $FUZZ_OUT (default /tmp/omvssl-afl)/<target>.
# One summary line per target is appended to $FUZZ_OUT/summary.tsv:
#   target  execs_done  corpus_count  saved_crashes  saved_hangs  run_time_s  execs_per_sec
# Needs afl++ (Debian package) and the sharpfuzz tool (dotnet tool install -g SharpFuzz.CommandLine --version 2.3.0).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
execs="${1:-10000000}"
max_seconds="${2:-10800}"
shift $(( $# > 2 ? 2 : $# ))
out="${FUZZ_OUT:-/tmp/omvssl-afl}"
bin="$out/bin"

command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: sudo apt-get install afl++" >&2; exit 2; }
sharpfuzz="$(command -v sharpfuzz || echo "$HOME/.dotnet/tools/sharpfuzz")"
[ -x "$sharpfuzz" ] || { echo "sharpfuzz not found: dotnet tool install -g SharpFuzz.CommandLine --version 2.3.0" >&2; exit 2; }

mkdir -p "$out"
if [ ! -f "$bin/.instrumented" ]; then
  rm -rf "$bin"
  dotnet publish "$root/fuzz/OpenMvSsl.Fuzz" -c Release -o "$bin" >/dev/null
  "$sharpfuzz" "$bin/OpenMvSsl.dll"   # instrument the library only, not the harness
  touch "$bin/.instrumented"
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <("$bin/OpenMvSsl.Fuzz" --list)
fi

export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_NO_UI=1 AFL_NO_AFFINITY=1
for t in "${targets[@]}"; do
  findings="$out/$t"
  rm -rf "$findings"
  echo "== $t: up to $execs executions or $max_seconds s"
  afl-fuzz -i "$root/fuzz/corpus/$t" -o "$findings" -E "$execs" -V "$max_seconds" -t 5000 -m none \
    -- "$bin/OpenMvSsl.Fuzz" "$t" --afl >"$out/$t.log" 2>&1 || echo "afl-fuzz exited with $? (see $out/$t.log)"
  stats="$findings/default/fuzzer_stats"
  if [ -f "$stats" ]; then
    field() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$(field execs_done)" "$(field corpus_count)" \
      "$(field saved_crashes)" "$(field saved_hangs)" "$(field run_time)" "$(field execs_per_sec)" \
      | tee -a "$out/summary.tsv"
  fi
done
