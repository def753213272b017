#!/usr/bin/env bash
# Makes the fixtures of test_portability in $2 from the test PKI in $1 (gen_pki.sh's rsa.key
# and message.bin): valid RSASSA-PSS signatures whose salt length is not the hash length,
# which the library must refuse (RFC 8446 4.2.3), and one with a zero byte in front.
set -euo pipefail
pki="$1" out="$2"
mkdir -p "$out"
# pss_sign <hash> <salt length> <output>
pss_sign() {
  openssl dgst -"$1" -sign "$pki/rsa.key" -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:"$2" \
    -sigopt rsa_mgf1_md:"$1" -out "$out/$3" "$pki/message.bin"
}
pss_sign sha256 0 rsa_pss_sha256_salt0.sig
pss_sign sha256 20 rsa_pss_sha256_salt20.sig
pss_sign sha256 max rsa_pss_sha256_saltmax.sig
pss_sign sha384 32 rsa_pss_sha384_salt32.sig
{ printf '\000'; cat "$pki/rsa_pss_sha256.sig"; } > "$out/rsa_pss_sha256_padded.sig"
touch "$out/done.stamp"
