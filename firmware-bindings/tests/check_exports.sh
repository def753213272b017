#!/usr/bin/env bash
# Checks that the shared library exports exactly the functions the header declares (what
# P/Invoke will bind to), so a missing OMV_API or a leaked internal symbol fails the build.
set -euo pipefail
library="$1" header="$2"
declared=$(grep -o '^OMV_API [^(]*(' "$header" | sed 's/($//; s/.*[ *]//' | sort -u)
exported=$(nm -D --defined-only "$library" | awk '$2 == "T" { print $3 }' | sort -u)
if [ "$declared" != "$exported" ]; then
  echo "declared vs exported differ:"
  diff <(echo "$declared") <(echo "$exported") || true
  exit 1
fi
echo "$(echo "$declared" | wc -l) functions exported, as declared"
