#!/usr/bin/env bash
# Checks the compile-time requirement checks of src/mbedtls_requirements.h: for each option
# the library needs, a configuration without it must stop the compilation with
# "omvssl_crypto needs ... <option>". Options that mbedTLS's own configuration turns back on
# (3.x re-derives some from others) cannot be taken away that way and are reported as such.
# Ends with "mbedtls_requirements: N passed, N failed".
# usage: check_requirements.sh <C compiler> <mbedTLS include dir> <firmware-bindings dir> [user config file]
set -uo pipefail
cc="$1" mbedtls_include="$2" bindings="$3" base_config="${4:-}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A user config: the base one (the variant mbedTLS was built with), then the #undef.
config_without() {
  {
    [ -n "$base_config" ] && echo "#include \"$base_config\""
    [ -n "$1" ] && echo "#undef $1"
  } > "$work/config.h"
}
compile() { # compile <source>: the library's view of the configuration, no code generated
  "$cc" -std=c99 -fsyntax-only -I"$bindings/include" -I"$bindings/src" -I"$mbedtls_include" \
    -DMBEDTLS_USER_CONFIG_FILE="\"$work/config.h\"" "$1" > "$work/out.txt" 2>&1
}
printf '#include "internal.h"\n' > "$work/library.c"

passed=0 failed=0
config_without ""
if compile "$work/library.c"; then
  passed=$((passed + 1))
else
  echo "FAIL: the unchanged configuration does not compile:"; cat "$work/out.txt"
  failed=$((failed + 1))
fi

version=$(printf '#include <mbedtls/version.h>\nMBEDTLS_VERSION_NUMBER\n' |
  "$cc" -E -P -I"$mbedtls_include" - 2>/dev/null | tail -n 1)
if [ $((version)) -ge $((0x03000000)) ]; then sha384=MBEDTLS_SHA384_C; else sha384=MBEDTLS_SHA512_C; fi

for option in MBEDTLS_CTR_DRBG_C MBEDTLS_ENTROPY_C MBEDTLS_GCM_C MBEDTLS_CCM_C MBEDTLS_CHACHAPOLY_C \
    MBEDTLS_AES_C MBEDTLS_MD_C MBEDTLS_SHA256_C "$sha384" MBEDTLS_BIGNUM_C MBEDTLS_ECP_C MBEDTLS_ECDH_C \
    MBEDTLS_ECDSA_C MBEDTLS_ECP_DP_SECP256R1_ENABLED MBEDTLS_RSA_C MBEDTLS_PKCS1_V15 MBEDTLS_PKCS1_V21 \
    MBEDTLS_PK_PARSE_C MBEDTLS_PEM_PARSE_C MBEDTLS_ASN1_PARSE_C MBEDTLS_OID_C MBEDTLS_X509_CRT_PARSE_C; do
  config_without "$option"
  printf '#include <mbedtls/version.h>\n#if defined(%s)\n#error "still defined"\n#endif\n' "$option" > "$work/probe.c"
  if ! compile "$work/probe.c" && grep -q 'still defined' "$work/out.txt"; then
    echo "skip: $option comes back on in this configuration (mbedTLS derives it from other options)"
    continue
  fi
  if compile "$work/library.c"; then
    echo "FAIL: without $option the library still compiles"
    failed=$((failed + 1))
  elif grep -E "#error.*omvssl_crypto needs.*$option\b" "$work/out.txt" > /dev/null; then
    passed=$((passed + 1))
  else
    echo "FAIL: without $option the compilation fails, but not naming it:"
    grep -E 'error' "$work/out.txt" | head -n 5
    failed=$((failed + 1))
  fi
done
echo "mbedtls_requirements: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
