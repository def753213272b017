#!/usr/bin/env bash
# Makes the test PKI and OpenSSL-made signatures in $1 (run by CMake at build time).
# Fixed validity dates through `openssl ca`, so each time-related case is deterministic:
#   ca            P-256 CA "OMV Test CA", 2020-01-01 .. 2049-12-31
#   leaf          P-256, SAN device.example, 2024-01-01 .. 2045-01-01
#   expired       P-256, SAN device.example, 2020-01-01 .. 2021-01-01
#   future        P-256, SAN device.example, 2044-01-01 .. 2046-01-01
#   wronghost     P-256, SAN other.example
#   rsa_leaf      RSA 2048, SAN device.example
#   p384_leaf     P-384 key (a key type the provider does not use)
#   other_leaf    signed by "OMV Other CA" (not a trust anchor)
#   rogue_leaf    signed by a different key under the same name as "OMV Test CA"
set -euo pipefail
out="$1"
rm -rf "$out"
mkdir -p "$out"
cd "$out"

cat > ca.cnf <<'CNF'
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = .
database = ./index.txt
new_certs_dir = ./newcerts
serial = ./serial
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = no
[ policy_any ]
commonName = supplied
[ req ]
distinguished_name = dn
[ dn ]
[ ca_ext ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ leaf_ext ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
subjectAltName = DNS:device.example
[ other_host_ext ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
subjectAltName = DNS:other.example
CNF

ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:"$2" -out "$1" 2>/dev/null; }

# init_ca <dir> <name>: a self-signed P-256 CA in its own database.
init_ca() {
  mkdir -p "$1/newcerts"
  : > "$1/index.txt"
  echo 1000 > "$1/serial"
  ec_key "$1/ca.key" P-256
  openssl req -new -key "$1/ca.key" -subj "/CN=$2" -config ca.cnf -out "$1/ca.csr"
  (cd "$1" && openssl ca -batch -notext -config ../ca.cnf -selfsign -keyfile ca.key -in ca.csr -out ca.pem \
     -startdate 20200101000000Z -enddate 20491231235959Z -extensions ca_ext 2>/dev/null)
  openssl x509 -in "$1/ca.pem" -outform DER -out "$1/ca.der"
}

# issue <ca dir> <key> <cn> <start> <end> <extensions> <output name>
issue() {
  openssl req -new -key "$2" -subj "/CN=$3" -config ca.cnf -out "$7.csr"
  (cd "$1" && openssl ca -batch -notext -config ../ca.cnf -cert ca.pem -keyfile ca.key -in "../$7.csr" \
     -out "../$7.pem" -startdate "$4" -enddate "$5" -extensions "$6" 2>/dev/null)
  openssl x509 -in "$7.pem" -outform DER -out "$7.der"
}

init_ca main "OMV Test CA"
init_ca other "OMV Other CA"
init_ca rogue "OMV Test CA"
cp main/ca.der ca.der
cp other/ca.der other_ca.der

ec_key leaf.key P-256
ec_key p384.key P-384
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa.key 2>/dev/null

issue main leaf.key device.example 20240101000000Z 20450101000000Z leaf_ext leaf
issue main leaf.key device.example 20200101000000Z 20210101000000Z leaf_ext expired
issue main leaf.key device.example 20440101000000Z 20460101000000Z leaf_ext future
issue main leaf.key other.example 20240101000000Z 20450101000000Z other_host_ext wronghost
issue main rsa.key device.example 20240101000000Z 20450101000000Z leaf_ext rsa_leaf
issue main p384.key device.example 20240101000000Z 20450101000000Z leaf_ext p384_leaf
issue other leaf.key device.example 20240101000000Z 20450101000000Z leaf_ext other_leaf
issue rogue leaf.key device.example 20240101000000Z 20450101000000Z leaf_ext rogue_leaf

# Private keys in every encoding the import takes.
openssl pkcs8 -topk8 -nocrypt -in leaf.key -outform DER -out ec_pkcs8.der
openssl ec -in leaf.key -outform DER -out ec_sec1.der 2>/dev/null
openssl ec -in leaf.key -out ec_sec1.pem 2>/dev/null
openssl pkcs8 -topk8 -nocrypt -in rsa.key -outform DER -out rsa_pkcs8.der
openssl rsa -in rsa.key -traditional -outform DER -out rsa_pkcs1.der 2>/dev/null
openssl rsa -in rsa.key -traditional -out rsa_pkcs1.pem 2>/dev/null
cp rsa.key rsa_pkcs8.pem
openssl pkcs8 -topk8 -nocrypt -in p384.key -outform DER -out p384_pkcs8.der

# Signatures made by OpenSSL over a fixed message.
printf 'OpenMvSsl signature test message' > message.bin
openssl dgst -sha256 -sign leaf.key -out ecdsa_sha256.sig message.bin
openssl dgst -sha256 -sign rsa.key -out rsa_pkcs1_sha256.sig message.bin
openssl dgst -sha384 -sign rsa.key -out rsa_pkcs1_sha384.sig message.bin
openssl dgst -sha256 -sign rsa.key -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest \
  -sigopt rsa_mgf1_md:sha256 -out rsa_pss_sha256.sig message.bin
openssl dgst -sha384 -sign rsa.key -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest \
  -sigopt rsa_mgf1_md:sha384 -out rsa_pss_sha384.sig message.bin
touch done.stamp
