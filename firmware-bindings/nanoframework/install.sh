#!/usr/bin/env bash
# Copies the OpenMvSsl interop assembly into an nf-interpreter checkout.
#   install.sh <nf-interpreter dir> <metadata processor stubs dir of OpenMvSsl>
# The stubs dir is what building src/OpenMvSsl.Device/OpenMvSsl.nfproj with stub generation
# writes (bin/<Configuration>/Stubs/OpenMvSsl): only its OpenMvSsl.cpp (the method lookup table
# and the native checksum) is taken; the marshalling layer is ours. The script refuses a stub
# table whose native handlers differ from ours (names, signatures, order).
set -euo pipefail
nf=${1:?nf-interpreter directory}
stubs=${2:?metadata processor stubs directory (contains OpenMvSsl.cpp)}
here=$(cd "$(dirname "$0")" && pwd)
bindings=$(cd "$here/.." && pwd)
target="$nf/InteropAssemblies/OpenMvSsl"

[ -f "$nf/CMakeLists.txt" ] || { echo "$nf is not an nf-interpreter checkout" >&2; exit 1; }
[ -f "$stubs/OpenMvSsl.cpp" ] || { echo "$stubs/OpenMvSsl.cpp missing: build the nfproj with stubs first" >&2; exit 1; }

ours=$(grep -o 'NANOCLR_NATIVE_DECLARE([A-Za-z0-9_]*)' "$here/InteropAssemblies/OpenMvSsl/OpenMvSsl.h" | sed 's/.*(\(.*\))/\1/')
theirs=$(grep -o 'Library_OpenMvSsl_OpenMvSsl_Device_NativeCrypto::[A-Za-z0-9_]*' "$stubs/OpenMvSsl.cpp" | sed 's/.*:://')
if [ "$ours" != "$theirs" ]; then
    echo "The generated method table does not match the marshalling layer:" >&2
    diff <(echo "$ours") <(echo "$theirs") >&2 || true
    exit 1
fi

mkdir -p "$target/omvssl_crypto/include" "$target/omvssl_crypto/src"
cp "$here"/InteropAssemblies/OpenMvSsl/* "$target/"
cp "$stubs/OpenMvSsl.cpp" "$target/"
cp "$bindings"/include/omvssl_crypto.h "$target/omvssl_crypto/include/"
cp "$bindings"/src/*.c "$bindings"/src/*.h "$target/omvssl_crypto/src/"
cp "$here/CMake/Modules/FindINTEROP-OpenMvSsl.cmake" "$nf/CMake/Modules/"
grep -o '0x[0-9A-Fa-f]\{8\}' "$stubs/OpenMvSsl.cpp" | head -1 | sed 's/^/Native checksum: /'
echo "Installed into $target. Add \"OpenMvSsl\" to NF_INTEROP_ASSEMBLIES in CMakeUserPresets.json."
