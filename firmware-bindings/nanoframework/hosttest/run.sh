#!/usr/bin/env bash
# Builds the nanoFramework marshalling layer with the stand-in runtime (nanoCLR_Interop.h here)
# over omvssl_crypto and the system's mbedTLS, runs test_marshalling, then again under valgrind
# when it is installed. Exit status 0 only when everything passed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bindings=$(cd "$here/../.." && pwd)
out=${1:-$(mktemp -d)}
interop="$here/../InteropAssemblies/OpenMvSsl"
mkdir -p "$out"
for c in "$bindings"/src/*.c; do
    gcc -std=c99 -O1 -g -Wall -Wextra -I"$bindings/include" -c "$c" -o "$out/$(basename "$c" .c).o"
done
g++ -std=c++11 -O1 -g -Wall -Wextra -Werror -I"$here" -I"$interop" -I"$bindings/include" \
    "$here/test_marshalling.cpp" "$interop/OpenMvSsl_OpenMvSsl_Device_NativeCrypto.cpp" "$interop/OpenMvSsl_NativeState.cpp" \
    "$out"/*.o -lmbedx509 -lmbedcrypto -o "$out/test_marshalling"
"$out/test_marshalling"
if command -v valgrind >/dev/null; then
    valgrind --quiet --error-exitcode=2 --leak-check=full --errors-for-leak-kinds=definite "$out/test_marshalling"
fi
